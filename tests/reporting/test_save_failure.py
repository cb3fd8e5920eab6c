"""A PDF that cannot be written (disk full, a broken volume): the build is marked failed with a
reason a person can read, shown on its page, and can be tried again."""

import errno
import os

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from reporting import services
from reporting.models import ReportBuild

from .conftest import YEAR

pytestmark = pytest.mark.django_db


class FullDiskStorage(FileSystemStorage):
    """The media volume with no space left: every write fails as the kernel reports it."""

    def _save(self, name, content):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)


def build_report(partnership, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        build = services.report_build_request(partnership=partnership, academic_year=YEAR, language="en")
    build.refresh_from_db()
    return build


def try_again(client, build, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("report_retry", args=[build.partnership.consortium.slug, build.pk]))
    build.refresh_from_db()
    return answer


def test_a_full_disk_fails_the_build_with_a_reason_and_it_can_be_tried_again(
        demo, chair, client, settings, django_capture_on_commit_callbacks):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullDiskStorage"}}
    build = build_report(demo["partnership"], django_capture_on_commit_callbacks)
    failed = build.status
    client.force_login(chair)
    page = client.get(reverse("report_status", args=[build.partnership.consortium.slug, build.pk])).content.decode()

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    answer = try_again(client, build, django_capture_on_commit_callbacks)

    assert failed == ReportBuild.Status.FAILED
    assert "no room to save it" in page
    assert answer.status_code == 302
    assert build.status == ReportBuild.Status.READY and build.file


def test_a_media_folder_that_cannot_be_written_fails_the_build_with_a_reason(
        demo, settings, tmp_path, django_capture_on_commit_callbacks):
    # A real OS failure: where the reports folder should be there is a file.
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "reports").write_text("not a folder")

    build = build_report(demo["partnership"], django_capture_on_commit_callbacks)

    assert build.status == ReportBuild.Status.FAILED
    assert build.error.startswith("The report was built but could not be saved on the server (")
    assert not build.file
