"""Import jobs: one row per uploaded file, with its progress, its errors by row and its result.

NOTE: a job's file is checked for its shape (format, headings, size) when it is uploaded; its
rows are checked and written by a Celery task (jobs.tasks.import_job_run), all or nothing. The
job is marked finished in the same transaction that writes the rows, so a task run twice (a
redelivered message, a retry) never imports a file twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.models import TenantModel


def import_upload_to(job: ImportJob, filename: str) -> str:
    return f"imports/{job.consortium_id}/{filename}"


class ImportJob(TenantModel):
    class Kind(models.TextChoices):
        ORGANISATIONS = "organisations", _("Organisations")
        PEOPLE = "people", _("People")
        PARTICIPANTS = "participants", _("Programme participants")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("what is imported"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=import_upload_to, max_length=300)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_format = models.CharField(_("file format"), max_length=4, choices=[("csv", "CSV"), ("xlsx", "XLSX")])
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    # [{"row": 3, "messages": ["email: Enter a valid email address."]}, ...], as they are found.
    errors = models.JSONField(_("errors by row"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    # {"new": 3, "update": 1, "skip": 0}: what a finished import did.
    summary = models.JSONField(_("result"), default=dict, blank=True)
    failure = models.TextField(_("reason for failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["consortium", "created_by", "created_at"], name="import_job_person_idx"),
            models.Index(fields=["consortium", "state"], name="import_job_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.FINISHED, self.State.FAILED)

    @property
    def percent_checked(self) -> int:
        return min(100, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0
