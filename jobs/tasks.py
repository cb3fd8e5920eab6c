"""Thin tasks: take ids, call a service. The consortium comes first, so the task runs as that tenant."""

import logging

from celery import shared_task
from django.utils.translation import gettext as _

from . import services

logger = logging.getLogger(__name__)

MAX_RETRIES = 3


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, soft_time_limit=1700, time_limit=1800)
def import_job_run(self, consortium_id: int, job_id: int) -> str | None:
    """Run one import job. A finished job is never run again, so a redelivered message does no harm."""
    try:
        job = services.import_job_run(consortium_id=consortium_id, job_id=job_id)
    except services.TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            job = services.import_job_fail(consortium_id=consortium_id, job_id=job_id, reason=_(
                "Nothing was imported because a service it needs was unavailable (%(error)s). Upload the file "
                "again later.") % {"error": type(exc).__name__})
            return job.state if job else None
        raise self.retry(exc=exc, countdown=30 * 2 ** self.request.retries) from exc
    return job.state if job else None
