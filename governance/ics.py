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


def _event(meeting: Meeting, *, consortium_slug: str, cancelled: bool, attendee: str | None = None,
           partnership_name: str = "", language: str | None = None) -> Event:
    """One VEVENT, its title in the reader's language (LANGUAGE says which, for calendar clients)."""
    language = reading_language(language)
    event = Event()
    event.add("uid", meeting.ics_uid)
    event.add("sequence", meeting.version)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(LONDON))
    event.add("dtend", meeting.ends_at.astimezone(LONDON))
    # clean_text: a row stored before text was cleaned on input must not make the file invalid.
    title = bilingual(meeting, "title", language)
    if partnership_name:
        title = f"{title} ({partnership_name})"
    event.add("summary", clean_text(title, multiline=False),
              parameters={"LANGUAGE": "cy" if language == "cy" else "en"})
    location = ", ".join(filter(None, [meeting.venue, meeting.online_link]))
    if location:
        event.add("location", clean_text(location, multiline=False))
    url = meeting_url(meeting, consortium_slug)
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


def _calendar(method: str | None) -> Calendar:
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
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    calendar.add_component(_event(meeting, consortium_slug=consortium_slug, cancelled=cancelled,
                                  attendee=attendee, partnership_name=partnership_name, language=language))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def meetings_feed(meetings: Iterable[Meeting], *, consortium_slug: str, name: str,
                  language: str | None = None) -> bytes:
    """A subscribable feed of many meetings (no METHOD: a published calendar, not an invitation)."""
    calendar = _calendar(None)
    calendar.add("x-wr-calname", clean_text(name, multiline=False))
    for meeting in meetings:
        calendar.add_component(_event(meeting, consortium_slug=consortium_slug, cancelled=meeting.is_cancelled,
                                      partnership_name=meeting.partnership.display_name(language),
                                      language=language))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def as_attachment(meeting: Meeting, content: bytes) -> dict:
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    return {"filename": "cancel.ics" if meeting.is_cancelled else "invite.ics",
            "content_b64": base64.b64encode(content).decode(),
            "mimetype": f"text/calendar; method={method}"}
