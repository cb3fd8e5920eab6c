"""iCalendar invitations: one VEVENT per meeting with a stable UID and SEQUENCE = meeting version.

METHOD:REQUEST for a notice or an update, METHOD:CANCEL with STATUS:CANCELLED for a cancellation,
times with the Europe/London TZID and its VTIMEZONE so calendar clients place them right.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from consortia.bilingual import bilingual, reading_language
from consortia.text import clean_text

from .models import Meeting
from .rules import LONDON

PRODID = "-//Partneriaeth//Meetings//EN"


def meeting_url(meeting: Meeting, consortium_slug: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("meeting_detail", args=[consortium_slug, meeting.pk])


def vevent(*, uid: str, sequence: int, starts_at, ends_at, summary: str, location: str, url: str,
           cancelled: bool, attendee: str | None = None, language: str | None = None) -> Event:
    """One VEVENT in Europe/London time; meetings and other apps' events (programme events) share it."""
    language = reading_language(language)
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", starts_at.astimezone(LONDON))
    event.add("dtend", ends_at.astimezone(LONDON))
    # clean_text: a row stored before text was cleaned on input must not make the file invalid.
    event.add("summary", clean_text(summary, multiline=False),
              parameters={"LANGUAGE": "cy" if language == "cy" else "en"})
    if location:
        event.add("location", clean_text(location, multiline=False))
    event.add("url", url)
    event.add("description", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText("Partneriaeth")
    event.add("organizer", organizer)
    if attendee:
        address = vCalAddress(f"mailto:{attendee}")
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        address.params["rsvp"] = vText("FALSE")
        event.add("attendee", address)
    return event


def _event(meeting: Meeting, *, consortium_slug: str, cancelled: bool, attendee: str | None = None,
           partnership_name: str = "", language: str | None = None) -> Event:
    """A meeting's VEVENT, its title in the reader's language (LANGUAGE says which, for calendar clients)."""
    language = reading_language(language)
    title = bilingual(meeting, "title", language)
    if partnership_name:
        title = f"{title} ({partnership_name})"
    return vevent(uid=meeting.ics_uid, sequence=meeting.version, starts_at=meeting.starts_at,
                  ends_at=meeting.ends_at, summary=title,
                  location=", ".join(filter(None, [meeting.venue, meeting.online_link])),
                  url=meeting_url(meeting, consortium_slug), cancelled=cancelled, attendee=attendee,
                  language=language)


def calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def meeting_invitation(meeting: Meeting, *, consortium_slug: str, attendee: str | None = None,
                       partnership_name: str = "", language: str | None = None) -> bytes:
    """The invitation (or cancellation, once the meeting is cancelled) for one meeting."""
    cancelled = meeting.is_cancelled
    invitation = calendar("CANCEL" if cancelled else "REQUEST")
    invitation.add_component(_event(meeting, consortium_slug=consortium_slug, cancelled=cancelled,
                                    attendee=attendee, partnership_name=partnership_name, language=language))
    invitation.add_missing_timezones()
    return invitation.to_ical()


# Other apps' events in the personal feed: each source is `(user, consortium, since) -> [VEVENT]`,
# registered from the app's AppConfig.ready() (programmes adds its events).
FEED_SOURCES: list = []


def meetings_feed(meetings: Iterable[Meeting], *, consortium_slug: str, name: str,
                  language: str | None = None, extra: Iterable[Event] = ()) -> bytes:
    """A subscribable feed of many meetings (no METHOD: a published calendar, not an invitation)."""
    feed = calendar(None)
    feed.add("x-wr-calname", clean_text(name, multiline=False))
    for meeting in meetings:
        feed.add_component(_event(meeting, consortium_slug=consortium_slug, cancelled=meeting.is_cancelled,
                                  partnership_name=meeting.partnership.display_name(language),
                                  language=language))
    for component in extra:
        feed.add_component(component)
    feed.add_missing_timezones()
    return feed.to_ical()


def as_attachment_named(content: bytes, *, cancelled: bool) -> dict:
    method = "CANCEL" if cancelled else "REQUEST"
    return {"filename": "cancel.ics" if cancelled else "invite.ics",
            "content_b64": base64.b64encode(content).decode(),
            "mimetype": f"text/calendar; method={method}"}


def as_attachment(meeting: Meeting, content: bytes) -> dict:
    return as_attachment_named(content, cancelled=meeting.is_cancelled)
