"""Each demo role signs in and does their main job, on a phone and on a laptop.

Every page on the way is checked as the person sees it: no wider than the screen and no axe-core
violation (WCAG 2.2 AA). The data is the demo's own (`seed_demo`), plus what a job needs that the
demo does not have (a second meeting that took place, for approving minutes at it).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import io
import re
import struct
import time
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from demo.data import DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD

from .conftest import check_page

pytestmark = pytest.mark.django_db(transaction=True)

HEAD = "head@demo.partneriaeth.cymru"
CLERK = "clerk@demo.partneriaeth.cymru"
CHAIR = "chair@demo.partneriaeth.cymru"
ADMIN = "admin@demo.partneriaeth.cymru"


def totp(secret: str) -> str:
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return str((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000).zfill(6)


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", stdout=io.StringIO())


def sign_in(page, email: str, *, second_factor: str | None = None) -> None:
    page.goto("/accounts/login/")
    check_page(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    if second_factor:
        expect(page.get_by_role("heading", level=1)).to_contain_text("Two-Factor")
        check_page(page)
        page.get_by_label("Code").fill(totp(second_factor))
        page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile("/accounts/"))


def go_to_consortium(page, name: str, *, welcome: str = "Welcome") -> None:
    """People who work in several consortia choose one first (the home page lists them)."""
    if urlparse(page.url).path == "/":
        check_page(page)
        page.get_by_role("main").get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(welcome)
    check_page(page)


def open_section(page, name: str) -> None:
    """A link of the main navigation; on a phone it is behind the Menu button."""
    navigation = page.get_by_role("navigation", name=re.compile("^(Main|Prif lywio)$"))
    menu = navigation.get_by_role("button", name=re.compile("^(Menu|Dewislen)$"))
    if menu.is_visible():
        menu.click()
    navigation.get_by_role("link", name=name, exact=True).click()
    check_page(page)


def prefers(email: str, language: str) -> None:
    from accounts.models import User

    User.objects.filter(email=email).update(preferred_language=language)


def test_a_headteacher_replies_to_a_notice(demo, open_browser):
    page = open_browser()
    sign_in(page, HEAD)
    go_to_consortium(page, "Taf Valley Schools")

    # The dashboard leads with what needs the head now: the notice to reply to.
    page.get_by_role("link", name="Reply to the notice of Spring strategic meeting").click()
    check_page(page)
    page.get_by_label("Attending").check()
    page.get_by_role("button", name="Send my reply").click()

    expect(page.get_by_text("Your reply: Attending")).to_be_visible()
    check_page(page)


def test_a_headteacher_accepts_an_agreement_and_a_missed_tick_is_explained_at_the_top(demo, open_browser):
    page = open_browser()
    sign_in(page, HEAD)
    go_to_consortium(page, "Exceed Teaching School Hub")
    page.get_by_role("region", name="Agreements to accept").get_by_role("link").first.click()
    check_page(page)

    # The answer is at the end of a long text; the page says so at the top and links there.
    page.get_by_role("link", name="Go to accept").click()
    page.get_by_role("button", name="Accept the agreement").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Tick the box to confirm you accept.")
    assert summary.bounding_box()["y"] < page.viewport_size["height"], "the error summary is not on screen"
    check_page(page)
    summary.get_by_role("link", name="Tick the box to confirm you accept.").click()
    confirmation = page.get_by_label(re.compile("I have read this agreement and accept its commitments"))
    expect(confirmation).to_be_focused()

    confirmation.check()
    page.get_by_role("button", name="Accept the agreement").click()

    expect(page.get_by_text("Thank you: your acceptance is recorded.")).to_be_visible()
    expect(page.get_by_role("region", name="Your part in this agreement")).to_contain_text("Accepted")
    check_page(page)


def _planned_then_held(partnership_meeting, title: str):
    """A meeting planned and noticed three weeks ago for two days ago: it has taken place since."""
    from governance import services
    from governance.models import Meeting
    from governance.rules import LONDON

    autumn = partnership_meeting
    planned_at = timezone.now() - dt.timedelta(days=21)
    day = timezone.localdate() - dt.timedelta(days=2)
    meeting = services.meeting_schedule(
        partnership=autumn.partnership, created_by=autumn.chair, title=title, kind=Meeting.Kind.STRATEGIC,
        starts_at=dt.datetime.combine(day, dt.time(16), tzinfo=LONDON),
        ends_at=dt.datetime.combine(day, dt.time(17), tzinfo=LONDON), venue="Parc Primary School",
        chair=autumn.chair, note_taker=autumn.note_taker, now=planned_at)
    services.agenda_item_save(meeting=meeting, title="Minutes of the last meeting", owner=autumn.chair)
    services.agenda_agree(meeting=meeting, by=autumn.chair)
    return services.meeting_notice_send(meeting=meeting, by=autumn.chair, now=planned_at)


@pytest.fixture
def meeting_just_held(demo):
    from governance.models import Meeting

    return _planned_then_held(Meeting.objects.get(title="Autumn strategic meeting"), "Extraordinary meeting")


def test_a_clerk_records_attendance(meeting_just_held, open_browser):
    prefers(CLERK, "en")  # the demo's clerk reads Welsh; the administrator's journey is the Welsh one
    page = open_browser()
    sign_in(page, CLERK)
    go_to_consortium(page, "Taf Valley Schools")
    open_section(page, "Meetings")
    page.get_by_role("link", name="Past meetings").click()
    check_page(page)
    page.get_by_role("link", name="Extraordinary meeting", exact=True).click()
    check_page(page)
    page.get_by_role("link", name="Record attendance").click()
    check_page(page)

    page.get_by_role("group", name="Rhian Davies").get_by_label("Apologies").check()
    page.get_by_role("button", name="Save attendance").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Extraordinary meeting")
    expect(page.get_by_role("row", name=re.compile("Rhian Davies"))).to_contain_text("Apologies")
    check_page(page)


@pytest.fixture
def second_meeting_held(meeting_just_held):
    """A meeting after the demo's autumn one that took place, at which its minutes can be approved."""
    from governance import services
    from governance.models import Meeting

    autumn = Meeting.objects.get(title="Autumn strategic meeting")
    services.attendance_record(meeting=meeting_just_held, by=autumn.note_taker,
                               people={a.user_id: "present" for a in autumn.attendance.filter(user__isnull=False)})
    return meeting_just_held


