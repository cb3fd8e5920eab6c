"""Subscriptions to papers and minutes, the calendar feed, and the notifications page's postpone, cancel and retry."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia import dates
from consortia.models import Consortium, OutboundEmail
from consortia.queue import enqueue_on_commit
from partnerships.models import Partnership

from ..models import CalendarFeed, Subscription

# --- Subscriptions to papers and minutes ----------------------------------------------------------

@transaction.atomic
def subscription_set(*, partnership: Partnership, user, subscribed: bool) -> bool:
    if subscribed:
        Subscription.objects.get_or_create(consortium_id=partnership.consortium_id, partnership=partnership,
                                           user=user)
    else:
        Subscription.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                    user=user).delete()
    return subscribed


# --- Calendar feed and the notifications page -----------------------------------------------------

@transaction.atomic
def calendar_feed_reset(*, consortium: Consortium, user) -> str:
    """A new secret feed address for the person's meetings; the old one stops working. Returns the token."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(consortium=consortium, user=user,
                                          defaults={"token_hash": CalendarFeed.hash_token(token)})
    return token


def calendar_feed_for_token(token: str) -> CalendarFeed | None:
    return CalendarFeed.objects.select_related("consortium", "user").filter(
        token_hash=CalendarFeed.hash_token(token), user__is_active=True).first()


@transaction.atomic
def notification_postpone(*, email: OutboundEmail, not_before: dt.datetime) -> OutboundEmail:
    dates.POSTPONEMENT.check(not_before, field="not_before")
    email = OutboundEmail.objects.select_for_update().get(consortium_id=email.consortium_id, pk=email.pk)
    if email.status != OutboundEmail.Status.QUEUED or email.not_before <= timezone.now():
        raise ValidationError(_("Only a planned email that has not gone yet can be postponed."))
    if not_before <= email.not_before:
        raise ValidationError({"not_before": _("Choose a later time than the one planned.")})
    email.not_before = not_before
    email.save(update_fields=["not_before"])
    return email


@transaction.atomic
def notification_cancel(*, email: OutboundEmail, by) -> OutboundEmail:
    email = OutboundEmail.objects.select_for_update().get(consortium_id=email.consortium_id, pk=email.pk)
    if email.status not in (OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING):
        raise ValidationError(_("Only an email that has not gone yet can be cancelled."))
    email.status = OutboundEmail.Status.CANCELLED
    email.last_error = _("Cancelled by %(person)s.") % {"person": by}
    email.save(update_fields=["status", "last_error"])
    return email


@transaction.atomic
def notification_retry(*, email: OutboundEmail) -> OutboundEmail:
    """Try a failed email again: it goes back in the queue with its attempts counted afresh."""
    email = OutboundEmail.objects.select_for_update().get(consortium_id=email.consortium_id, pk=email.pk)
    if email.status != OutboundEmail.Status.FAILED:
        raise ValidationError(_("Only a failed email can be retried."))
    email.status = OutboundEmail.Status.QUEUED
    email.attempts = 0
    email.not_before = timezone.now()
    email.save(update_fields=["status", "attempts", "not_before"])
    from consortia.tasks import outbox_send

    enqueue_on_commit(outbox_send, email.consortium_id, email.pk)
    return email
