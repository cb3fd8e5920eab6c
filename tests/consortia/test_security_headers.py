"""Every page carries the Content Security Policy (no 'unsafe-inline', no 'unsafe-eval') and the other
security headers: the site's pages, the admin (import-export and simple-history included), allauth's sign-in
page and the API docs. The HTML those pages send has no inline script, style or event handler for the
policy to block (the browser test, tests/browser/test_csp.py, checks what Chromium itself reports)."""

import importlib
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from finance import services as finance
from partnerships.services import partnership_role_grant

from ..factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        assert name not in parsed, f"{name} is given twice"
        parsed[name] = values
    return parsed


class InlineCode(HTMLParser):
    """What a policy without 'unsafe-inline' would block: <script> without src (JSON data blocks are
    not run, so they pass), <style>, style="" and on...="" attributes."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and attributes.get("type") not in (
                "application/json", "application/ld+json"):
            self.found.append(f"<script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f'<{tag} {name}="{value}"> at line {self.getpos()[0]}')


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def assert_secure(response):
    assert response.status_code == 200, response.status_code
    header = response.headers["Content-Security-Policy"]
    assert directives(header) == POLICY
    assert "unsafe" not in header
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    if response.headers["Content-Type"].startswith("text/html"):
        assert inline_code(response.content.decode()) == []


@pytest.fixture
def history_row(consortium, partnership):
    """A finance settings row with two history records (simple-history's admin page)."""
    manager = UserFactory()
    partnership_role_grant(partnership=partnership, user=manager, role="finance_administrator")
    for minutes in (60, 90):
        row = finance.finance_settings_update(partnership=partnership, by=manager, year_basis="academic",
                                              open_books=False, free_release_minutes=minutes)
    return row


def test_a_page_of_the_site(client, consortium, consortium_admin):
    client.force_login(consortium_admin)

    assert_secure(client.get(reverse("dashboard", args=[consortium.slug])))


def test_the_sign_in_page(client):
    assert_secure(client.get(reverse("account_login")))


def test_the_api_docs_and_their_start_up_script(client, member):
    client.force_login(member)

    page = client.get(reverse("api_docs"))
    assert_secure(page)
    html = page.content.decode()
    assert "/static/css/api-docs.css" in html
    script = client.get(reverse("api_docs") + "?script=")
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in script.content.decode()


@pytest.mark.parametrize("page", ["changelist", "change", "import", "export"])
def test_the_admin_and_import_export_pages(client, consortium, consortium_admin, page):
    organisation = OrganisationFactory(consortium=consortium)
    client.force_login(consortium_admin)
    args = [organisation.pk] if page == "change" else []

    response = client.get(reverse(f"admin:partnerships_organisation_{page}", args=args))

    assert_secure(response)
    if page == "export":
        html = response.content.decode()
        assert 'id="select-all-toggle"' in html  # the box the "Select all" label names
        assert "/static/js/admin-export.js" in html


def test_a_change_list_without_actions_keeps_its_column_rule_in_a_class(client, consortium_admin,
                                                                        history_row, monkeypatch):
    from finance.admin import FinanceSettingsAdmin

    monkeypatch.setattr(FinanceSettingsAdmin, "actions_on_top", False)
    monkeypatch.setattr(FinanceSettingsAdmin, "actions_on_bottom", False)
    client.force_login(consortium_admin)

    response = client.get(reverse("admin:finance_financesettings_changelist"))

    assert_secure(response)
    assert "app-admin-no-actions" in response.content.decode()


def test_the_simple_history_page(client, consortium_admin, history_row):
    client.force_login(consortium_admin)

    response = client.get(reverse("admin:finance_financesettings_history", args=[history_row.pk]))

    assert_secure(response)
    html = response.content.decode()
    assert "app-admin-history-paginator" in html
    assert "/static/css/admin.css" in html


def test_a_nonce_a_template_asks_for_is_added_to_the_policy(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    middleware = CSPMiddleware(view)
    request = rf.get("/")
    middleware.process_request(request)
    response = middleware.process_response(request, view(request))

    nonce = f"'nonce-{request._csp_nonce}'"
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", nonce]
    assert policy["style-src"] == ["'self'", nonce]


def test_forms_may_post_to_the_identity_provider_only_when_one_is_configured():
    code = ("import config.settings.base as b; "
            "print(' '.join(b.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']))")

    def form_action(**env):
        environment = {k: v for k, v in os.environ.items() if k != "MICROSOFT_CLIENT_ID"}
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**environment, **env},
                                capture_output=True, text=True, check=True)
        return result.stdout.split()

    assert form_action() == ["'self'"]
    assert form_action(MICROSOFT_CLIENT_ID="an-app-id", MICROSOFT_CLIENT_SECRET="s") == [
        "'self'", "https://login.microsoftonline.com"]


def test_production_sends_hsts_and_the_same_policy(client, settings, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "p" * 10 + "-Zq8v1R7sT0pL3mN6bV9cX2zA5sD8fG1hJ4kL7qW0eR3tY6uI9oP")
    monkeypatch.delenv("SECURE_HSTS_SECONDS", raising=False)
    monkeypatch.delenv("SECURE_HSTS_PRELOAD", raising=False)
    import config.settings.production as production

    production = importlib.reload(production)
    assert "csp.middleware.CSPMiddleware" in production.MIDDLEWARE
    assert production.CONTENT_SECURITY_POLICY == settings.CONTENT_SECURITY_POLICY
    settings.SECURE_HSTS_SECONDS = production.SECURE_HSTS_SECONDS
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = production.SECURE_HSTS_INCLUDE_SUBDOMAINS
    settings.SECURE_HSTS_PRELOAD = production.SECURE_HSTS_PRELOAD

    secure = client.get(reverse("account_login"), secure=True)
    plain = client.get(reverse("account_login"))

    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in plain.headers  # HSTS is only sent over HTTPS
    assert directives(secure.headers["Content-Security-Policy"]) == POLICY
