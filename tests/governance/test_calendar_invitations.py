"""Invitations parse as iCalendar, keep one UID per meeting and raise SEQUENCE with each change."""

import base64

import pytest
from django.core import mail
from icalendar import Calendar

from governance import services
from governance.models import Meeting

from .conftest import at

pytestmark = pytest.mark.django_db


def parse(content: bytes):
    calendar = Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    return calendar, events


def invitation_of(message):
    (name, content, mimetype), = [a for a in message.attachments if a[2].startswith("text/calendar")]
    return parse(content if isinstance(content, bytes) else content.encode()), mimetype


def test_the_notice_carries_a_request_with_the_meetings_uid(meeting, chair, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)

    (calendar, events), mimetype = invitation_of(mail.outbox[0])

    assert mimetype == "text/calendar; method=REQUEST"
    assert calendar["METHOD"] == "REQUEST"
    assert len(events) == 1
    assert str(events[0]["UID"]) == f"meeting-{meeting.pk}@partneriaeth"
    assert events[0]["SEQUENCE"] == 1
    assert events[0]["DTSTART"].dt == meeting.starts_at
    assert events[0]["DTSTART"].params["TZID"] == "Europe/London"
    assert calendar.walk("VTIMEZONE")


def test_a_reschedule_sends_an_update_with_the_same_uid_and_a_higher_sequence(meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)
    mail.outbox.clear()

    send(services.meeting_update, meeting=meeting, by=chair, starts_at=at(15), ends_at=at(15, 18))

    updates = [m for m in mail.outbox if m.subject.startswith("Updated")]
    (calendar, events), _ = invitation_of(updates[0])
    assert str(events[0]["UID"]) == f"meeting-{meeting.pk}@partneriaeth"
    assert events[0]["SEQUENCE"] == 2
    assert events[0]["DTSTART"].dt == at(15)


def test_cancelling_sends_a_cancel_with_a_higher_sequence(meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)
    mail.outbox.clear()

    send(services.meeting_cancel, meeting=meeting, by=chair, reason="Snow closure")

    (calendar, events), mimetype = invitation_of(mail.outbox[0])
    assert mimetype == "text/calendar; method=CANCEL"
    assert calendar["METHOD"] == "CANCEL"
    assert str(events[0]["STATUS"]) == "CANCELLED"
    assert events[0]["SEQUENCE"] == 2
    assert str(events[0]["UID"]) == f"meeting-{meeting.pk}@partneriaeth"


def test_cancelling_a_meeting_without_notice_emails_no_one(meeting, chair, send):
    send(services.meeting_cancel, meeting=meeting, by=chair, reason="No longer needed")

    assert mail.outbox == []
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED


def test_the_meeting_ics_download_parses(client, meeting, reps):
    client.force_login(reps[0])

    response = client.get(f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/invite.ics")

    assert response["Content-Type"].startswith("text/calendar")
    _calendar, events = parse(response.content)
    assert str(events[0]["UID"]) == f"meeting-{meeting.pk}@partneriaeth"


def test_the_personal_feed_lists_my_meetings_by_secret_token(client, meeting, reps, other_partnership):
    from .conftest import plan

    theirs = plan(other_partnership, None, title="Not mine")
    token = services.calendar_feed_reset(consortium=meeting.consortium, user=reps[0])

    response = client.get(f"/feeds/calendar/{token}/")

    _calendar, events = parse(response.content)
    assert [str(e["UID"]) for e in events] == [meeting.ics_uid]
    assert theirs.ics_uid.encode() not in response.content


def test_a_wrong_or_replaced_feed_token_is_404(client, meeting, reps):
    old = services.calendar_feed_reset(consortium=meeting.consortium, user=reps[0])
    services.calendar_feed_reset(consortium=meeting.consortium, user=reps[0])

    assert client.get(f"/feeds/calendar/{old}/").status_code == 404
    assert client.get("/feeds/calendar/not-a-token/").status_code == 404


def test_the_feed_page_shows_the_address_once(client, meeting, reps):
    client.force_login(reps[0])
    url = f"/{meeting.partnership.consortium.slug}/meetings/calendar/"

    made = client.post(url).content.decode()
    later = client.get(url).content.decode()

    assert "/feeds/calendar/" in made
    assert "/feeds/calendar/" not in later


def test_attachment_is_base64_in_the_outbox(meeting, chair, send):
    from consortia.models import OutboundEmail

    send(services.meeting_notice_send, meeting=meeting, by=chair)

    row = OutboundEmail.objects.filter(purpose="meeting_notice").first()
    content = base64.b64decode(row.attachments[0]["content_b64"])
    assert parse(content)[1][0]["SEQUENCE"] == 1
