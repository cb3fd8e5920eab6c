"""Thin tasks: take ids (always with the consortium), re-fetch scoped rows, call a service.

NOTE: nothing here uses a long countdown or ETA: the Redis broker redelivers a task whose ETA is
beyond its visibility timeout. Future emails are outbox rows with `not_before`, sent by the
outbox sweep; the scanners below run from django-celery-beat (in UTC) and look for what is due.
"""

import logging

from celery import shared_task

from consortia.tenancy import cross_consortium

from . import services
from .models import Meeting, Minutes, Paper

logger = logging.getLogger(__name__)

RETRY = {"acks_late": True, "autoretry_for": (Exception,), "retry_backoff": 30, "retry_backoff_max": 1800,
         "retry_jitter": True, "max_retries": 5, "soft_time_limit": 240, "time_limit": 300}


@shared_task(**RETRY)
def meeting_notices_dispatch(consortium_id: int, meeting_id: int) -> int:
    meeting = Meeting.objects.filter(consortium_id=consortium_id, pk=meeting_id).first()
    return services.meeting_notices_dispatch(meeting=meeting) if meeting else 0


@shared_task(**RETRY)
def meeting_cancellation_dispatch(consortium_id: int, meeting_id: int) -> int:
    meeting = Meeting.objects.filter(consortium_id=consortium_id, pk=meeting_id).first()
    return services.meeting_cancellation_dispatch(meeting=meeting) if meeting else 0


@shared_task(**RETRY)
def minutes_circulate(consortium_id: int, minutes_id: int) -> int:
    minutes = Minutes.objects.filter(consortium_id=consortium_id, pk=minutes_id).first()
    return services.minutes_circulate(minutes=minutes) if minutes else 0


@shared_task(**RETRY)
def paper_published_notify(consortium_id: int, paper_id: int) -> int:
    paper = Paper.objects.filter(consortium_id=consortium_id, pk=paper_id).first()
    return services.paper_published_notify(paper=paper) if paper else 0


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def meeting_notices_sweep() -> int:
    """Scheduled every 15 minutes: complete notices and reminders of upcoming meetings (idempotent)."""
    with cross_consortium("beat: meeting notices sweep"):
        return services.meeting_notices_sweep()


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def governance_daily() -> dict:
    """Scheduled daily: interests confirmations due or overdue, and chairs' terms ending soon."""
    result = {}
    for name, job in (("interests", services.interests_reminders_send), ("terms", services.term_warnings_send)):
        try:
            with cross_consortium(f"beat: governance daily {name}"):
                result[name] = job()
        except Exception:  # one job failing must not stop the other
            logger.exception("Daily governance job %s failed", name)
            result[name] = None
    return result
