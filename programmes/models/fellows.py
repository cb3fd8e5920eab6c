"""Visiting fellows: who facilitates which event, content release, briefings, training, quality
assurance, and the facilitation records their schools or trusts are paid for."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.models import TenantModel
from partnerships.models import Organisation

from .events import Event
from .programmes import Programme


class FacilitationAssignment(TenantModel):
    """A visiting fellow assigned to facilitate (or co-facilitate) one event.

    The stages follow from what is recorded: content released, pre-reading confirmed, briefing
    attended, session delivered, quality assurance observed.
    """

    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("Facilitator")
        CO_FACILITATOR = "co_facilitator", _("Co-facilitator")

    class State(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("event"))
    fellow = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facilitations",
                               verbose_name=_("visiting fellow"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.FACILITATOR)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.ASSIGNED)
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    content_released_at = models.DateTimeField(_("content released"), null=True, blank=True)
    pre_reading_confirmed_at = models.DateTimeField(_("pre-reading done"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivery recorded"), null=True, blank=True)
    fellow_feedback = models.TextField(_("the fellow's own feedback"), blank=True, max_length=4000)
    fellow_feedback_at = models.DateTimeField(_("feedback given"), null=True, blank=True)

    class Meta:
        verbose_name = _("facilitation assignment")
        verbose_name_plural = _("facilitation assignments")
        ordering = ["event__starts_at", "role"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "event", "fellow"], name="assignment_once_per_event"),
        ]
        indexes = [models.Index(fields=["consortium", "fellow", "state"], name="assignment_fellow_idx")]

    def __str__(self) -> str:
        return f"{self.fellow} – {self.event}"


class FacilitatorBriefing(TenantModel):
    """The briefing before a session: one to two weeks before, at most 90 minutes (seed 003)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="briefings",
                              verbose_name=_("session briefed"))
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"),
                                                        validators=[MinValueValidator(1), MaxValueValidator(90)])
    online_link = models.URLField(_("online link"), blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("arranged by"))

    class Meta:
        verbose_name = _("facilitator briefing")
        verbose_name_plural = _("facilitator briefings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(duration_minutes__gte=1, duration_minutes__lte=90),
                                   name="briefing_at_most_90_minutes"),
        ]
        indexes = [models.Index(fields=["consortium", "event"], name="briefing_event_idx")]

    def __str__(self) -> str:
        return f"Briefing for {self.event}"


class BriefingAttendance(TenantModel):
    briefing = models.ForeignKey(FacilitatorBriefing, on_delete=models.CASCADE, related_name="attendance",
                                 verbose_name=_("briefing"))
    fellow = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("visiting fellow"))
    attended = models.BooleanField(_("attended"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("briefing attendance")
        verbose_name_plural = _("briefing attendance")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "briefing", "fellow"], name="briefing_attendance_once"),
        ]


class TrainingDay(TenantModel):
    """Initial or further training for a programme's visiting fellows (about two days a year)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="training_days",
                                  verbose_name=_("programme"))
    title = models.CharField(_("title"), max_length=200)
    on = models.DateField(_("date"))
    half_days = models.PositiveSmallIntegerField(
        _("length"), choices=[(1, _("Half a day")), (2, _("A full day"))], default=2)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)

    class Meta:
        verbose_name = _("training day")
        verbose_name_plural = _("training days")
        ordering = ["on"]
        indexes = [models.Index(fields=["consortium", "programme", "on"], name="training_day_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def minutes(self) -> int:
        # A day's training is paid as six hours, half a day as three.
        return self.half_days * 180


class TrainingAttendance(TenantModel):
    training_day = models.ForeignKey(TrainingDay, on_delete=models.CASCADE, related_name="attendance",
                                     verbose_name=_("training day"))
    fellow = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("visiting fellow"))
    attended = models.BooleanField(_("attended"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendance")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "training_day", "fellow"], name="training_attendance_once"),
        ]
        indexes = [models.Index(fields=["consortium", "fellow"], name="training_attendance_fellow_idx")]


class QAObservation(TenantModel):
    """A quality-assurance observation of a fellow's facilitation, with the feedback shared with them."""

    assignment = models.ForeignKey(FacilitationAssignment, on_delete=models.CASCADE, related_name="observations",
                                   verbose_name=_("facilitation"))
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("observer"))
    observed_on = models.DateField(_("observed"))
    feedback = models.TextField(_("feedback"), max_length=4000)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("QA observation")
        verbose_name_plural = _("QA observations")
        ordering = ["-observed_on"]
        indexes = [models.Index(fields=["consortium", "assignment"], name="qa_observation_idx")]


