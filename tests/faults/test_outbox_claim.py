"""At most once: each email is claimed ("sending", its Message-ID fixed) in a committed transaction
before it reaches the mail server. A worker that dies after the claim never causes a resend: once the
lease is over the email is "unknown — check", for an admin to mark sent or send again."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from consortia import outbox
from consortia.models import OutboundEmail
from consortia.outbox import outbox_enqueue
from consortia.tasks import outbox_send, outbox_sweep

pytestmark = pytest.mark.django_db


class Killed(BaseException):
    """The worker stops dead (SIGKILL): no except clause of the application runs after it."""


def queue(consortium, recipient="head@ysgol.cymru", **extra):
    email, _ = outbox_enqueue(consortium=consortium, recipient=recipient, purpose="meeting_notice",
                              about=consortium, version=1, subject="Notice of meeting", body_text="Agenda.", **extra)
    return email


@pytest.fixture
def killed_after_handing_over(monkeypatch):
    """The message reaches the mail server, then the worker dies before recording the result."""
    real_settle = outbox._settle

    def settle(email, **fields):
        if fields["status"] == OutboundEmail.Status.SENT:
            raise Killed
        return real_settle(email, **fields)

    monkeypatch.setattr(outbox, "_settle", settle)

    def revive():
        monkeypatch.setattr(outbox, "_settle", real_settle)

    return revive


def lease_passes(email, settings):
    OutboundEmail.objects.filter(pk=email.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=settings.OUTBOX_SENDING_LEASE_SECONDS + 1))


@pytest.mark.django_db(transaction=True)
def test_the_claim_is_committed_before_the_message_reaches_the_mail_server(consortium, monkeypatch):
    # Created directly: outbox_enqueue would send it on commit, and this test runs the task itself.
    email = OutboundEmail.objects.create(consortium=consortium, recipient="head@ysgol.cymru", purpose="p",
                                         object_type="x", object_id="1", subject="Notice", body_text="Agenda.")
    seen = {}
    real_send = mail.EmailMultiAlternatives.send

    def send(message, fail_silently=False):
        # What another connection (another worker, after a crash) sees at the moment of sending.
        def look():
            from django.db import connection as theirs

            seen["row"] = OutboundEmail.objects.values("status", "message_id", "attempts").get(pk=email.pk)
            theirs.close()

        reader = threading.Thread(target=look)
        reader.start()
        reader.join()
        seen["in_transaction"] = connection.in_atomic_block
        seen["header"] = message.extra_headers["Message-ID"]
        return real_send(message, fail_silently)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)

    outbox_send.apply(args=[consortium.pk, email.pk])
    email.refresh_from_db()

    assert seen["row"]["status"] == OutboundEmail.Status.SENDING and seen["row"]["attempts"] == 1
    assert seen["row"]["message_id"] and seen["row"]["message_id"] == seen["header"] == email.message_id
    assert seen["in_transaction"] is False  # no lock or transaction held while the server is talked to
    assert email.status == OutboundEmail.Status.SENT
    assert mail.outbox[0].extra_headers["Message-ID"] == email.message_id


def test_a_worker_killed_after_sending_causes_no_resend(consortium, settings, killed_after_handing_over,
                                                         django_capture_on_commit_callbacks):
    with pytest.raises(Killed), django_capture_on_commit_callbacks(execute=True):
        email = queue(consortium)
    killed_after_handing_over()  # a new worker starts
    email.refresh_from_db()
    left = email.status

    outbox_send.apply(args=[consortium.pk, email.pk])  # the broker redelivers the unacknowledged task
    outbox_sweep.apply()
    outbox_sweep.apply()
    email.refresh_from_db()

    assert left == OutboundEmail.Status.SENDING
    assert email.status == OutboundEmail.Status.SENDING and email.attempts == 1
    assert [m.to for m in mail.outbox] == [["head@ysgol.cymru"]]


def test_after_the_lease_a_left_email_is_unknown_and_still_not_resent(
        client, consortium, consortium_admin, settings, killed_after_handing_over,
        django_capture_on_commit_callbacks):
    with pytest.raises(Killed), django_capture_on_commit_callbacks(execute=True):
        email = queue(consortium)
    with pytest.raises(Killed), django_capture_on_commit_callbacks(execute=True):
        recent = queue(consortium, "clerk@ysgol.cymru")
    killed_after_handing_over()
    lease_passes(email, settings)

    outbox_sweep.apply()
    outbox_sweep.apply()  # running the sweep twice changes nothing more
    outbox_send.apply(args=[consortium.pk, email.pk])
    email.refresh_from_db()
    recent.refresh_from_db()
    client.force_login(consortium_admin)
    page = client.get(f"/{consortium.slug}/outbox/").content.decode()
    row = page.split("head@ysgol.cymru", 1)[1].split("</tr>", 1)[0]
    dashboard = client.get(f"/{consortium.slug}/").content.decode()

    assert email.status == OutboundEmail.Status.UNKNOWN and email.attempts == 1
    assert "No result from the worker within 600 s" in email.last_error
    assert recent.status == OutboundEmail.Status.SENDING  # still inside its lease: a worker may yet answer
    assert len(mail.outbox) == 2  # the two handed over before the "crash", and nothing since
    assert "Unknown — check" in row and "may or may not have arrived" in row
    assert "1 email may or may not have been sent" in page
    assert reverse("admin:consortia_outboundemail_changelist") + "?status__exact=unknown" in page
    assert "1 email may or may not have been sent: check it" in dashboard


def test_an_admin_marks_an_unknown_email_sent_without_sending_it(
        client, consortium, other_consortium, consortium_admin, settings, killed_after_handing_over,
        django_capture_on_commit_callbacks):
    with pytest.raises(Killed), django_capture_on_commit_callbacks(execute=True):
        email = queue(consortium)
    killed_after_handing_over()
    lease_passes(email, settings)
    outbox_sweep.apply()
    theirs = OutboundEmail.objects.create(consortium=other_consortium, recipient="pennaeth@ysgol.cymru",
                                          purpose="p", object_type="x", object_id="1", subject="s", body_text="b",
                                          status=OutboundEmail.Status.UNKNOWN)
    failed = OutboundEmail.objects.create(consortium=consortium, recipient="failed@ysgol.cymru", purpose="p",
                                          object_type="x", object_id="1", subject="s", body_text="b",
                                          status=OutboundEmail.Status.FAILED)
    claimed_at = OutboundEmail.objects.get(pk=email.pk).claimed_at
    client.force_login(consortium_admin)

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("admin:consortia_outboundemail_changelist"),
                             {"action": "mark_sent", "_selected_action": [email.pk, theirs.pk, failed.pk]},
                             follow=True)
    email.refresh_from_db()

    assert "1 email marked as sent." in answer.content.decode()
    assert (email.status, email.sent_at, email.last_error) == (OutboundEmail.Status.SENT, claimed_at, "")
    assert OutboundEmail.objects.get(pk=theirs.pk).status == OutboundEmail.Status.UNKNOWN
    assert OutboundEmail.objects.get(pk=failed.pk).status == OutboundEmail.Status.FAILED  # a failure is not hidden
    assert len(mail.outbox) == 1  # only the one sent before the crash


def test_an_admin_sends_an_unknown_email_again_with_the_same_message_id(
        client, consortium, consortium_admin, settings, killed_after_handing_over,
        django_capture_on_commit_callbacks):
    with pytest.raises(Killed), django_capture_on_commit_callbacks(execute=True):
        email = queue(consortium)
    killed_after_handing_over()
    lease_passes(email, settings)
    outbox_sweep.apply()
    sending = OutboundEmail.objects.create(consortium=consortium, recipient="busy@ysgol.cymru", purpose="p",
                                           object_type="x", object_id="1", subject="s", body_text="b",
                                           status=OutboundEmail.Status.SENDING, claimed_at=timezone.now())
    message_id = OutboundEmail.objects.get(pk=email.pk).message_id
    client.force_login(consortium_admin)

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("admin:consortia_outboundemail_changelist"),
                             {"action": "retry_failed", "_selected_action": [email.pk, sending.pk]}, follow=True)
    outbox_sweep.apply()
    email.refresh_from_db()

    assert "1 email will be sent again." in answer.content.decode()
    assert (email.status, email.message_id) == (OutboundEmail.Status.SENT, message_id)
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message_id, message_id]
    assert OutboundEmail.objects.get(pk=sending.pk).status == OutboundEmail.Status.SENDING  # in a worker's hands


def test_a_late_result_after_an_admin_acted_is_not_recorded(consortium, monkeypatch,
                                                            django_capture_on_commit_callbacks):
    """A worker that answers after an admin already sent the email again must not overwrite that."""
    acted = {}
    real_send = mail.EmailMultiAlternatives.send

    def slow_send(message, fail_silently=False):
        if not acted:  # while this worker talks to the server, the lease passes and an admin sends it again
            acted["done"] = True
            OutboundEmail.objects.filter(pk=email.pk).update(status=OutboundEmail.Status.UNKNOWN)
            outbox.outbox_retry(consortium=consortium, actor="admin", email_ids=[email.pk])
        return real_send(message, fail_silently)

    email = queue(consortium)
    OutboundEmail.objects.filter(pk=email.pk).update(status=OutboundEmail.Status.QUEUED)
    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", slow_send)

    with django_capture_on_commit_callbacks(execute=False):
        outbox_send.apply(args=[consortium.pk, email.pk])
    email.refresh_from_db()

    assert email.status == OutboundEmail.Status.QUEUED  # the admin's retry stands; it goes with the sweep


def test_the_sweep_run_twice_sends_each_due_email_once(consortium, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):  # tasks lost: only the sweep sends
        for n in range(3):
            queue(consortium, f"head{n}@ysgol.cymru")

    outbox_sweep.apply()
    outbox_sweep.apply()

    assert sorted(m.to[0] for m in mail.outbox) == [f"head{n}@ysgol.cymru" for n in range(3)]
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {OutboundEmail.Status.SENT}


def test_a_message_that_cannot_be_built_fails_at_once_and_is_not_left_sending(
        consortium, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue(consortium, attachments=[{"filename": "agenda.pdf", "mimetype": "application/pdf",
                                                "content_b64": "not base64!"}])
    email.refresh_from_db()

    assert email.status == OutboundEmail.Status.FAILED
    assert "Error" in email.last_error
    assert mail.outbox == []


def test_a_retried_send_keeps_its_message_id(consortium, monkeypatch, django_capture_on_commit_callbacks):
    import smtplib

    calls = []
    real_send = mail.EmailMultiAlternatives.send

    def flaky(message, fail_silently=False):
        calls.append(message.extra_headers["Message-ID"])
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(message, fail_silently)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        email = queue(consortium)
    OutboundEmail.objects.filter(pk=email.pk).update(not_before=timezone.now())
    outbox_sweep.apply()
    email.refresh_from_db()

    assert email.status == OutboundEmail.Status.SENT and email.attempts == 2
    assert calls == [email.message_id, email.message_id]
    assert email.message_id.startswith("<") and email.message_id.endswith("@partneriaeth.example>")
