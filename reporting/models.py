"""Report builds: one row per PDF, with its status, its file and what it cost to make.

NOTE: a build's version counts up per (partnership, academic year, language); regenerating adds a
row and earlier builds stay until someone deletes them. The outbox keys the annual email on
(build, version), which is what makes it exactly-once per recipient per report version.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.models import TenantModel
from partnerships.models import Partnership


def report_upload_to(build: ReportBuild, filename: str) -> str:
    return f"reports/{build.consortium_id}/{build.partnership_id}/{filename}"


class ReportBuild(TenantModel):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        WELSH = "cy", _("Welsh")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="report_builds",
                                    verbose_name=_("partnership"))
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the academic year starts: 2026 means 2026/27."))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("reason for failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(_("file"), upload_to=report_upload_to, blank=True, max_length=300)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("time taken (ms)"), null=True, blank=True)
    gather_ms = models.PositiveIntegerField(_("time gathering data (ms)"), null=True, blank=True)
    charts_ms = models.PositiveIntegerField(_("time drawing charts (ms)"), null=True, blank=True)
    render_ms = models.PositiveIntegerField(_("time typesetting (ms)"), null=True, blank=True)
    # The compliance figures of the year, kept so the consortium overview compares reports cheaply.
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    # Set by the annual job: when the build is ready, its link is emailed to the recipients.
    circulate = models.BooleanField(_("email when ready"), default=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report build")
        verbose_name_plural = _("report builds")
        ordering = ["-academic_year", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "partnership", "academic_year", "language", "version"],
                                    name="report_build_unique_version"),
        ]
        indexes = [
            models.Index(fields=["consortium", "partnership", "academic_year"], name="report_build_year_idx"),
            models.Index(fields=["consortium", "academic_year", "status"], name="report_build_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.year_label} ({self.language}) v{self.version}"

    @property
    def year_label(self) -> str:
        return f"{self.academic_year}/{str(self.academic_year + 1)[-2:]}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    def filename(self) -> str:
        return f"partnership-report-{self.partnership_id}-{self.academic_year}-{self.language}-v{self.version}.pdf"


class ReportSummary(TenantModel):
    """The partnership's own words for a year, in English and Welsh, at the front of its annual report.

    NOTE: the figures in a report are computed; this is what the chair wants governing bodies to
    read first (what the year achieved, what comes next). One per partnership and academic year,
    kept as it was written: later builds of the same year's report use the latest text.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="report_summaries",
                                    verbose_name=_("partnership"))
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    summary = models.TextField(_("summary (English)"), blank=True)
    summary_cy = models.TextField(_("summary (Welsh)"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("last changed by"))
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        verbose_name = _("report summary")
        verbose_name_plural = _("report summaries")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "partnership", "academic_year"],
                                    name="report_summary_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.academic_year}"
