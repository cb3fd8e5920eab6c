"""Redis stopped when someone asks for a report: the request still answers quickly and the build is
saved; the work waits in PendingTask and the report is built, once, when Redis is back (the sweep)."""

import time

import pytest
from django.urls import reverse

from consortia.models import PendingTask
from consortia.tasks import outbox_sweep
from reporting.models import ReportBuild
from tests.faults.conftest import redis_stopped  # noqa: F401  the fixture

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_a_report_asked_for_while_redis_is_stopped_is_built_once_when_it_returns(
        client, chair, demo, redis_stopped, django_capture_on_commit_callbacks):  # noqa: F811
    partnership = demo["partnership"]
    client.force_login(chair)
    url = reverse("report_generate", args=[partnership.consortium.slug, partnership.pk])

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"academic_year": YEAR, "language": "en"})
    took = time.monotonic() - started
    build = ReportBuild.objects.get(partnership=partnership)
    kept = list(PendingTask.objects.values_list("task_name", "args"))
    waiting = build.status

    redis_stopped()  # Redis is back
    with django_capture_on_commit_callbacks(execute=True):
        outbox_sweep.apply()
    with django_capture_on_commit_callbacks(execute=True):
        outbox_sweep.apply()  # a second sweep finds nothing left to do
    build.refresh_from_db()

    assert answer.status_code == 302 and took < 2
    assert waiting == ReportBuild.Status.QUEUED
    assert kept == [("reporting.tasks.report_build", [partnership.consortium_id, build.pk])]
    assert (build.status, build.attempts) == (ReportBuild.Status.READY, 1)
    assert build.file
    assert not PendingTask.objects.exists()
