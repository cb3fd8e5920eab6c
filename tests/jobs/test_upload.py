"""The upload page checks a file's shape at once, then makes a job and sends the person to it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs.models import ImportJob
from partnerships.models import Organisation

from .helpers import csv_file, school, upload

pytestmark = pytest.mark.django_db


def test_a_valid_file_makes_a_queued_job_and_redirects_to_it(client, consortium, consortium_admin):
    client.force_login(consortium_admin)
    response = upload(client, consortium, csv_file([school(1), school(2)]))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("import_job", args=[consortium.slug, job.pk])
    assert (job.consortium, job.created_by, job.kind, job.rows_total) == (consortium, consortium_admin,
                                                                         "organisations", 2)
    assert job.state == ImportJob.State.QUEUED  # the task runs only once the request's transaction commits
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(("upload_file", "message"), [
    (SimpleUploadedFile("schools.pdf", b"%PDF-1.4"), "Upload a CSV or XLSX file."),
    (SimpleUploadedFile("schools.csv", b""), "The file is empty"),
    (csv_file([{"name": "Ysgol 1"}], headers=["name"]), "must have the column headings: kind"),
    (csv_file([], name="schools.csv"), "no rows to import"),
    (SimpleUploadedFile("schools.xlsx", b"not a workbook"), "could not be read as XLSX"),
])
def test_a_file_of_the_wrong_shape_is_refused_with_its_reason_and_no_job(client, consortium, consortium_admin,
                                                                          upload_file, message):
    client.force_login(consortium_admin)
    response = upload(client, consortium, upload_file)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_unknown_kind_is_refused(client, consortium, consortium_admin):
    client.force_login(consortium_admin)
    response = upload(client, consortium, csv_file([school(1)]), kind="budgets")
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_too_many_rows_are_refused(client, consortium, consortium_admin, monkeypatch):
    monkeypatch.setattr("jobs.files.MAX_ROWS", 2)
    client.force_login(consortium_admin)
    response = upload(client, consortium, csv_file([school(1), school(2), school(3)]))
    assert response.status_code == 400
    assert "import at most 2 at a time" in response.content.decode()


def test_only_consortium_admins_may_upload(client, consortium, member):
    client.force_login(member)
    assert client.get(reverse("import_upload", args=[consortium.slug])).status_code == 403
    assert upload(client, consortium, csv_file([school(1)])).status_code == 403
    assert not ImportJob.objects.exists()


def test_an_admin_of_another_consortium_cannot_upload_here(client, consortium, other_admin):
    client.force_login(other_admin)
    assert upload(client, consortium, csv_file([school(1)])).status_code == 404
    assert not ImportJob.objects.exists()


def test_the_page_offers_the_three_kinds_in_welsh_too(client, consortium, consortium_admin):
    client.force_login(consortium_admin)
    response = client.get(reverse("import_upload", args=[consortium.slug]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    for kind in ("organisations", "people", "participants"):
        assert f'value="{kind}"' in response.content.decode()
