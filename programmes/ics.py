"""iCalendar for programme events, built with governance's VEVENT so both read the same in a client."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from governance import ics as governance_ics

from .models import Event, FacilitatorBriefing


def event_url(event: Event, consortium_slug: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("programme_event", args=[consortium_slug, event.pk])


def _location(venue: str, link: str) -> str:
    return ", ".join(filter(None, [venue, link]))


def event_component(event: Event, *, consortium_slug: str, attendee: str | None = None,
                    language: str | None = None):
    return governance_ics.vevent(
        uid=event.ics_uid, sequence=event.version, starts_at=event.starts_at, ends_at=event.ends_at,
        summary=event.display_title(language), location=_location(event.venue, event.online_link),
        url=event_url(event, consortium_slug), cancelled=event.is_cancelled, attendee=attendee)


def event_invitation(event: Event, *, consortium_slug: str, attendee: str, language: str | None = None) -> dict:
    """The invitation (or cancellation) for one participant, as an outbox attachment."""
    invitation = governance_ics.calendar("CANCEL" if event.is_cancelled else "REQUEST")
    invitation.add_component(event_component(event, consortium_slug=consortium_slug, attendee=attendee,
                                              language=language))
    invitation.add_missing_timezones()
    return governance_ics.as_attachment_named(invitation.to_ical(), cancelled=event.is_cancelled)


def briefing_invitation(briefing: FacilitatorBriefing, *, consortium_slug: str, attendee: str, title: str) -> dict:
    import datetime as dt

    invitation = governance_ics.calendar("REQUEST")
    invitation.add_component(governance_ics.vevent(
        uid=f"programme-briefing-{briefing.pk}@partneriaeth", sequence=1, starts_at=briefing.starts_at,
        ends_at=briefing.starts_at + dt.timedelta(minutes=briefing.duration_minutes), summary=title,
        location=_location(briefing.venue, briefing.online_link),
        url=event_url(briefing.event, consortium_slug), cancelled=False, attendee=attendee))
    invitation.add_missing_timezones()
    return governance_ics.as_attachment_named(invitation.to_ical(), cancelled=False)


def feed_events(user, consortium, since) -> list:
    """The person's programme events for their personal calendar feed (governance.ics.FEED_SOURCES)."""
    from .selectors.events import my_events

    return [event_component(event, consortium_slug=consortium.slug)
            for event in my_events(user, consortium).filter(starts_at__gte=since)[:500]]