class FacilitationRecord(TenantModel):
    """Time a visiting fellow gave, which is paid to their employing school or trust.

    NOTE (for finance, which pays these): the fields are stable.
    - `fellow`: the person; `employer`: the organisation that employed them on `on`, read from
      `partnerships.Employment` when the record was made (the payee); None when no employment
      was recorded for that date, and then it cannot be paid until corrected.
    - `kind`: `session` (a delivered event), `briefing` (a facilitator briefing attended) or
      `training_day` (training attended); exactly one of `assignment`, `briefing`,
      `training_day` points at its source, and each source has at most one record per fellow.
    - `on`: the date the time was given (Europe/London); `minutes`: whole minutes (hours shown
      are minutes / 60, never stored).
    - `state`: `pending` (recorded, not yet approved) → `approved` (ready to pay) → `paid`, or
      `void`.
    - `payment`: the finance payment to `employer` that pays this record; one payment at a time,
      so a record is paid once (services.facilitation_payment_request). It becomes `paid` when
      finance marks that payment paid; a cancelled payment lets go of it, still approved.
    """

    class Kind(models.TextChoices):
        SESSION = "session", _("Session delivered")
        BRIEFING = "briefing", _("Briefing attended")
        TRAINING_DAY = "training_day", _("Training day")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved for payment")
        PAID = "paid", _("Paid")
        VOID = "void", _("Void")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="facilitation_records",
                                  verbose_name=_("programme"))
    fellow = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facilitation_records",
                               verbose_name=_("visiting fellow"))
    employer = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("employing school or trust"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    assignment = models.ForeignKey(FacilitationAssignment, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="records", verbose_name=_("session"))
    briefing = models.ForeignKey(FacilitatorBriefing, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="records", verbose_name=_("briefing"))
    training_day = models.ForeignKey(TrainingDay, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="records", verbose_name=_("training day"))
    on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("minutes"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    payment = models.ForeignKey("finance.Payment", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="facilitation_records", verbose_name=_("payment"))

    class Meta:
        verbose_name = _("facilitation record")
        verbose_name_plural = _("facilitation records")
        ordering = ["-on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="session", assignment__isnull=False, briefing__isnull=True,
                                    training_day__isnull=True)
                           | models.Q(kind="briefing", briefing__isnull=False, assignment__isnull=True,
                                      training_day__isnull=True)
                           | models.Q(kind="training_day", training_day__isnull=False, assignment__isnull=True,
                                      briefing__isnull=True)),
                name="facilitation_record_one_source"),
            models.CheckConstraint(condition=~models.Q(state="paid") | models.Q(payment__isnull=False),
                                   name="facilitation_record_paid_by_a_payment"),
            models.UniqueConstraint(fields=["consortium", "assignment"], condition=models.Q(assignment__isnull=False),
                                    name="facilitation_record_once_per_session"),
            models.UniqueConstraint(fields=["consortium", "briefing", "fellow"],
                                    condition=models.Q(briefing__isnull=False),
                                    name="facilitation_record_once_per_briefing"),
            models.UniqueConstraint(fields=["consortium", "training_day", "fellow"],
                                    condition=models.Q(training_day__isnull=False),
                                    name="facilitation_record_once_per_training"),
        ]
        indexes = [
            models.Index(fields=["consortium", "fellow", "on"], name="facilitation_record_fellow_idx"),
            models.Index(fields=["consortium", "state", "on"], name="facilitation_record_state_idx"),
            models.Index(fields=["consortium", "employer"], name="facilitation_record_payee_idx"),
            models.Index(fields=["consortium", "payment"], name="facilitation_payment_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.fellow} – {self.get_kind_display()} {self.on}"

    @property
    def hours(self) -> str:
        from ..rules import hours

        return hours(self.minutes)
