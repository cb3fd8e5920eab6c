"""Every route states its permission, and nothing is reachable anonymously unless listed public."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Routes anyone may open without signing in, and why.
PUBLIC_ROUTES = {
    "healthz",  # load balancer probe, says only "ok"
    "set_language",  # switching language before signing in
    "invitation_accept",  # the emailed link; the token is the credential
}
# Third-party route groups that carry their own access rules.
THIRD_PARTY_PREFIXES = ("admin/", "accounts/")


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
    return "/" + (route.replace("<slug:consortium_slug>", "taf-valley").replace("<int:pk>", "1")
                  .replace("<str:token>", "not-a-token"))


@pytest.mark.parametrize("route,pattern", own_routes(), ids=[r for r, _ in own_routes()])
def test_every_view_declares_its_permission(route, pattern):
    view = pattern.callback
    declared = getattr(view, "permission_required", None) or getattr(
        getattr(view, "view_class", None), "permission_required", None)

    assert declared, f"{route} does not state the permission it needs"


def private_routes():
    return [route for route, pattern in own_routes() if pattern.name not in PUBLIC_ROUTES]


@pytest.mark.parametrize("route", private_routes())
def test_anonymous_visitors_are_sent_to_sign_in(client, consortium, route):
    response = client.get(sample_url(route))

    assert response.status_code == 302, f"{route} answered {response.status_code} to an anonymous visitor"
    assert response.url.startswith("/accounts/login/")


def test_the_public_list_names_real_routes():
    names = {pattern.name for _, pattern in own_routes()}

    assert names >= PUBLIC_ROUTES


def test_admin_sends_anonymous_visitors_to_sign_in(client):
    response = client.get("/admin/")

    assert response.status_code == 302
