"""Thin tasks: take ids, call a service. They run on the "pdf" queue (CELERY_TASK_ROUTES)."""

import logging

from celery import shared_task
from django.utils.translation import gettext as _

from consortia.tenancy import cross_consortium

from . import services

logger = logging.getLogger(__name__)

MAX_RETRIES = 3


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, soft_time_limit=240, time_limit=300)
def report_build(self, consortium_id: int, build_id: int) -> str | None:
    """Build one report. A ready build is never rebuilt, so a redelivered message does no harm."""
    try:
        build = services.report_build_run(consortium_id=consortium_id, build_id=build_id)
    except services.TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            build = services.report_build_fail(consortium_id=consortium_id, build_id=build_id, reason=_(
                "The report could not be built because a service it needs was unavailable (%(error)s). "
                "Try again later.") % {"error": type(exc).__name__})
            return build.status if build else None
        raise self.retry(exc=exc, countdown=30 * 2 ** self.request.retries) from exc
    return build.status if build else None


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def annual_reports_generate(academic_year: int | None = None) -> int:
    """Scheduled on 1 September: last academic year's report for every partnership, emailed when ready."""
    with cross_consortium("beat: annual reports for every partnership"):
        return services.annual_reports_generate(academic_year=academic_year)
