"""Initial teacher education (seed 002): trainees on routes, their status history, partner schools'
placement offers, placements in contrasting schools, school mentors and their training.

NOTE: a trainee's state is never stored on the trainee: it is the latest append-only
`TraineeStatusChange` (the database refuses an UPDATE of one), the RTT state machine of
PROGRAMMES.md §1.4. Whether a second placement contrasts with the first is derived from the
schools' recorded attributes by the partnership's `PlacementRules`, never stored; only the
office's reason for accepting a placement that does not contrast is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.models import TenantModel
from partnerships.models import Organisation

from .programmes import Programme


class Route(models.TextChoices):
    """Seed 002's four routes, with the DfE Register trainee teachers codes."""

    PGCE = "provider_led_postgrad", _("PGCE")
    SCHOOL_DIRECT_FEE = "school_direct_tuition_fee", _("School Direct (tuition fee)")
    SCHOOL_DIRECT_SALARIED = "school_direct_salaried", _("School Direct (salaried)")
    ASSESSMENT_ONLY = "assessment_only", _("Assessment Only")


class Subject(models.TextChoices):
    """Seed 002's secondary subjects."""

    COMPUTING = "computing", _("Computer science")
    DESIGN_TECHNOLOGY = "design_technology", _("Design and technology")
    ECONOMICS = "economics", _("Economics with business")
    ENGLISH = "english", _("English")
    GEOGRAPHY = "geography", _("Geography")
    HISTORY = "history", _("History")
    MATHEMATICS = "mathematics", _("Mathematics")
    MODERN_LANGUAGES = "modern_languages", _("Modern languages")
    PE = "pe", _("Physical education")
    PSYCHOLOGY = "psychology", _("Psychology")
    PHYSICS = "physics", _("Science (physics)")
    CHEMISTRY = "chemistry", _("Science (chemistry)")
    BIOLOGY = "biology", _("Science (biology)")
    RE = "religious_education", _("Religious education")


class Term(models.TextChoices):
    AUTUMN = "autumn", _("Autumn term")
    SPRING = "spring", _("Spring term")
    SUMMER = "summer", _("Summer term")


class TraineeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED_FOR_TRN = "submitted_for_trn", _("Submitted for TRN")
    TRN_RECEIVED = "trn_received", _("TRN received")
    RECOMMENDED_FOR_AWARD = "recommended_for_award", _("Recommended for award")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DEFERRED = "deferred", _("Deferred")
    AWARDED = "awarded", _("Awarded")


class ContrastAttribute(models.TextChoices):
    PHASE = "phase", _("phase")
    SIZE_BAND = "size_band", _("size")
    LANGUAGE_MEDIUM = "language_medium", _("language medium")
    LOCAL_AUTHORITY = "local_authority", _("local authority")
    CONTEXT = "context", _("context")


