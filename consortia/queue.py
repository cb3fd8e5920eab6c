"""Handing background work to Celery after commit, without losing it when the broker is down.

A service calls `enqueue_on_commit(task, consortium_id, *args)` instead of `task.delay_on_commit`.
When the transaction commits the task is published; if Redis is stopped or unreachable the
request still succeeds (its data is saved) and the work is written to PendingTask, which the
outbox sweep publishes once the broker answers again.
"""

from __future__ import annotations

import logging

from celery import current_app
from django.db import transaction
from kombu.exceptions import KombuError

from .models import PendingTask

logger = logging.getLogger(__name__)

# What publishing raises when the broker cannot be reached (kombu wraps most in OperationalError).
BROKER_ERRORS = (KombuError, ConnectionError, TimeoutError, OSError)


def _publish(task_name: str, args: list) -> None:
    # retry=False: a stopped broker must cost the request milliseconds, not kombu's retry loop.
    current_app.tasks[task_name].apply_async(args=args, retry=False)


def enqueue_on_commit(task, consortium_id: int, *args) -> None:
    """Publish `task(consortium_id, *args)` once the current transaction commits."""
    call_args = [consortium_id, *args]

    def publish() -> None:
        try:
            _publish(task.name, call_args)
        except BROKER_ERRORS as exc:
            logger.warning("Broker unavailable, %s%s kept for the sweep: %s", task.name, tuple(call_args), exc)
            PendingTask.objects.create(consortium_id=consortium_id, task_name=task.name, args=call_args,
                                       error=f"{type(exc).__name__}: {exc}"[:2000])

    publish.task_name, publish.args = task.name, call_args  # what is queued, for whoever inspects it
    transaction.on_commit(publish)


def pending_tasks_publish(limit: int = 500) -> int:
    """Publish work the broker refused earlier, oldest first; stop at the first refusal.

    Returns how many were published. Rows are locked (skip_locked) so two sweeps never take
    the same row; a row is deleted in the transaction that published it.
    """
    published = 0
    with transaction.atomic():
        for pending in PendingTask.objects.select_for_update(skip_locked=True).order_by("created_at")[:limit]:
            try:
                _publish(pending.task_name, pending.args)
            except BROKER_ERRORS as exc:
                logger.warning("Broker still unavailable, pending tasks wait for the next sweep: %s", exc)
                break
            pending.delete()
            published += 1
    return published
