"""A statement PDF that cannot be written (disk full, a broken volume): the statement is marked failed
with a reason a person can read, shown on its page, and the finance administrator can try again."""

import errno
import os

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from finance import services
from finance.models import Statement

from .conftest import issued_charges

pytestmark = pytest.mark.django_db


class FullDiskStorage(FileSystemStorage):
    """The media volume with no space left: every write fails as the kernel reports it."""

    def _save(self, name, content):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)


@pytest.fixture
def charged(budget, finance_admin, approver, schools):
    issued_charges(budget, finance_admin, approver)
    return schools[0]


def build(budget, school, by, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statement = services.statement_request(budget=budget, organisation=school, language="en", by=by)
    statement.refresh_from_db()
    return statement


def test_a_full_disk_fails_the_statement_with_a_reason_and_it_can_be_tried_again(
        budget, charged, finance_admin, client, settings, django_capture_on_commit_callbacks):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullDiskStorage"}}
    statement = build(budget, charged, finance_admin, django_capture_on_commit_callbacks)
    failed = (statement.status, statement.file.name)
    client.force_login(finance_admin)
    page = client.get(reverse("finance_statement_status", args=[budget.partnership.consortium.slug, statement.pk]))

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("finance_statement_retry", args=[budget.partnership.consortium.slug,
                                                                      statement.pk]))
    statement.refresh_from_db()

    assert failed == (Statement.Status.FAILED, "")
    assert page.status_code == 200
    assert "no room to save it on the server" in page.content.decode() and "Try again" in page.content.decode()
    assert answer.status_code == 302
    assert statement.status == Statement.Status.READY and statement.file and statement.size_bytes > 1000
    assert statement.attempts == 2


def test_a_media_folder_that_cannot_be_written_fails_the_statement_with_a_reason(
        budget, charged, finance_admin, settings, tmp_path, django_capture_on_commit_callbacks):
    # A real OS failure: where the statements folder should be there is a file.
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "statements").write_text("not a folder")

    statement = build(budget, charged, finance_admin, django_capture_on_commit_callbacks)

    assert statement.status == Statement.Status.FAILED
    assert statement.error.startswith("The statement was built but could not be saved on the server (")
    assert not statement.file


def test_a_failed_statement_is_not_reused_by_the_next_request(
        budget, charged, finance_admin, settings, django_capture_on_commit_callbacks):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullDiskStorage"}}
    failed = build(budget, charged, finance_admin, django_capture_on_commit_callbacks)
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}

    again = build(budget, charged, finance_admin, django_capture_on_commit_callbacks)

    assert failed.status == Statement.Status.FAILED
    assert again.pk != failed.pk and again.status == Statement.Status.READY