def test_a_chair_approves_minutes_at_a_meeting_that_took_place(second_meeting_held, open_browser):
    page = open_browser()
    sign_in(page, CHAIR)
    go_to_consortium(page, "Taf Valley Schools")
    open_section(page, "Meetings")
    page.get_by_role("link", name="Past meetings").click()
    page.get_by_role("link", name="Autumn strategic meeting").click()
    check_page(page)

    page.get_by_role("link", name="Approve", exact=True).click()
    check_page(page)
    page.get_by_label(re.compile("Extraordinary meeting")).check()
    page.get_by_role("button", name="Approve").click()

    expect(page.get_by_text(re.compile("Approved"))).to_be_visible()
    check_page(page)


def test_a_consortium_admin_generates_and_downloads_an_annual_report(demo, open_browser):
    from pypdf import PdfReader

    page = open_browser()
    sign_in(page, ADMIN, second_factor=DEMO_ADMIN_TOTP_SECRET)
    # The demo's administrator reads Welsh: the pages, and the consortium's and partnership's names, are Welsh.
    go_to_consortium(page, "Ysgolion Cwm Taf", welcome="Croeso")
    open_section(page, "Partneriaethau")
    page.get_by_role("main").get_by_role("link", name="Partneriaeth Gwella Ysgolion Cynradd Cwm Taf").click()
    check_page(page)

    reports = page.get_by_role("region", name="Adroddiadau blynyddol")
    reports.get_by_label("Saesneg").check()
    reports.get_by_role("button", name="Creu’r adroddiad").click()
    download_link = reports.get_by_role("link", name=re.compile("Lawrlwytho['’]r PDF"))
    expect(download_link.first).to_be_visible(timeout=60000)
    expect(reports).to_contain_text("Yn barod")
    check_page(page)

    with page.expect_download() as download:
        download_link.first.click()
    pdf = PdfReader(download.value.path())
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Taf Valley Primary School Improvement Partnership" in text
