"""People on a programme: enrolments, their status history, where they work, mentors, employers'
commitments, staffing changes reported by schools, and the weekly coaching cycle.

NOTE: a participant's status is never stored on the enrolment. It is derived from the
append-only `EnrolmentStatusChange` rows (the latest one in effect on a day wins), so the record
of what happened, when, why and who said so is never rewritten; the database refuses an UPDATE
of a status change (migration 0002).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.models import TenantModel
from partnerships.models import Organisation

from .programmes import Cohort, Programme


class ParticipantRole(models.TextChoices):
    """The programme roles a person is enrolled in (the others are ProgrammeRoles only)."""

    ECT = "ect", _("Early career teacher")
    MENTOR = "mentor", _("Mentor")
    NPQ_PARTICIPANT = "npq_participant", _("NPQ participant")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    DEFERRED = "deferred", _("Deferred")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")


class Enrolment(TenantModel):
    """A person on a cohort in one participant role, from a date."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments",
                               verbose_name=_("cohort"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments",
                             verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=30, choices=ParticipantRole.choices)
    started_on = models.DateField(_("started"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("enrolled by"))

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["user__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "cohort", "user", "role"], name="enrolment_unique"),
        ]
        indexes = [
            models.Index(fields=["consortium", "cohort", "role"], name="enrolment_cohort_idx"),
            models.Index(fields=["consortium", "user"], name="enrolment_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.cohort})"


class EnrolmentStatusChange(TenantModel):
    """One change in an enrolment's story, never edited: enrolled, deferred, resumed, withdrawn,
    completed, moved to another school, or changed employer."""

    class Kind(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        DEFERRED = "deferred", _("Deferred")
        RESUMED = "resumed", _("Resumed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Completed")
        TRANSFERRED = "transferred", _("Transferred to another school")
        CHANGED_EMPLOYER = "changed_employer", _("Changed employer")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="status_changes",
                                  verbose_name=_("enrolment"))
    kind = models.CharField(_("change"), max_length=30, choices=Kind.choices)
    status = models.CharField(_("status from then"), max_length=20, choices=Status.choices)
    reason = models.CharField(_("reason"), max_length=60, blank=True)
    effective_on = models.DateField(_("from"))
    note = models.TextField(_("note"), blank=True)
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("to school or employer"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["effective_on", "pk"]
        indexes = [models.Index(fields=["consortium", "enrolment", "effective_on"], name="status_change_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on}"

    @property
    def reason_label(self) -> str:
        from ..reasons import label

        return label(self.reason) if self.reason else ""


class SchoolPeriod(TenantModel):
    """Where a participant works for the programme, from when to when (RECT's at-school periods).

    Why a period here rather than a second current `partnerships.Employment`: an employment is
    the contract (who employs and pays, which is whom a visiting fellow's facilitation is paid
    to, and who must commit to support an NPQ participant), and one person holds one at a time
    in a consortium, as the people import and the API already say. Where someone *works on the
    programme* is a different fact: an ECT is at one school at a time, while a mentor may mentor
    at several schools at once, and a trust's employee teaches in one of its schools. So the
    programme keeps these periods with RECT's rules: one open period per ECT, one open period
    per mentor and school, and periods that never overlap (checked by the services).
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="school_periods",
                                  verbose_name=_("enrolment"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=30, choices=ParticipantRole.choices)
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="programme_periods",
                               verbose_name=_("school"))
    started_on = models.DateField(_("from"))
    finished_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("school period")
        verbose_name_plural = _("school periods")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finished_on__isnull=True) | models.Q(finished_on__gte=models.F("started_on")),
                name="school_period_dates_in_order"),
            # An ECT is at one school at a time, in every cohort and programme.
            models.UniqueConstraint(fields=["consortium", "user"],
                                    condition=models.Q(role="ect", finished_on__isnull=True),
                                    name="school_period_one_open_ect"),
            # A mentor may mentor at many schools at once, once at each.
            models.UniqueConstraint(fields=["consortium", "user", "school"],
                                    condition=models.Q(role="mentor", finished_on__isnull=True),
                                    name="school_period_one_open_mentor_school"),
            models.UniqueConstraint(fields=["consortium", "enrolment"],
                                    condition=models.Q(role="npq_participant", finished_on__isnull=True),
                                    name="school_period_one_open_npq"),
        ]
        indexes = [
            models.Index(fields=["consortium", "enrolment"], name="school_period_enrolment_idx"),
            models.Index(fields=["consortium", "school", "finished_on"], name="school_period_school_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.school}"


class Mentorship(TenantModel):
    """Which mentor supports which ECT, from when to when; one open mentorship per ECT."""

    ect = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="mentorships",
                            verbose_name=_("ECT"))
    mentor = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="mentees",
                               verbose_name=_("mentor"))
    started_on = models.DateField(_("from"))
    finished_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "ect"], condition=models.Q(finished_on__isnull=True),
                                    name="mentorship_one_open"),
            models.CheckConstraint(
                condition=models.Q(finished_on__isnull=True) | models.Q(finished_on__gte=models.F("started_on")),
                name="mentorship_dates_in_order"),
        ]
        indexes = [models.Index(fields=["consortium", "mentor"], name="mentorship_mentor_idx")]

    def __str__(self) -> str:
        return f"{self.mentor.user} mentors {self.ect.user}"


class EmployerCommitment(TenantModel):
    """A new employer's commitment to support an NPQ participant (seed 003).

    Asked for when the participant changes employer; the school's representative accepts the
    programme agreement's school commitments for that participant online. The acceptance keeps
    the exact text and language accepted, as an agreement acceptance does.
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="employer_commitments",
                                  verbose_name=_("enrolment"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("employer"))
    status_change = models.ForeignKey(EnrolmentStatusChange, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("employer change"))
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("asked by"))
    version = models.ForeignKey("agreements.AgreementVersion", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("agreement version accepted"))
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("accepted by"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    text_accepted = models.TextField(_("text accepted"), blank=True)

    class Meta:
        verbose_name = _("employer commitment")
        verbose_name_plural = _("employer commitments")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "enrolment", "organisation"],
                                    condition=models.Q(accepted_at__isnull=True),
                                    name="employer_commitment_one_open"),
        ]
        indexes = [models.Index(fields=["consortium", "organisation", "accepted_at"],
                                name="employer_commitment_org_idx")]

    def __str__(self) -> str:
        return f"{self.organisation} for {self.enrolment.user}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class StaffingChange(TenantModel):
    """A school's report of a change that affects the programme, waiting in the hub's queue.

    The hub acts on it (a deferral, a transfer, a new mentor, ...) with the effective date the
    school reported, so a notice acted on late still dates the change right.
    """

    class Kind(models.TextChoices):
        LEAVING = "leaving", _("Leaving")
        JOINING = "joining", _("Joining")
        LEAVE_OF_ABSENCE = "leave_of_absence", _("Leave of absence")
        MENTOR_CHANGE = "mentor_change", _("Change of mentor")

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for the hub")
        ACTIONED = "actioned", _("Acted on")
        DISMISSED = "dismissed", _("No change needed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="staffing_changes",
                                  verbose_name=_("programme"))
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="staffing_changes", verbose_name=_("participant"))
    kind = models.CharField(_("change"), max_length=30, choices=Kind.choices)
    effective_on = models.DateField(_("from"))
    returns_on = models.DateField(_("expected back"), null=True, blank=True)
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("school"))
    person_name = models.CharField(_("name"), max_length=200, blank=True)
    person_email = models.EmailField(_("email address"), blank=True)
    note = models.TextField(_("details"), blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("reported by"))
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("handled by"))
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    outcome = models.TextField(_("what the hub did"), blank=True)
    status_change = models.ForeignKey(EnrolmentStatusChange, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("resulting status change"))

    class Meta:
        verbose_name = _("staffing change")
        verbose_name_plural = _("staffing changes")
        ordering = ["reported_at"]
        indexes = [models.Index(fields=["consortium", "programme", "state"], name="staffing_change_queue_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on}"


class CoachingCycle(TenantModel):
    """One week of an ECT's instructional coaching cycle, logged by their mentor.

    NOTE: counts and dates only, and a focus from a fixed list: never anything about a pupil.
    """

    class Focus(models.TextChoices):
        EXPECTATIONS = "high_expectations", _("High expectations")
        LEARNING = "how_pupils_learn", _("How pupils learn")
        CURRICULUM = "subject_and_curriculum", _("Subject and curriculum")
        PRACTICE = "classroom_practice", _("Classroom practice")
        ADAPTIVE = "adaptive_teaching", _("Adaptive teaching")
        ASSESSMENT = "assessment", _("Assessment")
        BEHAVIOUR = "managing_behaviour", _("Managing behaviour")
        PROFESSIONAL = "professional_behaviours", _("Professional behaviours")

    ect = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="coaching_cycles",
                            verbose_name=_("ECT"))
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("mentor"))
    week_starting = models.DateField(_("week beginning"))
    focus = models.CharField(_("focus"), max_length=40, choices=Focus.choices)
    action_step_set = models.BooleanField(_("action step set"), default=False)
    completed = models.BooleanField(_("cycle done"), default=False)
    logged_at = models.DateTimeField(_("logged"), default=timezone.now)

    class Meta:
        verbose_name = _("coaching cycle")
        verbose_name_plural = _("coaching cycles")
        ordering = ["-week_starting"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "ect", "week_starting"], name="coaching_cycle_one_a_week"),
        ]

    def __str__(self) -> str:
        return f"{self.ect.user} {self.week_starting}"
