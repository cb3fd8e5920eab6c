"""Thin tasks: take ids, call a service. Retries and time limits are set here."""

import logging

from celery import shared_task
from django.utils import timezone

from consortia.tenancy import consortium_scope, cross_consortium

from . import selectors, services
from .models import AgreementVersion

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def agreement_reminders_send() -> int:
    """Scheduled daily: remind parties who have not accepted the current version of an agreement.

    Safe to run any number of times: each reminder is keyed to its cadence window in the outbox.
    """
    now = timezone.now()
    queued = 0
    with cross_consortium("beat: agreement reminders"):
        due = list(selectors.versions_due_for_reminders(now))
    for consortium_id, version_id in due:
        with consortium_scope(consortium_id):
            version = AgreementVersion.objects.filter(consortium_id=consortium_id, pk=version_id).first()
            if version is None:
                continue
            try:
                queued += services.version_reminders_send(version=version, now=now)
            except Exception:  # one broken agreement must not stop the others' reminders
                logger.exception("Reminders for agreement version %s failed", version_id)
    return queued
