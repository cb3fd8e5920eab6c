"""NPQ assessment: windows per cohort, and each participant's attempts (re-takes in later windows)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.models import TenantModel

from .enrolments import Enrolment
from .programmes import Cohort


class AssessmentWindow(TenantModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="assessment_windows",
                               verbose_name=_("cohort"))
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))

    class Meta:
        verbose_name = _("assessment window")
        verbose_name_plural = _("assessment windows")
        ordering = ["opens_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                   name="assessment_window_dates_in_order"),
        ]
        indexes = [models.Index(fields=["consortium", "cohort", "opens_on"], name="assessment_window_idx")]

    def __str__(self) -> str:
        return self.title


class AssessmentAttempt(TenantModel):
    """One attempt: registered → submitted → passed | failed; any → voided. The latest outcome stands."""

    class State(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        SUBMITTED = "submitted", _("Submitted")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")
        VOIDED = "voided", _("Voided")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="assessment_attempts",
                                  verbose_name=_("participant"))
    window = models.ForeignKey(AssessmentWindow, on_delete=models.PROTECT, related_name="attempts",
                               verbose_name=_("window"))
    number = models.PositiveSmallIntegerField(_("attempt"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REGISTERED)
    submitted_on = models.DateField(_("submitted"), null=True, blank=True)
    outcome_on = models.DateField(_("outcome"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment attempt")
        verbose_name_plural = _("assessment attempts")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "enrolment", "number"], name="assessment_attempt_number"),
            models.UniqueConstraint(fields=["consortium", "enrolment", "window"],
                                    condition=~models.Q(state="voided"), name="assessment_attempt_one_per_window"),
        ]
        indexes = [models.Index(fields=["consortium", "window"], name="assessment_attempt_window_idx")]

    def __str__(self) -> str:
        return f"{self.enrolment.user}: attempt {self.number}"
