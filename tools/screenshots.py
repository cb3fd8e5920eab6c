"""Screenshots of every page of the browser crawl, at a phone's width and a laptop's, in English and Welsh.

    .venv/bin/python tools/screenshots.py                 # every page, 390 and 1280 px, en and cy
    SCREENSHOTS_ONLY=plan_detail,ite_board .venv/bin/python tools/screenshots.py
    SCREENSHOTS_LANGUAGES=cy SCREENSHOTS_WIDTHS=390 .venv/bin/python tools/screenshots.py

The pages, the people who open them and their sample objects are the crawl's own (World and PAGES in
tests/browser/test_every_page.py), on a throwaway PostgreSQL as in the tests. The images go to
var/screenshots/<language>-<width>/<route>.png (var/ is not in git), and every page wider than its
viewport is printed, with its width, at the end. It is run under pytest only to reuse the test
database, the live server and the browser fixture; it checks nothing and is not part of the suite.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "var" / "screenshots"
HEIGHT = {390: 844, 1280: 900}
# The innermost elements that reach past the viewport's right edge: where a too-wide page needs fixing.
OVERFLOWING = """width => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > width + 1
          && ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
  .slice(0, 4)
  .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} "${(e.textContent || "").trim().slice(0, 40)}"`
            + ` right=${Math.round(e.getBoundingClientRect().right)}`)"""


def _setting(name: str, default: str) -> list[str]:
    return [value.strip() for value in os.environ.get(name, default).split(",") if value.strip()]


if __name__ != "__main__":  # collected by pytest (main() below runs it)
    from django.urls import reverse
    from playwright.sync_api import Error as PlaywrightError

    from tests.browser.conftest import browser, page_width, session_for  # noqa: F401 (browser is a fixture)
    from tests.browser.test_every_page import PAGES, World

    @pytest.mark.django_db(transaction=True)
    def test_screenshots(browser, live_server):  # noqa: F811
        only = set(_setting("SCREENSHOTS_ONLY", ""))
        languages = _setting("SCREENSHOTS_LANGUAGES", "en,cy")
        widths = [int(width) for width in _setting("SCREENSHOTS_WIDTHS", "390,1280")]
        unknown = only - set(PAGES)
        assert not unknown, f"not pages of the crawl: {sorted(unknown)}"
        world = World()
        taken, too_wide, failed = 0, [], []
        for language in languages:
            for width in widths:
                folder = OUT / f"{language}-{width}"
                folder.mkdir(parents=True, exist_ok=True)
                pages = {}
                for name, (email, arguments) in PAGES.items():
                    if only and name not in only:
                        continue
                    if email not in pages:
                        pages[email] = _page_for(browser, live_server, world, email, language, width)
                    page = pages[email]
                    url = reverse(name, kwargs=arguments(world))
                    try:
                        response = page.goto(url)
                    except PlaywrightError as error:
                        failed.append((language, width, name, str(error).splitlines()[0]))
                        continue
                    if response.status != 200:
                        failed.append((language, width, name, response.status))
                    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
                    taken += 1
                    if (scroll := page_width(page)) > width:
                        too_wide.append((language, width, name, scroll, page.evaluate(OVERFLOWING, width)))
                for page in pages.values():
                    page.context.close()
        print(f"\n{taken} screenshots in {OUT}")
        for language, width, name, scroll, culprits in too_wide:
            print(f"  too wide: {language} {width}px {name} is {scroll}px wide; past the edge: {culprits}")
        for language, width, name, status in failed:
            print(f"  not shown: {language} {width}px {name}: {status}")
        if not too_wide:
            print("  no page is wider than its viewport")

    def _page_for(browser, live_server, world, email, language, width):  # noqa: F811
        context = browser.new_context(viewport={"width": width, "height": HEIGHT.get(width, 900)},
                                      base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
        context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
        if email is not None:
            user = world.users[email]
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
            context.add_cookies([{"name": "sessionid", "value": session_for(user), "url": live_server.url}])
        return context.new_page()


def main() -> int:
    os.chdir(ROOT)
    return pytest.main([str(Path(__file__).resolve()), "-q", "-s", "-p", "no:cacheprovider",
                        "-o", "python_files=screenshots.py", "--rootdir", str(ROOT)])


if __name__ == "__main__":
    sys.exit(main())
