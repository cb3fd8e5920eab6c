"""Email leaves through the outbox: after commit, exactly once, retried, with a visible status."""

import smtplib

import pytest
from django.core import mail
from django.db import transaction

from consortia.models import OutboundEmail
from consortia.outbox import outbox_enqueue
from consortia.tasks import outbox_send, outbox_sweep

pytestmark = pytest.mark.django_db


def enqueue(consortium, about, **overrides):
    fields = {"consortium": consortium, "recipient": "head@ysgol.cymru", "purpose": "test", "about": about,
              "version": 1, "subject": "Notice of meeting", "body_text": "Agenda attached."}
    return outbox_enqueue(**{**fields, **overrides})


def test_nothing_is_sent_before_the_transaction_commits(consortium, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue(consortium, consortium)

    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_task_enqueued_in_a_rolled_back_transaction_never_runs(consortium, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue(consortium, consortium)
        raise RuntimeError("the meeting could not be saved")

    assert callbacks == []
    assert mail.outbox == []
    assert not OutboundEmail.objects.exists()


def test_the_task_run_twice_sends_one_email(consortium, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email, created = enqueue(consortium, consortium)

    outbox_send.apply(args=[consortium.pk, email.pk])
    outbox_send.apply(args=[consortium.pk, email.pk])
    outbox_sweep.apply()

    assert created
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT and email.attempts == 1


def test_enqueuing_the_same_email_again_returns_the_first(consortium, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = enqueue(consortium, consortium)
        again, created = enqueue(consortium, consortium, subject="Changed subject")

    assert not created and again.pk == first.pk
    assert len(mail.outbox) == 1


def test_a_new_version_is_a_new_email(consortium, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(consortium, consortium)
        enqueue(consortium, consortium, version=2)

    assert len(mail.outbox) == 2


def test_a_failed_send_is_retried_and_visible(consortium, django_capture_on_commit_callbacks, monkeypatch, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    calls = {"n": 0}
    real_send = mail.EmailMultiAlternatives.send

    def flaky_send(self, fail_silently=False):
        calls["n"] += 1
        if calls["n"] == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(self, fail_silently)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky_send)
    with django_capture_on_commit_callbacks(execute=False):
        email, _ = enqueue(consortium, consortium)

    outbox_send.apply(args=[consortium.pk, email.pk])
    email.refresh_from_db()
    after_failure = email.status
    OutboundEmail.objects.filter(pk=email.pk).update(not_before=email.created_at)  # its retry time has come
    outbox_sweep.apply()
    email.refresh_from_db()

    assert after_failure == OutboundEmail.Status.RETRYING
    assert email.status == OutboundEmail.Status.SENT
    assert email.attempts == 2
    assert len(mail.outbox) == 1


def test_a_send_that_keeps_failing_ends_as_failed_with_its_error(consortium, monkeypatch, settings,
                                                                  django_capture_on_commit_callbacks):
    settings.OUTBOX_MAX_ATTEMPTS = 2

    def broken_send(self, fail_silently=False):
        raise smtplib.SMTPConnectError(421, "mail server unavailable")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", broken_send)
    with django_capture_on_commit_callbacks(execute=False):
        email, _ = enqueue(consortium, consortium)

    outbox_send.apply(args=[consortium.pk, email.pk])
    OutboundEmail.objects.filter(pk=email.pk).update(not_before=email.created_at)  # its retry time has come
    outbox_sweep.apply()
    email.refresh_from_db()

    assert email.status == OutboundEmail.Status.FAILED
    assert email.attempts == 2
    assert "mail server unavailable" in email.last_error


def test_an_email_for_later_waits_for_the_sweep(consortium, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        email, _ = enqueue(consortium, consortium, not_before=timezone.now() + timedelta(hours=1))
    outbox_sweep.apply()
    assert mail.outbox == []

    OutboundEmail.objects.filter(pk=email.pk).update(not_before=timezone.now())
    outbox_sweep.apply()

    assert len(mail.outbox) == 1


def test_the_outbox_page_shows_statuses_to_admins(client, consortium_admin, consortium,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(consortium, consortium)
    client.force_login(consortium_admin)

    page = client.get(f"/{consortium.slug}/outbox/").content.decode()

    assert "head@ysgol.cymru" in page and "Sent" in page
