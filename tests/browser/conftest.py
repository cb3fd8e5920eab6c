"""The browser suite: Playwright driving the system's Chromium against a live server.

One browser per test module, a fresh context (cookies, language) per test.
Elements are found by their role and accessible name, as a person finds them, so restyling a
page never breaks a test that still describes what the person does.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.urls import resolve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
AXE = Path(django_settings.BASE_DIR) / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# NOTE: module-scoped, not session-scoped. Playwright's synchronous API keeps an event loop running in
# this thread while a browser is open, and Django's async guard would refuse the tests' own ORM calls
# (factories, services, the database flush), which are synchronous and safe: the guard is told so while
# the browser is open, and only then, so the tests after this package (a deployment check among them)
# neither meet a running loop nor inherit the setting.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("The browser tests need Chromium: apt-get install -y chromium (CI installs it).")
    if not AXE.exists():
        pytest.fail("The browser tests need axe-core from npm: run `make env` (frontend/node_modules).")
    from playwright.sync_api import sync_playwright

    earlier = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists()
                                                 else shutil.which("chromium"), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if earlier is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = earlier


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def viewport(request):
    return request.param


@pytest.fixture
def open_browser(browser, live_server, viewport):
    """`open_browser(user=None, language="en")` gives a page signed in as `user` (or anonymous)."""
    contexts = []

    def _open(user=None, language: str = "en"):
        context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="en-GB",
                                      timezone_id="Europe/London")
        context.set_default_timeout(15000)
        context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
        if user is not None:
            context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session_for(user),
                                  "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.viewport_width = viewport["width"]
        return page

    yield _open
    for context in contexts:
        context.close()


def session_for(user) -> str:
    """A signed-in session for `user`, second factor checked, as after signing in with the form."""
    from importlib import import_module

    store = import_module(django_settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["mfa_checked"] = True
    store.save()
    return store.session_key


def route_name(page) -> str | None:
    from urllib.parse import urlparse

    try:
        return resolve(urlparse(page.url).path).url_name
    except Exception:  # noqa: BLE001 (a URL outside the site's routes has no name)
        return None


_axe_source: list[str] = []


def load_axe(page) -> None:
    """axe-core into the page, under its Content Security Policy.

    NOTE: not page.add_script_tag: that writes an inline <script>, which the policy (no 'unsafe-inline')
    refuses, and the refusal would count as a violation in tests/browser/test_csp.py. Code evaluated
    through the DevTools protocol is not the page's own and the policy does not apply to it.
    """
    if not _axe_source:
        _axe_source.append(AXE.read_text(encoding="utf-8"))
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source[0] + "\n;true")
    assert page.evaluate("typeof window.axe.run === 'function'"), "axe-core did not load"


def axe_violations(page) -> list[dict]:
    load_axe(page)
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
             .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                 nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))""",
        AXE_TAGS)


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def check_page(page) -> None:
    """What every page a person reaches must be: no wider than the screen, and no axe violation."""
    width = page_width(page)
    assert width <= page.viewport_width, f"{page.url} is {width}px wide on a {page.viewport_width}px screen"
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


# Every Content Security Policy violation in a context: the browser's securitypolicyviolation event,
# reported through a binding (the DevTools protocol's, which the policy does not govern), and Chromium's
# console message for each refusal, in case a violation happens before the listener is in place.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", event => window.__reportCspViolation({
  directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample,
  source: event.sourceFile + ":" + event.lineNumber, page: document.location.pathname}));
"""


def watch_csp(context) -> list[str]:
    """The list a context's CSP violations are appended to, as they happen."""
    violations: list[str] = []
    context.expose_binding("__reportCspViolation", lambda source, v: violations.append(
        f"{v['page']}: {v['directive']} refused {v['blocked'] or 'inline'} {v['sample']!r} ({v['source']})"))
    context.add_init_script(CSP_LISTENER)

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append(f"{message.page.url if message.page else '?'}: console: {message.text}")

    context.on("console", on_console)
    return violations
