"""Every route states its permission, and nothing is reachable anonymously unless listed public.

Pages send anonymous visitors to sign in; the REST API (routes under "api/") answers them 401
or 403 instead, and every API viewset declares a permission for each action it routes.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Routes anyone may open without signing in, and why.
PUBLIC_ROUTES = {
    "healthz",  # load balancer probe, says only "ok"
    "set_language",  # switching language before signing in
    "invitation_accept",  # the emailed link; the token is the credential
    "governance_calendar_feed",  # personal calendar feed; the secret token is the credential
}
# Third-party route groups that carry their own access rules.
THIRD_PARTY_PREFIXES = ("admin/", "accounts/")
# No API route is public, the schema and its docs included: they describe every register's
# fields, and the people who use the API can sign in or send their token to read them.
API_PREFIX = "api/"


def walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def own_routes():
    return [(route, pattern) for route, pattern in walk(get_resolver())
            if not route.startswith(THIRD_PARTY_PREFIXES)]


def sample_url(route):
    import re

    route = route.replace("<slug:consortium_slug>", "taf-valley").replace("<str:token>", "not-a-token")
    route = route.replace("<slug:consortium>", "taf-valley")  # the API's tenant kwarg
    route = re.sub(r"<slug:\w+>", "sample", route)  # any other slug, e.g. an action's name
    return "/" + re.sub(r"<int:\w+>", "1", route)


def declared_permission(view):
    """The permission a view declares; an API viewset declares one for each action its route maps to."""
    viewset = getattr(view, "cls", None)
    if viewset is not None and hasattr(view, "actions"):
        declared = getattr(viewset, "action_permissions", {})
        return all(action in declared for action in view.actions.values())
    return getattr(view, "permission_required", None) or getattr(
        getattr(view, "view_class", None), "permission_required", None)


@pytest.mark.parametrize("route,pattern", own_routes(), ids=[r for r, _ in own_routes()])
def test_every_view_declares_its_permission(route, pattern):
    assert declared_permission(pattern.callback), f"{route} does not state the permission it needs"


def private_routes():
    return [route for route, pattern in own_routes()
            if pattern.name not in PUBLIC_ROUTES and not route.startswith(API_PREFIX)]


def api_routes():
    return [route for route, _ in own_routes() if route.startswith(API_PREFIX)]


@pytest.mark.parametrize("route", private_routes())
def test_anonymous_visitors_are_sent_to_sign_in(client, consortium, route):
    response = client.get(sample_url(route))

    assert response.status_code == 302, f"{route} answered {response.status_code} to an anonymous visitor"
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("route", api_routes())
def test_anonymous_api_requests_are_refused(client, consortium, route):
    response = client.get(sample_url(route))

    assert response.status_code in (401, 403), f"{route} answered {response.status_code} to an anonymous client"


def test_the_api_is_crawled():
    assert len(api_routes()) >= 3


def test_the_public_list_names_real_routes():
    names = {pattern.name for _, pattern in own_routes()}

    assert names >= PUBLIC_ROUTES


def test_admin_sends_anonymous_visitors_to_sign_in(client):
    response = client.get("/admin/")

    assert response.status_code == 302
