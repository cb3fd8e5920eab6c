"""Every calendar file the product writes is valid iCalendar to an independent parser (vobject), even for
text stored before control characters were cleaned on input."""

import re

import pytest
import vobject
from django.core import mail
from django.urls import reverse

from governance import services
from governance.models import Meeting
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db

HOSTILE = "Budget\x1b[31m review\x07 \u202eevil\u202c day\rBCC: x"  # PostgreSQL itself refuses NUL
# RFC 5545 3.3.11: TEXT holds no CONTROL character (%x00-08 / %x0A-1F / %x7F); line ends are CRLF only.
CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def check(content: bytes):
    """Parse with vobject, and read every content line as RFC 5545 has it: nothing but text between CRLFs."""
    text = content.decode()
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    bad = [line for line in unfolded.split("\r\n") if CONTROL.search(line)]
    assert not bad, bad
    return vobject.readOne(text)


@pytest.fixture
def hostile_meeting(meeting):
    # Stored as it might have been before input was cleaned, so only the writer can keep the file valid.
    Meeting.objects.filter(pk=meeting.pk).update(title=HOSTILE, venue="Parc\x1b Primary\u202e")
    Partnership.objects.filter(pk=meeting.partnership_id).update(name="Taf\x07 Valley")
    return Meeting.objects.select_related("partnership").get(pk=meeting.pk)


def test_the_meeting_download_is_valid(client, hostile_meeting, chair):
    client.force_login(chair)

    calendar = check(client.get(reverse("meeting_ics", args=[hostile_meeting.consortium.slug,
                                                              hostile_meeting.pk])).content)

    assert calendar.vevent.summary.value == "Budget[31m review evil day BCC: x (Taf Valley)"
    assert calendar.vevent.location.value == "Parc Primary"


def test_the_notice_attachment_is_valid(hostile_meeting, chair, send):
    send(services.meeting_notice_send, meeting=hostile_meeting, by=chair)

    attachments = [a for m in mail.outbox for a in m.attachments if a[2].startswith("text/calendar")]
    assert attachments
    for _name, content, _type in attachments:
        check(content if isinstance(content, bytes) else content.encode())


def test_the_personal_feed_is_valid(client, hostile_meeting, chair):
    token = services.calendar_feed_reset(consortium=hostile_meeting.consortium, user=chair)

    calendar = check(client.get(reverse("governance_calendar_feed", args=[token])).content)

    assert calendar.vevent.summary.value.startswith("Budget[31m review evil day")


def test_the_notice_email_is_sent_with_a_one_line_subject(hostile_meeting, chair, send):
    send(services.meeting_notice_send, meeting=hostile_meeting, by=chair)

    assert mail.outbox
    assert not [m.subject for m in mail.outbox if CONTROL.search(m.subject)]
