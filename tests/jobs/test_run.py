"""An import job checks and writes its rows in the background: all or nothing, once, with one email."""

import pytest
from django.urls import reverse

from consortia.models import OutboundEmail
from jobs import services
from jobs.models import ImportJob
from partnerships.models import Organisation, OrganisationYear

from .helpers import csv_file, school, upload_and_run

pytestmark = pytest.mark.django_db


def test_a_valid_file_is_imported_and_the_job_finishes_with_its_result(
        client, consortium, consortium_admin, django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)
    rows = [{"kind": "local_authority", "name": "Rhondda Cynon Taf", "school_code": "", "local_authority": "",
             "academic_year": "", "pupils": "", "budget": ""},
            school(1, local_authority="Rhondda Cynon Taf"), school(2)]
    upload_and_run(client, consortium, csv_file(rows), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FINISHED, job.failure
    assert (job.rows_done, job.rows_total, job.errors, job.attempts) == (3, 3, [], 1)
    assert job.summary == {"new": 3, "update": 0, "skip": 0}
    assert job.finished_at is not None
    first = Organisation.objects.for_consortium(consortium).get(school_code="6700001")
    assert first.local_authority.name == "Rhondda Cynon Taf"  # an authority added earlier in the same file
    assert OrganisationYear.objects.for_consortium(consortium).get(organisation=first).pupils == 101


def test_the_uploader_gets_one_summary_email_with_a_link_to_the_job(
        client, consortium, consortium_admin, django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)
    upload_and_run(client, consortium, csv_file([school(1)]), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    email = OutboundEmail.objects.get(purpose=services.SUMMARY_PURPOSE)
    assert email.recipient == consortium_admin.email
    assert "Import finished" in email.subject
    assert "1 added, 0 updated, 0 unchanged" in email.body_text
    assert reverse("import_job", args=[consortium.slug, job.pk]) in email.body_text


def test_running_the_job_twice_imports_once_and_emails_once(
        client, consortium, consortium_admin, django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)
    upload_and_run(client, consortium, csv_file([school(1), school(2)]), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    again = services.import_job_run(consortium_id=consortium.pk, job_id=job.pk)
    assert again.state == ImportJob.State.FINISHED and again.attempts == 1
    assert Organisation.objects.for_consortium(consortium).count() == 2
    assert OutboundEmail.objects.filter(purpose=services.SUMMARY_PURPOSE).count() == 1


def test_a_job_interrupted_while_running_is_run_again_from_the_start(
        client, consortium, consortium_admin, django_capture_on_commit_callbacks):
    """A worker killed mid-import: its transaction was rolled back, the message redelivered, the job runs again."""
    client.force_login(consortium_admin)
    from .helpers import upload
    upload(client, consortium, csv_file([school(1)]))  # queued, not run (no commit callbacks)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING, attempts=1, rows_done=1)
    services.import_job_run(consortium_id=consortium.pk, job_id=job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (ImportJob.State.FINISHED, 2)
    assert Organisation.objects.for_consortium(consortium).count() == 1


def test_a_file_with_an_invalid_row_saves_nothing_and_lists_the_errors_by_row(
        client, consortium, consortium_admin, django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)
    rows = [school(1), school(2, kind="castle"), school(3, pupils="many"), school(4)]
    upload_and_run(client, consortium, csv_file(rows), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED
    assert not Organisation.objects.for_consortium(consortium).exists()
    assert [entry["row"] for entry in job.errors] == [3, 4]  # numbered as the spreadsheet is, headings on row 1
    assert any("castle" in message for message in job.errors[0]["messages"])
    assert job.error_count == 2
    assert "2 rows have errors" in job.failure
    email = OutboundEmail.objects.get(purpose=services.SUMMARY_PURPOSE)
    assert "Import failed" in email.subject and "nothing from it was saved" in email.body_text


def test_a_row_that_clashes_in_the_database_fails_the_whole_job_with_a_reason(
        consortium, consortium_admin, monkeypatch):
    """The database's constraints stand behind the in-memory checks: a clash rolls the file back whole."""
    from partnerships.resources import OrganisationResource

    def clash(self, organisations):
        Organisation.objects.create(consortium=consortium, kind="school", name="Ysgol 1")
        Organisation.objects.create(consortium=consortium, kind="school", name="Ysgol 1")

    monkeypatch.setattr(OrganisationResource, "bulk_write", clash)
    job = _queued(consortium, consortium_admin, [school(1)])
    services.import_job_run(consortium_id=consortium.pk, job_id=job.pk)
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED and job.failure.startswith("Nothing was imported")
    assert not Organisation.objects.for_consortium(consortium).exists()


def test_an_unexpected_fault_fails_the_job_with_a_readable_reason(consortium, consortium_admin, monkeypatch):
    from partnerships.resources import OrganisationResource

    def broken(self, organisations):
        raise RuntimeError("boom")

    monkeypatch.setattr(OrganisationResource, "bulk_write", broken)
    job = _queued(consortium, consortium_admin, [school(1)])
    services.import_job_run(consortium_id=consortium.pk, job_id=job.pk)
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED
    assert "something went wrong on our side" in job.failure and "boom" not in job.failure


def test_progress_is_recorded_as_rows_are_checked(consortium, consortium_admin, monkeypatch):
    from partnerships.resources import ConsortiumResource

    monkeypatch.setattr(ConsortiumResource, "PROGRESS_EVERY", 2)
    seen = []
    job = _queued(consortium, consortium_admin, [school(n) for n in range(1, 6)] + [school(6, kind="castle")])
    job_services = services
    real_fail = job_services.import_job_fail

    def record_fail(**kwargs):
        seen.append(ImportJob.objects.values_list("rows_done", "error_count").get(pk=job.pk))
        return real_fail(**kwargs)

    monkeypatch.setattr(job_services, "import_job_fail", record_fail)
    job_services.import_job_run(consortium_id=consortium.pk, job_id=job.pk)
    assert seen == [(6, 1)]  # every row checked and the error counted before the job was failed
    job.refresh_from_db()
    assert job.errors[0]["row"] == 7


def _queued(consortium, user, rows):
    from .helpers import csv_file as make

    return services.import_job_create(consortium=consortium, user=user, kind="organisations", upload=make(rows))
