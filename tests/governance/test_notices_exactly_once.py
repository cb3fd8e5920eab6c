"""Every notice and reminder is sent once per person per meeting version, whatever happens to the task."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from consortia.models import OutboundEmail
from consortia.tasks import outbox_sweep
from governance import services, tasks
from governance.models import Meeting
from governance.services import _common

from .conftest import at

pytestmark = pytest.mark.django_db


def notices():
    return OutboundEmail.objects.filter(purpose="meeting_notice")


def recipients(messages):
    return sorted(address for m in messages for address in m.to)


def test_the_notice_goes_to_every_representative_chair_and_clerk_once(meeting, chair, clerk, reps, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)

    expected = sorted([u.email for u in reps] + [chair.email, clerk.email])
    assert recipients(mail.outbox) == expected
    assert notices().count() == 6


def test_the_task_run_twice_sends_nothing_more(meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)
    before = len(mail.outbox)

    send(tasks.meeting_notices_dispatch.apply, args=[meeting.consortium_id, meeting.pk])
    send(tasks.meeting_notices_sweep.apply)
    outbox_sweep.apply()

    assert len(mail.outbox) == before
    assert notices().count() == 6


def test_a_worker_dying_mid_batch_is_completed_without_duplicates(meeting, chair, clerk, reps, send, monkeypatch):
    real = _common.outbox_enqueue
    calls = {"n": 0}

    def dies_on_the_third(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise SystemExit("worker killed")
        return real(**kwargs)

    monkeypatch.setattr(_common, "outbox_enqueue", dies_on_the_third)
    Meeting.objects.filter(pk=meeting.pk).update(status="notice_sent", notice_sent_at=timezone.now())
    with pytest.raises(SystemExit):
        send(services.meeting_notices_dispatch, meeting=meeting)
    partial = notices().count()
    monkeypatch.setattr(_common, "outbox_enqueue", real)

    # acks_late: the broker redelivers the unacknowledged task; the outbox sweep sends what was queued.
    send(tasks.meeting_notices_dispatch.apply, args=[meeting.consortium_id, meeting.pk])
    outbox_sweep.apply()

    assert 0 < partial < 6
    assert notices().count() == 6
    sent = [m for m in mail.outbox if m.attachments]
    assert recipients(sent) == sorted([u.email for u in reps] + [chair.email, clerk.email])


def test_a_reschedule_notifies_each_person_once_more(meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)

    send(services.meeting_update, meeting=meeting, by=chair, starts_at=at(16), ends_at=at(16, 18))
    send(tasks.meeting_notices_sweep.apply)

    assert notices().filter(version=1).count() == 6
    assert notices().filter(version=2).count() == 6
    assert len([m for m in mail.outbox if m.attachments]) == 12


def test_someone_who_becomes_a_representative_later_gets_the_notice_from_the_sweep(
        meeting, partnership, chair, schools, send):
    from partnerships.services import partnership_role_grant

    from ..factories import UserFactory

    send(services.meeting_notice_send, meeting=meeting, by=chair)
    newcomer = UserFactory(email="new.head@school.cymru")
    partnership_role_grant(partnership=partnership, user=newcomer, role="representative", organisation=schools[0])

    send(tasks.meeting_notices_sweep.apply)

    assert notices().filter(recipient=newcomer.email).count() == 1


def test_reminders_are_planned_in_the_outbox_and_sent_when_due(meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)
    planned = OutboundEmail.objects.filter(purpose__startswith="meeting_reminder", status="queued")
    reminder = planned.filter(recipient=reps[0].email, purpose="meeting_reminder_1d").get()

    assert planned.count() == 12  # two reminders for each of six people
    assert timezone.localtime(reminder.not_before).time() == dt.time(8)
    day_before = timezone.localtime(meeting.starts_at).date() - dt.timedelta(days=1)
    assert timezone.localtime(reminder.not_before).date() == day_before

    mail.outbox.clear()
    planned.filter(pk=reminder.pk).update(not_before=timezone.now() - dt.timedelta(minutes=1))
    outbox_sweep.apply()
    outbox_sweep.apply()

    assert recipients(mail.outbox) == [reps[0].email]


def test_cancelling_a_meeting_cancels_its_planned_reminders(meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)

    send(services.meeting_cancel, meeting=meeting, by=chair, reason="Snow")

    assert not OutboundEmail.objects.filter(purpose__startswith="meeting_reminder", status="queued").exists()


def test_notices_are_written_in_each_persons_language(meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)

    welsh = notices().get(recipient=reps[1].email)
    english = notices().get(recipient=reps[0].email)

    assert (welsh.language, english.language) == ("cy", "en")
    assert english.body_html and english.body_text
    assert "Welcome" in english.body_text


def test_a_failed_send_is_retried_and_visible(meeting, chair, reps, send, monkeypatch, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2

    def refuse(self, fail_silently=False):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", refuse)
    send(services.meeting_notice_send, meeting=meeting, by=chair)
    notices().update(not_before=timezone.now() - dt.timedelta(seconds=1))  # backoff over: the sweep tries again
    outbox_sweep.apply()

    failed = notices().filter(status="failed")
    assert failed.count() == 6
    assert failed.first().attempts == 2 and "mail server down" in failed.first().last_error
