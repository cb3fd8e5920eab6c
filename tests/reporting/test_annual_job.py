"""The annual job builds last year's reports and emails each recipient once, even when run twice."""

import pytest
from django.core import mail
from django_celery_beat.models import PeriodicTask

from consortia.models import OutboundEmail
from reporting.models import ReportBuild
from reporting.tasks import annual_reports_generate

from .conftest import YEAR

pytestmark = pytest.mark.django_db

RECIPIENTS = ["education@rctcbc.gov.uk", "head@cwmglas.cymru", "head@parc.cymru", "pennaeth@bryntaf.cymru"]


def run(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        annual_reports_generate.apply(kwargs={"academic_year": YEAR})


def test_each_recipient_is_emailed_once_even_if_the_job_runs_twice(demo, django_capture_on_commit_callbacks):
    # Given representatives of current members (one reads Welsh) and a local authority that receives notes

    # When the annual job runs twice
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)

    # Then one English and one Welsh report were built, and each recipient got one email
    builds = ReportBuild.objects.filter(partnership=demo["partnership"], academic_year=YEAR)
    assert sorted(builds.values_list("language", "version", "status")) == [("cy", 1, "ready"), ("en", 1, "ready")]
    assert sorted(message.to[0] for message in mail.outbox) == RECIPIENTS
    assert OutboundEmail.objects.filter(purpose="annual_report").count() == 4


def test_the_welsh_reader_gets_the_welsh_report_in_welsh(demo, django_capture_on_commit_callbacks):
    run(django_capture_on_commit_callbacks)

    welsh = OutboundEmail.objects.get(recipient="pennaeth@bryntaf.cymru")
    build = ReportBuild.objects.get(pk=welsh.object_id)
    assert (welsh.language, build.language) == ("cy", "cy")
    assert f"/reports/builds/{build.pk}/download/" in welsh.body_text
    assert "Adroddiad blynyddol" in welsh.subject


def test_a_representative_of_an_organisation_that_left_is_not_emailed(demo, django_capture_on_commit_callbacks):
    run(django_capture_on_commit_callbacks)

    assert not OutboundEmail.objects.filter(recipient__endswith="llwyncelyn.cymru").exists()
    assert len(mail.outbox) == 4


def test_a_new_version_is_emailed_again(demo, django_capture_on_commit_callbacks):
    # Given the annual report went out, and a failed rebuild later forced a new version
    run(django_capture_on_commit_callbacks)
    ReportBuild.objects.filter(language="en").update(status="failed")

    # When the job runs again
    run(django_capture_on_commit_callbacks)

    # Then the English readers got version 2 as well
    assert OutboundEmail.objects.filter(recipient="head@parc.cymru").count() == 2
    assert OutboundEmail.objects.filter(recipient="pennaeth@bryntaf.cymru").count() == 1


def test_the_job_is_scheduled_for_the_first_of_september():
    task = PeriodicTask.objects.get(task="reporting.tasks.annual_reports_generate")

    assert (task.crontab.month_of_year, task.crontab.day_of_month, task.crontab.hour) == ("9", "1", "6")
