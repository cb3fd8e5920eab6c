from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.models import TenantModel
from partnerships.models import Organisation

from .budgets import Budget


def statement_upload_to(statement: Statement, filename: str) -> str:
    return f"statements/{statement.consortium_id}/{statement.budget_id}/{filename}"


class Statement(TenantModel):
    """A member school's statement for a budget year as a PDF, built on the `pdf` queue.

    NOTE: a new version is made only when the school's figures changed (`fingerprint`), so
    emailing the same statement twice finds the same version, and the outbox sends it once.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        WELSH = "cy", _("Welsh")

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="statements",
                               verbose_name=_("budget"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("school"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH)
    version = models.PositiveIntegerField(_("version"), default=1)
    fingerprint = models.CharField(_("figures fingerprint"), max_length=64)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("reason for failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(_("file"), upload_to=statement_upload_to, blank=True, max_length=300)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("time taken (ms)"), null=True, blank=True)
    render_ms = models.PositiveIntegerField(_("time typesetting (ms)"), null=True, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    circulate = models.BooleanField(_("email when ready"), default=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "budget", "organisation", "language", "version"],
                                    name="statement_version_once"),
        ]
        indexes = [
            models.Index(fields=["consortium", "budget", "organisation"], name="statement_school_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.budget.label} ({self.language}) v{self.version}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    def filename(self) -> str:
        return f"statement-{self.budget_id}-{self.organisation_id}-{self.language}-v{self.version}.pdf"
