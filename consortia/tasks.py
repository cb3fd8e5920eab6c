"""Thin tasks: take ids, call a service. Retries and time limits are set here."""

from celery import shared_task

from .models import OutboundEmail
from .outbox import outbox_deliver, outbox_due
from .tenancy import consortium_scope, cross_consortium


class OutboxRetry(Exception):
    pass


@shared_task(
    bind=True, acks_late=True, autoretry_for=(OutboxRetry,), retry_backoff=30,
    retry_backoff_max=3600, retry_jitter=True, max_retries=5, soft_time_limit=60, time_limit=90,
)
def outbox_send(self, consortium_id: int, email_id: int) -> str:
    status = outbox_deliver(consortium_id=consortium_id, email_id=email_id)
    if status == OutboundEmail.Status.RETRYING:
        raise OutboxRetry(f"email {email_id} will be retried")
    return status


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def outbox_sweep() -> int:
    """Scheduled: send whatever is due and was not sent (lost task, deferred, or retrying)."""
    count = 0
    with cross_consortium("beat: outbox sweep"):
        due = list(outbox_due()[:500])
    for consortium_id, email_id in due:
        with consortium_scope(consortium_id):
            outbox_deliver(consortium_id=consortium_id, email_id=email_id)
        count += 1
    return count
