"""The build task: queued on commit only, stores the PDF with its figures, idempotent, and a failed
build records a readable reason and can be tried again."""

import pytest
from django.urls import reverse

from reporting import pdf, services
from reporting.models import ReportBuild
from reporting.tasks import report_build

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def request_build(partnership, django_capture_on_commit_callbacks, execute=True, **extra):
    with django_capture_on_commit_callbacks(execute=execute) as callbacks:
        build = services.report_build_request(partnership=partnership, academic_year=YEAR, language="en", **extra)
    return build, callbacks


def test_the_build_is_queued_only_when_the_transaction_commits(demo, django_capture_on_commit_callbacks):
    # When a build is requested but the transaction has not committed
    build, callbacks = request_build(demo["partnership"], django_capture_on_commit_callbacks, execute=False)

    # Then one task waits for the commit and the build is still queued
    assert len(callbacks) == 1
    assert ReportBuild.objects.get(pk=build.pk).status == ReportBuild.Status.QUEUED


def test_a_ready_build_stores_its_file_size_timings_and_figures(demo, django_capture_on_commit_callbacks):
    # When a build is requested and the task runs
    build, _ = request_build(demo["partnership"], django_capture_on_commit_callbacks)

    # Then the row holds the PDF and what it cost
    build.refresh_from_db()
    assert build.status == ReportBuild.Status.READY
    assert build.file.read(5) == b"%PDF-"
    assert build.size_bytes == build.file.size
    assert build.duration_ms >= build.render_ms > 0
    assert build.figures["members"] == 3


def test_a_ready_build_is_not_rebuilt(demo, django_capture_on_commit_callbacks, monkeypatch):
    build, _ = request_build(demo["partnership"], django_capture_on_commit_callbacks)
    calls = []
    monkeypatch.setattr(pdf, "typeset", lambda html: calls.append(html) or b"%PDF-")

    # When the task is delivered again
    report_build.apply(args=[build.consortium_id, build.pk])

    # Then nothing is built twice
    assert calls == []


def test_regenerating_keeps_the_earlier_version(demo, django_capture_on_commit_callbacks):
    first, _ = request_build(demo["partnership"], django_capture_on_commit_callbacks)

    second, _ = request_build(demo["partnership"], django_capture_on_commit_callbacks)

    assert (first.version, second.version) == (1, 2)
    assert ReportBuild.objects.filter(partnership=demo["partnership"], status="ready").count() == 2


def test_a_failed_build_records_why_and_can_be_tried_again(demo, chair, client, django_capture_on_commit_callbacks,
                                                          monkeypatch):
    # Given typesetting breaks
    def broken(html):
        raise ValueError("the stylesheet is missing")

    monkeypatch.setattr(pdf, "typeset", broken)
    build, _ = request_build(demo["partnership"], django_capture_on_commit_callbacks)
    build.refresh_from_db()

    # Then the build failed with a reason a person can read
    assert build.status == ReportBuild.Status.FAILED
    assert "could not be built" in build.error and "the stylesheet is missing" in build.error

    # When typesetting is mended and the chair tries again
    monkeypatch.undo()
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("report_retry", args=[build.partnership.consortium.slug, build.pk]))

    # Then the same version is built
    build.refresh_from_db()
    assert response.status_code == 302
    assert (build.status, build.version, build.error, build.attempts) == ("ready", 1, "", 2)


def test_a_transient_error_is_retried_then_fails_with_a_reason(demo, django_capture_on_commit_callbacks,
                                                              monkeypatch):
    from django.db import OperationalError

    def unavailable(html):
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(pdf, "typeset", unavailable)
    build, _ = request_build(demo["partnership"], django_capture_on_commit_callbacks)

    build.refresh_from_db()
    assert build.status == ReportBuild.Status.FAILED
    assert build.attempts == 4  # the first try and three retries
    assert "unavailable" in build.error


def test_only_a_failed_build_can_be_retried(demo, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    build, _ = request_build(demo["partnership"], django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError):
        services.report_retry(build=ReportBuild.objects.get(pk=build.pk))
