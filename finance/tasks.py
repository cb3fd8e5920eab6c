"""Thin tasks: take ids, call a service. Statements build on the "pdf" queue (CELERY_TASK_ROUTES)."""

from celery import shared_task
from django.utils.translation import gettext as _

from .services import statements

MAX_RETRIES = 3


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, soft_time_limit=120, time_limit=180)
def statement_build(self, consortium_id: int, statement_id: int) -> str | None:
    """Build one statement. A ready one is never rebuilt, so a redelivered message does no harm."""
    try:
        statement = statements.statement_build_run(consortium_id=consortium_id, statement_id=statement_id)
    except statements.TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            statement = statements.statement_build_fail(
                consortium_id=consortium_id, statement_id=statement_id,
                reason=_("The statement could not be built because a service it needs was unavailable "
                         "(%(error)s). Try again later.") % {"error": type(exc).__name__})
            return statement.status if statement else None
        raise self.retry(exc=exc, countdown=30 * 2 ** self.request.retries) from exc
    return statement.status if statement else None
