"""Admins and chairs see every planned, sent and failed notice and reminder, and can postpone or cancel."""

import datetime as dt

import pytest
from django.utils import timezone

from consortia.models import OutboundEmail
from governance import services

from .conftest import plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def noticed(meeting, chair, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)
    return meeting


def url(consortium, *rest):
    return f"/{consortium.slug}/meetings/notifications/" + "".join(f"{r}/" for r in rest)


def test_the_page_lists_sent_and_planned_emails(client, consortium, noticed, consortium_admin, reps):
    client.force_login(consortium_admin)

    page = client.get(url(consortium)).content.decode()
    planned = client.get(url(consortium), {"status": "planned"}).content.decode()

    assert reps[0].email in page
    assert "Notice of a meeting" in page and "Reminder, 1 day before" in page
    assert "Reminder, 3 days before" in planned and "Notice of a meeting" not in planned


def test_a_planned_reminder_can_be_postponed(client, consortium, noticed, chair):
    reminder = OutboundEmail.objects.filter(purpose="meeting_reminder_1d").first()
    later = timezone.localtime(reminder.not_before) + dt.timedelta(hours=3)
    client.force_login(chair)

    response = client.post(url(consortium, reminder.pk), {"step": "postpone",
                                                          "not_before": later.strftime("%Y-%m-%dT%H:%M")})

    assert response.status_code == 302
    reminder.refresh_from_db()
    assert timezone.localtime(reminder.not_before).hour == 11


def test_a_planned_reminder_can_be_cancelled(client, consortium, noticed, chair):
    reminder = OutboundEmail.objects.filter(purpose="meeting_reminder_1d").first()
    client.force_login(chair)

    client.post(url(consortium, reminder.pk), {"step": "cancel"})

    reminder.refresh_from_db()
    assert reminder.status == "cancelled"


def test_a_failed_email_can_be_tried_again(client, consortium, noticed, consortium_admin,
                                           django_capture_on_commit_callbacks):
    failed = OutboundEmail.objects.filter(purpose="meeting_notice").first()
    OutboundEmail.objects.filter(pk=failed.pk).update(status="failed", attempts=6, last_error="SMTP down")
    client.force_login(consortium_admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(consortium, failed.pk), {"step": "retry"})

    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("sent", 1)


def test_a_chair_sees_only_their_partnerships_emails(client, consortium, noticed, chair, send):
    from partnerships.services import partnership_role_grant

    from ..factories import PartnershipFactory, UserFactory

    elsewhere = PartnershipFactory(consortium=consortium, name="Secondary partnership")
    other_chair, head = UserFactory(), UserFactory(email="secondary.head@school.cymru")
    partnership_role_grant(partnership=elsewhere, user=other_chair, role="chair")
    partnership_role_grant(partnership=elsewhere, user=head, role="clerk")
    send(services.meeting_notice_send, meeting=plan(elsewhere, other_chair), by=other_chair)
    client.force_login(chair)

    page = client.get(url(consortium)).content.decode()

    assert "secondary.head@school.cymru" not in page
    assert OutboundEmail.objects.filter(recipient="secondary.head@school.cymru").exists()


def test_a_representative_cannot_open_the_page(client, consortium, noticed, reps):
    client.force_login(reps[0])

    assert client.get(url(consortium)).status_code == 403


def test_another_consortiums_email_is_404(client, consortium, noticed, consortium_admin, other_consortium):
    theirs = OutboundEmail.objects.create(consortium=other_consortium, recipient="x@y.cymru", purpose="meeting_notice",
                                          object_type="governance.meeting", object_id="1", subject="s", body_text="b")
    client.force_login(consortium_admin)

    assert client.post(url(consortium, theirs.pk), {"step": "cancel"}).status_code == 404
