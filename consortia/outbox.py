"""The one road out for email. See OutboundEmail for why it is exactly-once."""

from __future__ import annotations

import base64
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from .models import Consortium, OutboundEmail
from .queue import enqueue_on_commit
from .text import clean_text

logger = logging.getLogger(__name__)

# Errors worth another try later; anything else is a defect in the message and fails at once.
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)


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


def outbox_deliver(*, consortium_id: int, email_id: int) -> OutboundEmail.Status:
    """Send one queued email. Safe to call any number of times: a sent row is never resent.

    The row stays locked while the message is handed to the mail server, so two workers
    running the same task cannot both send it.
    """
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update()
            .filter(consortium_id=consortium_id, pk=email_id)
            .first()
        )
        if email is None or email.status not in (
            OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING
        ):
            return email.status if email else OutboundEmail.Status.CANCELLED
        if email.not_before > timezone.now():
            return email.status
        email.attempts += 1
        message = EmailMultiAlternatives(
            subject=email.subject, body=email.body_text, to=[email.recipient],
            from_email=settings.DEFAULT_FROM_EMAIL,
            headers={"X-Partneriaeth-Ref": f"{email.purpose}:{email.object_type}:{email.object_id}:{email.version}"},
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        for attachment in email.attachments:
            message.attach(
                attachment["filename"], base64.b64decode(attachment["content_b64"]),
                attachment["mimetype"],
            )
        try:
            message.send(fail_silently=False)
        except TRANSIENT_ERRORS as exc:
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.status = (
                OutboundEmail.Status.FAILED
                if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
                else OutboundEmail.Status.RETRYING
            )
            # The sweep picks a retrying email up again once this time has come.
            email.not_before = timezone.now() + outbox_retry_delay(email.attempts)
            email.save(update_fields=["attempts", "last_error", "status", "not_before"])
            logger.warning("Email %s failed (attempt %s): %s", email.pk, email.attempts, exc)
            return email.status
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return email.status


def outbox_due():
    """Queued or retrying emails whose time has come, across consortia (for the sweeper)."""
    return OutboundEmail.objects.filter(
        status__in=[OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING],
        not_before__lte=timezone.now(),
    ).values_list("consortium_id", "pk")


def outbox_retry(*, consortium: Consortium, actor, email_ids) -> int:
    """Give failed emails a fresh set of attempts, at once. Returns how many were requeued.

    Only failed emails of this consortium are touched: a sent one is never sent again, and a
    retrying one already has its next attempt booked.
    """
    from .tasks import outbox_send

    with transaction.atomic():
        emails = list(
            OutboundEmail.objects.select_for_update()
            .filter(consortium=consortium, pk__in=list(email_ids), status=OutboundEmail.Status.FAILED)
        )
        for email in emails:
            # The last error stays until a send succeeds: it is what the admin acted on.
            email.status = OutboundEmail.Status.QUEUED
            email.attempts = 0
            email.not_before = timezone.now()
            email.save(update_fields=["status", "attempts", "not_before"])
            enqueue_on_commit(outbox_send, consortium.pk, email.pk)
    logger.info("%s requeued %s failed emails of consortium %s", actor, len(emails), consortium.pk)
    return len(emails)
