"""The one road out for email: queued once per recipient and version, sent at most once (see OutboundEmail)."""

from __future__ import annotations

import base64
import logging
import smtplib
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from .models import Consortium, OutboundEmail
from .queue import enqueue_on_commit
from .text import clean_text

logger = logging.getLogger(__name__)

# Errors worth another try later; anything else is a defect in the message and fails at once.
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)
# Only these are sent: "sending" is someone else's send in progress, "unknown" waits for a person.
CLAIMABLE = (OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING)
# What an admin may send again: a person's decision, never the sweep's.
RETRYABLE = (OutboundEmail.Status.FAILED, OutboundEmail.Status.UNKNOWN)


def outbox_retry_delay(attempts: int) -> timedelta:
    """How long to wait after the given number of failed attempts: doubling, up to an hour.

    A mail server that is down for minutes is not hammered every minute, and one that is down for
    an afternoon is still tried hourly until OUTBOX_MAX_ATTEMPTS is reached.
    """
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def _about(obj: Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def outbox_enqueue(
    *, consortium: Consortium, recipient: str, purpose: str, about: Model, version: int,
    subject: str, body_text: str, body_html: str = "", language: str = "en",
    attachments: list[dict] | None = None, not_before=None,
) -> tuple[OutboundEmail, bool]:
    """Queue one email, or return the one already queued for the same recipient and version."""
    object_type, object_id = _about(about)
    key = {"consortium": consortium, "recipient": recipient.lower(), "purpose": purpose,
               "object_type": object_type, "object_id": object_id, "version": version}
    existing = OutboundEmail.objects.filter(**key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            email = OutboundEmail.objects.create(
                # A subject is one clean line: a line break in it would stop the email being sent at all.
                **key, subject=clean_text(subject, multiline=False)[:255], body_text=body_text, body_html=body_html,
                language=language, attachments=attachments or [],
                not_before=not_before or timezone.now(),
            )
    except IntegrityError:  # a concurrent sender won the race: theirs is the one
        return OutboundEmail.objects.get(**key), False
    if email.not_before <= timezone.now():
        from .tasks import outbox_send

        enqueue_on_commit(outbox_send, consortium.pk, email.pk)
    return email, True


def _message_id() -> str:
    # The domain of the From address, not the host's name: make_msgid's default asks DNS.
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "partneriaeth.invalid"
    return make_msgid(domain=domain)


def _claim(consortium_id: int, email_id: int) -> OutboundEmail | OutboundEmail.Status:
    """Claim a due email for one send, in its own committed transaction.

    Returns the claimed row, or the status that stopped it (already sending, sent, failed, not due).
    """
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update()
            .filter(consortium_id=consortium_id, pk=email_id)
            .first()
        )
        if email is None:
            return OutboundEmail.Status.CANCELLED
        if email.status not in CLAIMABLE or email.not_before > timezone.now():
            return email.status
        email.status = OutboundEmail.Status.SENDING
        email.attempts += 1
        email.claimed_at = timezone.now()
        email.message_id = email.message_id or _message_id()
        email.save(update_fields=["status", "attempts", "claimed_at", "message_id"])
    return email


def _message(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body_text, to=[email.recipient],
        from_email=settings.DEFAULT_FROM_EMAIL,
        headers={"Message-ID": email.message_id,
                 "X-Partneriaeth-Ref": f"{email.purpose}:{email.object_type}:{email.object_id}:{email.version}"},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content_b64"]),
            attachment["mimetype"],
        )
    return message


def _settle(email: OutboundEmail, **fields) -> OutboundEmail.Status:
    """Record how this claim ended, unless someone has acted on the row since (an admin's retry)."""
    updated = OutboundEmail.objects.filter(
        consortium_id=email.consortium_id, pk=email.pk, claimed_at=email.claimed_at,
        status__in=[OutboundEmail.Status.SENDING, OutboundEmail.Status.UNKNOWN],
    ).update(**fields)
    if not updated:
        logger.warning("Email %s changed while it was being sent; its result was not recorded", email.pk)
    return fields["status"]


def outbox_deliver(*, consortium_id: int, email_id: int) -> OutboundEmail.Status:
    """Send one queued email, at most once. Safe to call any number of times, from any worker.

    1. Claim: in its own transaction, committed before anything reaches the mail server, the row
       goes from queued/retrying to "sending", its Message-ID fixed. A second call finds it
       "sending" (or sent) and does nothing.
    2. Hand the message to the mail server, holding no lock and no transaction.
    3. Settle: sent; or, when the server refused or did not answer, retrying (then failed) with
       the reason. A worker killed between 1 and 3 leaves the row "sending": the sweep marks it
       "unknown" once the lease is over, for a person to check, and never sends it again itself.
    """
    email = _claim(consortium_id, email_id)
    if not isinstance(email, OutboundEmail):
        return email
    try:
        message = _message(email)
        message.message()  # builds the MIME now: a defect in it is found before the server is reached
    except Exception as exc:  # noqa: BLE001  a message that cannot be built never reached the server
        logger.exception("Email %s could not be built", email.pk)
        return _settle(email, status=OutboundEmail.Status.FAILED,
                       last_error=f"{type(exc).__name__}: {exc}"[:2000])
    try:
        message.send(fail_silently=False)
    except TRANSIENT_ERRORS as exc:
        status = (OutboundEmail.Status.FAILED if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
                  else OutboundEmail.Status.RETRYING)
        logger.warning("Email %s failed (attempt %s): %s", email.pk, email.attempts, exc)
        # The sweep picks a retrying email up again once not_before has come.
        return _settle(email, status=status, last_error=f"{type(exc).__name__}: {exc}"[:2000],
                       not_before=timezone.now() + outbox_retry_delay(email.attempts))
    except BaseException as exc:
        # Cut off while talking to the server (the task's time limit, a shutdown): it may have
        # taken the message. Say so now rather than after the lease; it is not resent on its own.
        logger.exception("Email %s interrupted while being sent", email.pk)
        _settle(email, status=OutboundEmail.Status.UNKNOWN,
                last_error=f"Interrupted while sending: {type(exc).__name__}: {exc}"[:2000])
        raise
    return _settle(email, status=OutboundEmail.Status.SENT, sent_at=timezone.now(), last_error="")


def outbox_sending_expire() -> int:
    """Mark emails left "sending" longer than the lease as "unknown — check" (for the sweeper).

    They were handed to a worker that never reported back (killed, or the machine lost): the
    message may or may not have reached the mail server. Sending it again could send it twice,
    so a person decides. Returns how many were marked.
    """
    lease = settings.OUTBOX_SENDING_LEASE_SECONDS
    # One UPDATE: a row settled meanwhile no longer matches (PostgreSQL re-checks the condition on
    # the locked row), so running it twice or beside a finishing worker changes nothing wrongly.
    count = OutboundEmail.objects.filter(
        status=OutboundEmail.Status.SENDING, claimed_at__lt=timezone.now() - timedelta(seconds=lease),
    ).update(status=OutboundEmail.Status.UNKNOWN,
             last_error=f"No result from the worker within {lease} s of handing it to the mail server")
    if count:
        logger.warning("%s emails were left sending past the lease and are now unknown", count)
    return count


def outbox_due():
    """Queued or retrying emails whose time has come, across consortia (for the sweeper)."""
    return OutboundEmail.objects.filter(
        status__in=[OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING],
        not_before__lte=timezone.now(),
    ).values_list("consortium_id", "pk")


def outbox_retry(*, consortium: Consortium, actor, email_ids) -> int:
    """Give failed or unknown emails a fresh set of attempts, at once. Returns how many were requeued.

    Only failed and unknown emails of this consortium are touched: a sent one is never sent again,
    a retrying one already has its next attempt booked, and one "sending" is in a worker's hands.
    An unknown one is sent again only because a person checked and chose to (it keeps its
    Message-ID, so a mail client that did get the first shows one message).
    """
    from .tasks import outbox_send

    with transaction.atomic():
        emails = list(
            OutboundEmail.objects.select_for_update()
            .filter(consortium=consortium, pk__in=list(email_ids), status__in=RETRYABLE)
        )
        for email in emails:
            # The last error stays until a send succeeds: it is what the admin acted on.
            email.status = OutboundEmail.Status.QUEUED
            email.attempts = 0
            email.not_before = timezone.now()
            email.save(update_fields=["status", "attempts", "not_before"])
            enqueue_on_commit(outbox_send, consortium.pk, email.pk)
    logger.info("%s requeued %s failed or unknown emails of consortium %s: %s", actor, len(emails),
                consortium.pk, [e.pk for e in emails])
    return len(emails)


def outbox_mark_sent(*, consortium: Consortium, actor, email_ids) -> int:
    """Record unknown emails as sent, once a person has checked they arrived. Returns how many.

    Only "unknown" emails of this consortium: it is a person's answer to that question, not a way
    to hide a failure. The time sent is when it was handed to the mail server.
    """
    with transaction.atomic():
        emails = list(
            OutboundEmail.objects.select_for_update()
            .filter(consortium=consortium, pk__in=list(email_ids), status=OutboundEmail.Status.UNKNOWN)
        )
        for email in emails:
            email.status = OutboundEmail.Status.SENT
            email.sent_at = email.claimed_at or timezone.now()
            email.last_error = ""
            email.save(update_fields=["status", "sent_at", "last_error"])
    logger.info("%s marked %s unknown emails of consortium %s as sent: %s", actor, len(emails), consortium.pk,
                [e.pk for e in emails])
    return len(emails)
