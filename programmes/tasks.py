"""Thin tasks: take ids (always with the consortium), re-fetch scoped rows, call a service.

NOTE: no long countdowns: future emails are outbox rows with `not_before`, and the scanners
below run from django-celery-beat (migration 0002) and look for what is due.
"""

import logging

from celery import shared_task

from consortia.tenancy import cross_consortium

from . import services
from .models import Event

logger = logging.getLogger(__name__)

RETRY = {"acks_late": True, "autoretry_for": (Exception,), "retry_backoff": 30, "retry_backoff_max": 1800,
         "retry_jitter": True, "max_retries": 5, "soft_time_limit": 240, "time_limit": 300}


@shared_task(**RETRY)
def event_notices_dispatch(consortium_id: int, event_id: int) -> int:
    event = Event.objects.filter(consortium_id=consortium_id, pk=event_id).first()
    return services.event_notices_dispatch(event=event) if event else 0


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def event_notices_sweep() -> int:
    """Every 15 minutes: complete notices and reminders of upcoming events, surveys of events held."""
    with cross_consortium("beat: programme event notices sweep"):
        return services.event_notices_sweep()


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def programmes_daily() -> dict:
    """Daily: content release to fellows, engagement alerts, employer commitment reminders."""
    result = {}
    for name, job in (("content", services.content_release_due), ("engagement", services.engagement_alerts_send),
                      ("commitments", services.employer_commitments_remind)):
        try:
            with cross_consortium(f"beat: programmes daily {name}"):
                result[name] = job()
        except Exception:  # one job failing must not stop the others
            logger.exception("Daily programmes job %s failed", name)
            result[name] = None
    return result


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def plans_daily() -> dict:
    """Daily (migration 0005): progress-update reminders to project managers and sponsors' digests,
    each once per person per reporting period, so a rerun sends nothing twice."""
    from .services.plans import plans_remind

    with cross_consortium("beat: joint plan reminders and digests"):
        return plans_remind()
