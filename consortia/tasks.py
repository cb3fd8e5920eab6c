"""Thin tasks: take ids, call a service. Retries and time limits are set here."""

from celery import shared_task

from .outbox import outbox_deliver, outbox_due, outbox_sending_expire
from .queue import pending_tasks_publish
from .tenancy import consortium_scope, cross_consortium


# NOTE: no Celery retry here. A failed send books its next attempt in the row (not_before,
# doubling) and the sweep makes it: one retry mechanism, which survives a lost task or a
# stopped broker, instead of two that could race.
@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def outbox_send(consortium_id: int, email_id: int) -> str:
    return outbox_deliver(consortium_id=consortium_id, email_id=email_id)


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def outbox_sweep() -> int:
    """Scheduled: send whatever is due and was not sent (lost task, deferred, or retrying).

    First it publishes the work the broker refused while it was down (consortia.queue). Emails
    left "sending" past the lease become "unknown" for a person to check: never resent from here.
    """
    with cross_consortium("beat: publish work the broker refused"):
        pending_tasks_publish()
    count = 0
    with cross_consortium("beat: outbox sweep"):
        outbox_sending_expire()
        due = list(outbox_due()[:500])
    for consortium_id, email_id in due:
        with consortium_scope(consortium_id):
            outbox_deliver(consortium_id=consortium_id, email_id=email_id)
        count += 1
    return count
