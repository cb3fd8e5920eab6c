"""Programmes, NPQ courses, cohorts, and the roles people hold in them.

NOTE: every model is tenant-owned (child rows carry `consortium` too) and every index and
unique constraint starts with `consortium`; tests/consortia/test_tenant_models.py checks it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from consortia import roles
from consortia.models import TenantModel
from partnerships.models import Organisation, Partnership

from .. import rules


def _is_welsh(language: str | None) -> bool:
    from django.utils.translation import get_language

    return (language or get_language() or "en").startswith("cy")


# The codenames every programme role is made of (consortia/roles.py). Each is declared on both
# Programme and Cohort, so guardian can grant it on either.
PERMISSIONS = [
    ("see_programme", _("See the programme and its events")),
    ("run_programme", _("Run the programme: cohorts, participants, events, registers and fellows")),
    ("see_participants", _("See participants, their attendance and engagement")),
    ("report_staffing", _("Report staffing changes")),
    ("log_coaching", _("Log the weekly instructional coaching cycle")),
    ("participate", _("Take part: own events, attendance and engagement")),
    ("facilitate", _("Facilitate events as a visiting fellow")),
]


class Jurisdiction(models.TextChoices):
    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")


class Programme(TenantModel):
    """A programme a partnership delivers with a lead provider, under one jurisdiction's rules."""

    class Kind(models.TextChoices):
        ECT = "ect", _("Early Career Teacher programme")
        NPQ = "npq", _("National Professional Qualifications")
        PROFESSIONAL_LEARNING = "professional_learning", _("Other professional learning")
        ITE = "ite", _("Initial teacher education")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="programmes",
                                    verbose_name=_("delivering partnership"))
    lead_provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="programmes_led", verbose_name=_("lead provider"))
    jurisdiction = models.CharField(_("jurisdiction"), max_length=20, choices=Jurisdiction.choices,
                                    default=Jurisdiction.ENGLAND,
                                    help_text=_("Whose rules the programme follows."))
    engagement_threshold = models.PositiveSmallIntegerField(
        _("engagement threshold (%)"), default=rules.NPQ_ENGAGEMENT_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Participants must complete at least this share of the required events (NPQs: 90%)."),
    )
    agreement = models.ForeignKey("agreements.AgreementTemplate", on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="programmes", verbose_name=_("programme agreement"),
                                  help_text=_("The agreement participants, their schools and visiting fellows "
                                              "accept before the programme starts."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        permissions = PERMISSIONS
        constraints = [
            models.UniqueConstraint(fields=["consortium", "name"], name="programme_unique_name"),
        ]
        indexes = [models.Index(fields=["consortium", "partnership"], name="programme_partnership_idx")]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str | None = None) -> str:
        return self.name_cy if _is_welsh(language) and self.name_cy else self.name

    @property
    def is_npq(self) -> bool:
        return self.kind == self.Kind.NPQ


class Course(TenantModel):
    """An NPQ course. Its course group, not its name, sets the completion window (SENCO is leadership)."""

    class Group(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership")
        SPECIALIST = "specialist", _("Specialist")
        SUPPORT = "support", _("Support")
        EHCO = "ehco", _("Early headship coaching")

    identifier = models.CharField(_("identifier"), max_length=60,
                                  help_text=_("DfE's course identifier, such as npq-headship."))
    short_code = models.CharField(_("short code"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    group = models.CharField(_("course group"), max_length=20, choices=Group.choices)

    class Meta:
        verbose_name = _("NPQ course")
        verbose_name_plural = _("NPQ courses")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "identifier"], name="course_unique_identifier"),
        ]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str | None = None) -> str:
        return self.name_cy if _is_welsh(language) and self.name_cy else self.name

    @property
    def completion_months(self) -> int | None:
        return rules.COMPLETION_MONTHS.get(self.group)


class Cohort(TenantModel):
    """A cohort of a programme, starting on a date in an academic year; an NPQ cohort is one course."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts",
                                  verbose_name=_("programme"))
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts"))
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the academic year starts: 2026 means 2026/27."))
    course = models.ForeignKey(Course, on_delete=models.PROTECT, null=True, blank=True, related_name="cohorts",
                               verbose_name=_("NPQ course"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        permissions = PERMISSIONS
        constraints = [
            models.UniqueConstraint(fields=["consortium", "programme", "name"], name="cohort_unique_name"),
        ]
        indexes = [models.Index(fields=["consortium", "programme", "starts_on"], name="cohort_programme_idx")]

    def __str__(self) -> str:
        return f"{self.programme} – {self.name}"

    def display_name(self, language: str | None = None) -> str:
        return self.name_cy if _is_welsh(language) and self.name_cy else self.name

    @property
    def completion_months(self) -> int | None:
        return self.course.completion_months if self.course_id else None

    @property
    def completion_deadline(self):
        """The last day to complete an NPQ: 12 months (specialist) or 18 (leadership) from the start."""
        months = self.completion_months
        return rules.completion_deadline(self.starts_on, months) if months else None

    @property
    def academic_year_label(self) -> str:
        return rules.academic_year_label(self.academic_year)


class ProgrammeRole(TenantModel):
    """A person's role on a programme, or on one cohort of it, with dates.

    An induction tutor names their school: they see that school's participants only.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="roles",
                                  verbose_name=_("programme"))
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="roles",
                               verbose_name=_("cohort"), help_text=_("Leave empty for the whole programme."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_roles",
                             verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=40, choices=roles.choices(roles.PROGRAMME))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="programme_roles", verbose_name=_("school"))
    granted_at = models.DateTimeField(_("from"), default=timezone.now)
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("granted by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme role")
        verbose_name_plural = _("programme roles")
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "programme", "user", "role"],
                condition=models.Q(ended_at__isnull=True, cohort__isnull=True),
                name="programme_role_one_active",
            ),
            models.UniqueConstraint(
                fields=["consortium", "cohort", "user", "role"],
                condition=models.Q(ended_at__isnull=True, cohort__isnull=False),
                name="programme_role_one_active_in_cohort",
            ),
        ]
        indexes = [
            models.Index(fields=["consortium", "user"], name="programme_role_user_idx"),
            models.Index(fields=["consortium", "programme", "role"], name="programme_role_prog_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} ({self.cohort or self.programme})"


class ProgrammeUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key table for permissions on a programme, carrying its consortium."""

    content_object = models.ForeignKey(Programme, on_delete=models.CASCADE)
    consortium = models.ForeignKey("consortia.Consortium", on_delete=models.CASCADE, related_name="+",
                                   db_index=False)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("programme permission")
        indexes = [models.Index(fields=["consortium", "user"], name="programme_perm_user_idx")]

    def save(self, *args, **kwargs):
        # Guardian creates these rows itself; the consortium always follows the programme.
        self.consortium_id = self.content_object.consortium_id
        super().save(*args, **kwargs)


class CohortUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key table for permissions on a cohort, carrying its consortium."""

    content_object = models.ForeignKey(Cohort, on_delete=models.CASCADE)
    consortium = models.ForeignKey("consortia.Consortium", on_delete=models.CASCADE, related_name="+",
                                   db_index=False)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("cohort permission")
        indexes = [models.Index(fields=["consortium", "user"], name="cohort_perm_user_idx")]

    def save(self, *args, **kwargs):
        self.consortium_id = self.content_object.consortium_id
        super().save(*args, **kwargs)
