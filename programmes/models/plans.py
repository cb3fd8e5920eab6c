"""Cross-regional joint plans (seed 004): a strategic partnership's projects, their ordered aims,
sponsors, teams and working groups, milestones, and append-only progress updates.

Who holds roles here: the joint plan belongs to a strategic partnership in the cross-regional
consortium. Each regional consortium's leaders are people of that consortium too (a consortium
membership), and hold partnership roles in the strategic partnership: its chair and clerk
(here the cross-regional project manager) run the plan; every member representative sees it.
A project names its sponsoring lead, its manager and team, each with the organisation (the
regional consortium) they come from, and its working groups per work stream draw people from
several consortia the same way. Those named on a project may post its progress updates.

NOTE: a project's shown status is its latest progress update's, and a milestone's lateness is
derived from its dates on the day it is read; neither is stored. Progress updates are never
edited (the database refuses an UPDATE); a correction is a new update.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.models import TenantModel
from partnerships.models import Organisation, Partnership

from .programmes import _is_welsh


class ProjectStatus(models.TextChoices):
    """OpenProject's six project statuses."""

    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    FINISHED = "finished", _("Finished")
    DISCONTINUED = "discontinued", _("Discontinued")


class JointPlan(TenantModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="joint_plans",
                                    verbose_name=_("strategic partnership"))
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    update_every_days = models.PositiveSmallIntegerField(
        _("progress update every (days)"), default=30, validators=[MinValueValidator(7), MaxValueValidator(120)],
        help_text=_("How often each project's manager shares progress."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("joint plan")
        verbose_name_plural = _("joint plans")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["consortium", "partnership", "name"],
                                               name="joint_plan_unique_name")]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str | None = None) -> str:
        return self.name_cy if _is_welsh(language) and self.name_cy else self.name


class Project(TenantModel):
    plan = models.ForeignKey(JointPlan, on_delete=models.CASCADE, related_name="projects",
                             verbose_name=_("joint plan"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    overview = models.TextField(_("overview"))
    overview_cy = models.TextField(_("Welsh overview"), blank=True)
    sponsor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("sponsoring lead"))
    sponsor_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                             related_name="+", verbose_name=_("sponsor's consortium"))
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("project manager"))
    discontinued_on = models.DateField(_("discontinued"), null=True, blank=True)
    finished_on = models.DateField(_("finished"), null=True, blank=True)
    close_reason = models.TextField(_("why it closed"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "plan", "name"], name="project_unique_name"),
            models.CheckConstraint(
                condition=models.Q(discontinued_on__isnull=True) | models.Q(finished_on__isnull=True),
                name="project_closed_once"),
        ]
        indexes = [models.Index(fields=["consortium", "plan", "position"], name="project_plan_idx")]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str | None = None) -> str:
        return self.name_cy if _is_welsh(language) and self.name_cy else self.name

    def display_overview(self, language: str | None = None) -> str:
        return self.overview_cy if _is_welsh(language) and self.overview_cy else self.overview

    @property
    def closed_on(self):
        return self.discontinued_on or self.finished_on


class Aim(TenantModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="aims", verbose_name=_("project"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("aim"))
    text_cy = models.TextField(_("Welsh aim"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aim")
        verbose_name_plural = _("aims")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["consortium", "project", "position"], name="aim_project_idx")]

    def __str__(self) -> str:
        return self.text[:60]

    def display_text(self, language: str | None = None) -> str:
        return self.text_cy if _is_welsh(language) and self.text_cy else self.text


class WorkStream(TenantModel):
    """A work stream of a project, with its cross-regional working group."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_streams",
                                verbose_name=_("project"))
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work stream")
        verbose_name_plural = _("work streams")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["consortium", "project", "name"],
                                               name="work_stream_unique_name")]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str | None = None) -> str:
        return self.name_cy if _is_welsh(language) and self.name_cy else self.name


class ProjectMember(TenantModel):
    """Someone on a project's team, or on one work stream's working group, from their consortium."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members",
                                verbose_name=_("project"))
    work_stream = models.ForeignKey(WorkStream, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="members", verbose_name=_("working group"),
                                    help_text=_("Leave empty for the project team."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("from"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "project", "work_stream", "user"],
                                    name="project_member_unique"),
            models.UniqueConstraint(fields=["consortium", "project", "user"], condition=models.Q(
                work_stream__isnull=True), name="project_member_unique_team"),
        ]
        indexes = [models.Index(fields=["consortium", "user"], name="project_member_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} on {self.project}"


class Milestone(TenantModel):
    """A milestone with its baseline, forecast and actual dates; lateness is derived on the day."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones",
                                verbose_name=_("project"))
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    baseline_on = models.DateField(_("baseline date"))
    forecast_on = models.DateField(_("forecast date"), null=True, blank=True)
    actual_on = models.DateField(_("achieved on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["baseline_on", "pk"]
        indexes = [models.Index(fields=["consortium", "project", "baseline_on"], name="milestone_project_idx")]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str | None = None) -> str:
        return self.name_cy if _is_welsh(language) and self.name_cy else self.name

    def lateness(self, today=None) -> dict:
        """Days late against the baseline, from the actual date, else the forecast, else today."""
        from ..rules_ite import milestone_lateness

        return milestone_lateness(self.baseline_on, self.forecast_on, self.actual_on,
                                  today or timezone.localdate())


class ProgressUpdate(TenantModel):
    """A project's progress in one period, as its author told it then; never edited."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="updates",
                                verbose_name=_("project"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices)
    narrative = models.TextField(_("progress"))
    narrative_cy = models.TextField(_("progress in Welsh"), blank=True)
    risks = models.TextField(_("risks and issues"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    created_at = models.DateTimeField(_("posted"), default=timezone.now)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                              name="progress_update_period_in_order")]
        indexes = [models.Index(fields=["consortium", "project", "created_at"], name="progress_update_idx")]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_status_display()} ({self.period_end})"

    def display_narrative(self, language: str | None = None) -> str:
        return self.narrative_cy if _is_welsh(language) and self.narrative_cy else self.narrative
