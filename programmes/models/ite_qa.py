"""ITE quality assurance (seed 002): moderation and external examiner visits to partner schools,
with the visit report as a governance paper and the actions of the meeting that considered it,
and school-based assessment records kept as document metadata and an outcome only.

NOTE: no pupil data here, ever: an assessment record names the trainee's assessment document
(its title and where the school keeps it) and the outcome; the report of a visit is a governance
paper, which itself refuses to be saved without the no-pupil-data confirmation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.models import TenantModel
from partnerships.models import Organisation

from .ite import Trainee
from .programmes import Programme


class QualityVisit(TenantModel):
    """A visit to a partner school to assure the quality of its ITE placements."""

    class Kind(models.TextChoices):
        MODERATION = "moderation", _("Moderation visit")
        EXTERNAL_EXAMINER = "external_examiner", _("External examiner visit")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="quality_visits",
                                  verbose_name=_("programme"))
    kind = models.CharField(_("kind of visit"), max_length=20, choices=Kind.choices)
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="quality_visits",
                               verbose_name=_("school"))
    scheduled_on = models.DateField(_("scheduled for"))
    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("visitor"))
    visitor_name = models.CharField(_("visitor (if not a user)"), max_length=200, blank=True,
                                    help_text=_("For example an external examiner from another university."))
    report = models.ForeignKey("governance.Paper", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("visit report"))
    considered_at = models.ForeignKey("governance.Meeting", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("considered at"))
    actions = models.ManyToManyField("governance.Action", blank=True, related_name="+", through="QualityVisitAction",
                                     verbose_name=_("actions agreed"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("arranged by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("quality assurance visit")
        verbose_name_plural = _("quality assurance visits")
        ordering = ["-scheduled_on", "pk"]
        indexes = [models.Index(fields=["consortium", "programme", "scheduled_on"], name="ite_qa_visit_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.school} {self.scheduled_on}"

    @property
    def visitor_label(self) -> str:
        if self.visitor_id:
            return self.visitor.get_full_name() or self.visitor.email
        return self.visitor_name


class QualityVisitAction(TenantModel):
    """An action the governance meeting agreed on a visit. A tenant row of its own, rather than
    Django's bare link table, so it carries the consortium like every other (row-level security, Citus)."""

    visit = models.ForeignKey(QualityVisit, on_delete=models.CASCADE, related_name="+", verbose_name=_("visit"))
    action = models.ForeignKey("governance.Action", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("action"))

    class Meta:
        verbose_name = _("action agreed on a visit")
        verbose_name_plural = _("actions agreed on visits")
        constraints = [models.UniqueConstraint(fields=["consortium", "visit", "action"],
                                               name="ite_qa_visit_action_once")]


class SchoolAssessmentRecord(TenantModel):
    """A school-based assessment of a trainee: which document records it, and the outcome. No pupil data."""

    class Outcome(models.TextChoices):
        MEETS = "meets", _("Meets the standards expected at this point")
        WORKING_TOWARDS = "working_towards", _("Working towards the standards")
        CAUSE_FOR_CONCERN = "cause_for_concern", _("Cause for concern")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="school_assessments",
                                  verbose_name=_("programme"))
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="school_assessments",
                                verbose_name=_("trainee"))
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("school"))
    title = models.CharField(_("document title"), max_length=200, validators=[MinLengthValidator(3)])
    document_reference = models.CharField(
        _("where the document is kept"), max_length=300,
        help_text=_("The school's or university's reference or location, not the document's content."))
    assessed_on = models.DateField(_("assessed on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("school-based assessment record")
        verbose_name_plural = _("school-based assessment records")
        ordering = ["-assessed_on", "pk"]
        indexes = [models.Index(fields=["consortium", "programme", "assessed_on"], name="ite_sba_idx"),
                   models.Index(fields=["consortium", "trainee"], name="ite_sba_trainee_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_outcome_display()})"
