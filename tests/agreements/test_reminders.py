"""The daily reminder job emails pending parties once per cadence window, and never twice."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from agreements import services
from agreements.models import AgreementVersion
from agreements.tasks import agreement_reminders_send
from consortia.models import OutboundEmail

pytestmark = pytest.mark.django_db


def published_days_ago(version, days):
    AgreementVersion.objects.filter(pk=version.pk).update(published_at=timezone.now() - dt.timedelta(days=days))


def reminders():
    return sorted(OutboundEmail.objects.filter(purpose="agreement_reminder").values_list("recipient", "version"))


@pytest.fixture
def a_week_later(published):
    """The agreement was published 8 days ago (reminders every 7 days) and nobody has answered."""
    published_days_ago(published, 8)
    mail.outbox.clear()
    return published


def test_running_the_job_twice_sends_one_reminder_per_party(a_week_later, head, fellow,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        agreement_reminders_send()
    with django_capture_on_commit_callbacks(execute=True):
        agreement_reminders_send()

    assert reminders() == [(fellow.email, 1), (head.email, 1)]
    assert len(mail.outbox) == 2
    assert all("Reminder" in m.subject for m in mail.outbox)


def test_the_next_window_brings_a_new_reminder(a_week_later, head, fellow):
    agreement_reminders_send()
    published_days_ago(a_week_later, 15)

    agreement_reminders_send()
    agreement_reminders_send()

    assert reminders() == [(fellow.email, 1), (fellow.email, 2), (head.email, 1), (head.email, 2)]


def test_no_reminder_in_the_week_the_request_went_out(published):
    published_days_ago(published, 3)

    assert agreement_reminders_send() == 0
    assert reminders() == []


def test_a_party_that_has_accepted_is_not_reminded(a_week_later, school_party, head, fellow):
    services.agreement_accept(party=school_party, user=head)

    agreement_reminders_send()

    assert reminders() == [(fellow.email, 1)]


def test_a_paused_version_sends_none_until_the_pause_ends(a_week_later):
    services.reminders_postpone(version=a_week_later, until=timezone.now() + dt.timedelta(days=3))

    agreement_reminders_send()

    assert reminders() == []


def test_a_cancelled_version_sends_none(a_week_later):
    services.reminders_cancel(version=a_week_later)

    agreement_reminders_send()

    assert reminders() == []


def test_resuming_sends_again(a_week_later, head, fellow):
    services.reminders_cancel(version=a_week_later)
    services.reminders_resume(version=a_week_later)

    agreement_reminders_send()

    assert len(reminders()) == 2


def test_a_superseded_version_is_not_chased(a_week_later, consortium_admin, django_capture_on_commit_callbacks):
    from .helpers import publish

    publish(services.version_draft_next(template=a_week_later.template), consortium_admin,
            django_capture_on_commit_callbacks)

    agreement_reminders_send()

    assert reminders() == []  # the new version was published today: its first reminder is a week away


def test_the_reminder_is_in_the_recipients_language(a_week_later, head):
    head.preferred_language = "cy"
    head.save(update_fields=["preferred_language"])

    agreement_reminders_send()

    assert OutboundEmail.objects.get(purpose="agreement_reminder", recipient=head.email).language == "cy"
    assert "Cytundeb partneriaeth" in OutboundEmail.objects.get(recipient=head.email,
                                                                purpose="agreement_reminder").subject


def test_the_job_is_scheduled_daily_at_eight_utc():
    task = PeriodicTask.objects.get(task="agreements.tasks.agreement_reminders_send")

    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("8", "0", "UTC")
    assert task.enabled


def test_reminder_controls_from_the_dashboard(client, consortium, chair, published):
    client.force_login(chair)
    url = f"/{consortium.slug}/agreements/versions/{published.pk}/reminders/"
    until = (timezone.localdate() + dt.timedelta(days=10)).isoformat()

    client.post(url, {"action": "postpone", "until": until})
    published.refresh_from_db()
    paused_until = published.reminders_paused_until
    client.post(url, {"action": "cancel"})
    published.refresh_from_db()
    cancelled = published.reminders_cancelled
    client.post(url, {"action": "resume"})
    published.refresh_from_db()

    assert timezone.localtime(paused_until).date().isoformat() == until
    assert cancelled is True
    assert published.reminders_cancelled is False and published.reminders_paused_until is None


def test_postponing_into_the_past_is_400_and_changes_nothing(client, consortium, chair, published):
    client.force_login(chair)

    response = client.post(f"/{consortium.slug}/agreements/versions/{published.pk}/reminders/",
                           {"action": "postpone", "until": "2001-01-01"})

    assert response.status_code == 400
    published.refresh_from_db()
    assert published.reminders_paused_until is None