class PlacementRules(TenantModel):
    """What an ITE partnership means by contrasting schools, and in which terms placements fall."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="placement_rules",
                                     verbose_name=_("programme"))
    contrast_attributes = models.JSONField(
        _("contrast on"), default=list,
        help_text=_("The school attributes compared between a trainee's first and second placement."))
    contrast_minimum = models.PositiveSmallIntegerField(
        _("attributes that must differ"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)])
    first_term = models.CharField(_("first placement term"), max_length=10, choices=Term.choices,
                                  default=Term.AUTUMN)
    second_term = models.CharField(_("second placement term"), max_length=10, choices=Term.choices,
                                   default=Term.SPRING)

    class Meta:
        verbose_name = _("placement rules")
        verbose_name_plural = _("placement rules")
        constraints = [models.UniqueConstraint(fields=["consortium", "programme"], name="placement_rules_unique")]

    def __str__(self) -> str:
        return f"{self.programme}: {', '.join(self.contrast_attributes)}"


class Trainee(TenantModel):
    """A trainee teacher of the university's partnership in one academic year, on one route."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="trainees",
                                  verbose_name=_("programme"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="trainee_records",
                             verbose_name=_("trainee"))
    route = models.CharField(_("route"), max_length=40, choices=Route.choices)
    subject = models.CharField(_("subject"), max_length=40, choices=Subject.choices)
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    starts_on = models.DateField(_("ITT start"))
    ends_on = models.DateField(_("ITT end"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        ordering = ["user__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "programme", "user", "academic_year"],
                                    name="trainee_unique_year"),
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")),
                                   name="trainee_dates_in_order"),
        ]
        indexes = [models.Index(fields=["consortium", "programme", "academic_year"], name="trainee_year_idx"),
                   models.Index(fields=["consortium", "user"], name="trainee_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_subject_display()}, {self.get_route_display()})"

    @property
    def needs_placements(self) -> bool:
        return self.route != Route.ASSESSMENT_ONLY


class TraineeStatusChange(TenantModel):
    """One step of a trainee's record, never edited: the state from then, why, and who said so."""

    class Trigger(models.TextChoices):
        PROVIDER = "provider", _("The provider")
        TRAINEE = "trainee", _("The trainee")

    trainee = models.ForeignKey(Trainee, on_delete=models.PROTECT, related_name="status_changes",
                                verbose_name=_("trainee"))
    state = models.CharField(_("state from then"), max_length=30, choices=TraineeState.choices)
    reason = models.CharField(_("reason"), max_length=60, blank=True)
    trigger = models.CharField(_("withdrawal asked for by"), max_length=10, choices=Trigger.choices, blank=True)
    effective_on = models.DateField(_("from"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("trainee status change")
        verbose_name_plural = _("trainee status history")
        ordering = ["effective_on", "recorded_at", "pk"]
        indexes = [models.Index(fields=["consortium", "trainee", "effective_on"], name="trainee_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_state_display()} {self.effective_on}"


class Mentor(TenantModel):
    """A school-based mentor of the partnership: their school and the subjects they mentor."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="ite_mentors",
                                  verbose_name=_("programme"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ite_mentoring",
                             verbose_name=_("mentor"))
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="ite_mentors",
                               verbose_name=_("school"))
    subjects = models.JSONField(_("subjects"), default=list)

    class Meta:
        verbose_name = _("school mentor")
        verbose_name_plural = _("school mentors")
        ordering = ["user__full_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["consortium", "programme", "user"], name="ite_mentor_unique")]
        indexes = [models.Index(fields=["consortium", "school"], name="ite_mentor_school_idx")]

    def __str__(self) -> str:
        return f"{self.user} ({self.school})"


class MentorTraining(TenantModel):
    """Mentor training a mentor completed: initial (16 hours from 2025), refresher (6), or moderation."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Initial mentor training")
        REFRESHER = "refresher", _("Refresher training")
        MODERATION = "moderation", _("Moderation training")

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="training",
                               verbose_name=_("mentor"))
    kind = models.CharField(_("training"), max_length=20, choices=Kind.choices)
    hours = models.PositiveSmallIntegerField(_("hours"), validators=[MinValueValidator(1), MaxValueValidator(40)])
    completed_on = models.DateField(_("completed"))

    class Meta:
        verbose_name = _("mentor training")
        verbose_name_plural = _("mentor training")
        ordering = ["-completed_on", "pk"]
        indexes = [models.Index(fields=["consortium", "mentor"], name="mentor_training_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.completed_on}"


class PlacementOffer(TenantModel):
    """How many trainees a partner school can host in a subject and term of an academic year."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="placement_offers",
                                  verbose_name=_("programme"))
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="placement_offers",
                               verbose_name=_("school"))
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    subject = models.CharField(_("subject"), max_length=40, choices=Subject.choices)
    term = models.CharField(_("term"), max_length=10, choices=Term.choices)
    places = models.PositiveSmallIntegerField(_("places"), validators=[MaxValueValidator(20)])

    class Meta:
        verbose_name = _("placement offer")
        verbose_name_plural = _("placement offers")
        ordering = ["school__name", "subject", "term"]
        constraints = [models.UniqueConstraint(
            fields=["consortium", "programme", "school", "academic_year", "subject", "term"],
            name="placement_offer_unique")]
        indexes = [models.Index(fields=["consortium", "programme", "academic_year"], name="placement_offer_year_idx")]

    def __str__(self) -> str:
        return f"{self.school}: {self.get_subject_display()}, {self.get_term_display()} ({self.places})"


class Placement(TenantModel):
    """A trainee's placement in a partner school: which one it is, when, and who supports them."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        ENDED_EARLY = "ended_early", _("Ended early")

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="placements",
                                verbose_name=_("trainee"))
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="ite_placements",
                               verbose_name=_("school"))
    offer = models.ForeignKey(PlacementOffer, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="placements", verbose_name=_("offer"))
    sequence = models.PositiveSmallIntegerField(_("placement"), validators=[MinValueValidator(1),
                                                                            MaxValueValidator(4)])
    term = models.CharField(_("term"), max_length=10, choices=Term.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    mentor = models.ForeignKey(Mentor, on_delete=models.SET_NULL, null=True, blank=True, related_name="placements",
                               verbose_name=_("school mentor"))
    tutor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("university subject tutor"))
    lead_tutor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("lead tutor"))
    contrast_reason = models.TextField(
        _("reason the schools need not contrast"), blank=True,
        help_text=_("Only when the partnership's contrast rule does not hold for this placement."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("arranged by"))
    # Every edit (services.placement_edit) leaves the earlier version, who changed it and why.
    history = HistoricalRecords(excluded_fields=["created_at", "created_by"])

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["sequence", "starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "trainee", "sequence"], name="placement_unique_sequence"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="placement_dates_in_order"),
        ]
        indexes = [models.Index(fields=["consortium", "school", "starts_on"], name="placement_school_idx"),
                   models.Index(fields=["consortium", "offer"], name="placement_offer_idx")]

    def __str__(self) -> str:
        return f"{self.trainee.user}: placement {self.sequence} at {self.school}"
