"""A mail server that refuses or never answers: the email is retried with backoff, shows
"Retrying" then "Failed" with the reason on the Emails page, and an admin can send it again."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consortia.models import OutboundEmail
from consortia.outbox import outbox_enqueue
from consortia.tasks import outbox_sweep

from .servers import closed_port, smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_settings(settings):
    def point_at(port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    return point_at


def notice(consortium, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the send task runs on commit, as in production
        email, _ = outbox_enqueue(consortium=consortium, recipient="head@ysgol.cymru", purpose="meeting-notice",
                                  about=consortium, version=1, subject="Notice of meeting", body_text="Agenda.")
    email.refresh_from_db()
    return email


def time_passes(email):
    # The backoff is in the row: make its next attempt due, as the clock would.
    OutboundEmail.objects.filter(pk=email.pk).update(not_before=timezone.now() - timedelta(seconds=1))


def emails_page(client, admin, consortium):
    client.force_login(admin)
    return client.get(f"/{consortium.slug}/outbox/").content.decode()


def test_a_refusing_server_means_retrying_with_the_reason_then_failed(
        client, consortium, consortium_admin, smtp_settings, django_capture_on_commit_callbacks):
    with smtp_server("refuse") as port:
        smtp_settings(port)
        before = timezone.now()
        email = notice(consortium, django_capture_on_commit_callbacks)
        first_wait = email.not_before - before

        outbox_sweep.apply()  # too soon: the backoff holds the next attempt back
        held_back = OutboundEmail.objects.get(pk=email.pk).attempts
        retrying_page = emails_page(client, consortium_admin, consortium)

        time_passes(email)
        outbox_sweep.apply()
        email.refresh_from_db()
        second_wait = email.not_before - timezone.now()
        time_passes(email)
        outbox_sweep.apply()
    email.refresh_from_db()
    failed_page = emails_page(client, consortium_admin, consortium)

    assert timedelta(seconds=55) < first_wait <= timedelta(seconds=61)
    assert held_back == 1
    assert timedelta(seconds=115) < second_wait <= timedelta(seconds=120)
    assert "Retrying" in retrying_page and "Service not available" in retrying_page
    assert (email.status, email.attempts) == (OutboundEmail.Status.FAILED, 3)
    assert "SMTPConnectError" in email.last_error and "421" in email.last_error
    assert "Failed" in failed_page and "Service not available" in failed_page


def test_a_server_that_never_answers_times_out_and_is_retried(consortium, smtp_settings,
                                                              django_capture_on_commit_callbacks):
    with smtp_server("hang") as port:
        smtp_settings(port)
        started = timezone.now()
        email = notice(consortium, django_capture_on_commit_callbacks)
        took = timezone.now() - started

    assert email.status == OutboundEmail.Status.RETRYING
    assert "timed out" in email.last_error
    assert took < timedelta(seconds=5)


def test_no_server_at_all_is_retried_too(consortium, smtp_settings, django_capture_on_commit_callbacks):
    smtp_settings(closed_port())

    email = notice(consortium, django_capture_on_commit_callbacks)

    assert email.status == OutboundEmail.Status.RETRYING
    assert "Connection refused" in email.last_error


def test_an_admin_sends_a_failed_email_again_once_the_server_is_back(
        client, consortium, consortium_admin, smtp_settings, settings, django_capture_on_commit_callbacks):
    smtp_settings(closed_port())
    settings.OUTBOX_MAX_ATTEMPTS = 1
    email = notice(consortium, django_capture_on_commit_callbacks)
    assert email.status == OutboundEmail.Status.FAILED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mail server is back
    client.force_login(consortium_admin)

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("admin:consortia_outboundemail_changelist"),
                             {"action": "retry_failed", "_selected_action": [email.pk]}, follow=True)
    email.refresh_from_db()

    assert "1 email will be sent again." in answer.content.decode()
    assert email.status == OutboundEmail.Status.SENT
    assert [m.to for m in mail.outbox] == [["head@ysgol.cymru"]]


def test_retrying_leaves_sent_emails_and_other_consortia_alone(
        client, consortium, other_consortium, consortium_admin, smtp_settings, django_capture_on_commit_callbacks):
    smtp_settings(closed_port())
    theirs = OutboundEmail.objects.create(consortium=other_consortium, recipient="pennaeth@ysgol.cymru",
                                          purpose="p", object_type="x", object_id="1", subject="s", body_text="b",
                                          status=OutboundEmail.Status.FAILED)
    sent = OutboundEmail.objects.create(consortium=consortium, recipient="clerk@ysgol.cymru", purpose="p",
                                        object_type="x", object_id="1", subject="s", body_text="b",
                                        status=OutboundEmail.Status.SENT, attempts=1)
    client.force_login(consortium_admin)

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("admin:consortia_outboundemail_changelist"),
                             {"action": "retry_failed", "_selected_action": [theirs.pk, sent.pk]}, follow=True)

    assert "0 emails will be sent again." in answer.content.decode()
    assert OutboundEmail.objects.get(pk=theirs.pk).status == OutboundEmail.Status.FAILED
    assert OutboundEmail.objects.get(pk=sent.pk).attempts == 1
    assert mail.outbox == []
