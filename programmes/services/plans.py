"""Every joint-plan write: plans, projects, aims, teams, milestones, append-only progress
updates, and the project managers' reminders and sponsors' digest (through the outbox)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from consortia.scoping import require_same_consortium
from partnerships.models import Organisation, Partnership

from ..models import Aim, JointPlan, Milestone, ProgressUpdate, Project, ProjectMember, ProjectStatus, WorkStream
from .emails import enqueue, site

REMINDER = "plan_update_due"
DIGEST = "plan_sponsor_digest"


@transaction.atomic
def joint_plan_create(*, partnership: Partnership, name: str, name_cy: str = "",
                      update_every_days: int = 30) -> JointPlan:
    if not 7 <= update_every_days <= 120:
        raise ValidationError({"update_every_days": _("Choose between 7 and 120 days.")})
    plan, _created = JointPlan.objects.get_or_create(
        consortium_id=partnership.consortium_id, partnership=partnership, name=name.strip(),
        defaults={"name_cy": name_cy.strip(), "update_every_days": update_every_days})
    return plan


@transaction.atomic
def joint_plan_save(*, partnership: Partnership, name: str, name_cy: str = "", update_every_days: int = 30,
                    plan: JointPlan | None = None) -> JointPlan:
    """Create a plan for a strategic partnership, or change an existing one's names and cadence."""
    name, name_cy = name.strip(), name_cy.strip()
    if not name:
        raise ValidationError({"name": _("Name the plan.")})
    if not 7 <= update_every_days <= 120:
        raise ValidationError({"update_every_days": _("Choose between 7 and 120 days.")})
    if plan is not None:
        partnership = plan.partnership
    require_same_consortium(partnership.consortium_id, plan)
    taken = JointPlan.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership, name=name)
    if plan is not None:
        taken = taken.exclude(pk=plan.pk)
    if taken.exists():
        raise ValidationError({"name": _("This partnership already has a plan with this name.")})
    if plan is None:
        return JointPlan.objects.create(consortium_id=partnership.consortium_id, partnership=partnership,
                                        name=name, name_cy=name_cy, update_every_days=update_every_days)
    plan.name, plan.name_cy, plan.update_every_days = name, name_cy, update_every_days
    plan.save(update_fields=["name", "name_cy", "update_every_days"])
    return plan


def _aims(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    aims = [(text.strip(), (text_cy or "").strip()) for text, text_cy in texts]
    if any(not text and text_cy for text, text_cy in aims):
        raise ValidationError({"aims": _("Each Welsh aim needs its English aim.")})
    return [(text, text_cy) for text, text_cy in aims if text]


@transaction.atomic
def project_edit(*, plan: JointPlan, name: str, overview: str, name_cy: str = "", overview_cy: str = "",
                 position: int | None = None, sponsor=None, sponsor_organisation: Organisation | None = None,
                 manager=None, aims: list[tuple[str, str]] | None = None,
                 project: Project | None = None) -> Project:
    """Create a project of the plan (at the end of its list), or change one; aims, when given,
    replace the old ones in the order given. The old versions stay in the history."""
    require_same_consortium(plan.consortium_id, sponsor_organisation, project)
    name, overview = name.strip(), overview.strip()
    errors = {}
    if not name:
        errors["name"] = _("Name the project.")
    if not overview:
        errors["overview"] = _("Give the project an overview.")
    if project is not None and project.plan_id != plan.pk:
        errors["name"] = _("Choose a project of this plan.")
    taken = Project.objects.filter(consortium_id=plan.consortium_id, plan=plan, name=name)
    if project is not None:
        taken = taken.exclude(pk=project.pk)
    if name and taken.exists():
        errors["name"] = _("This plan already has a project with this name.")
    if errors:
        raise ValidationError(errors)
    cleaned_aims = _aims(aims) if aims is not None else None
    if project is None:
        if position is None:
            last = plan.projects.order_by("-position").values_list("position", flat=True).first()
            position = (last or 0) + 1
        project = Project(consortium_id=plan.consortium_id, plan=plan)
    if position is not None:
        project.position = position
    project.name, project.name_cy, project.overview, project.overview_cy = (
        name, name_cy.strip(), overview, overview_cy.strip())
    project.sponsor, project.sponsor_organisation, project.manager = sponsor, sponsor_organisation, manager
    project.save()
    if cleaned_aims is not None:
        old = [(a.text, a.text_cy) for a in project.aims.order_by("position", "pk")]
        if old != cleaned_aims:
            for aim in project.aims.all():
                aim.delete()
            bulk_create_with_history([Aim(consortium_id=plan.consortium_id, project=project, position=n, text=text,
                                          text_cy=text_cy) for n, (text, text_cy) in enumerate(cleaned_aims, 1)],
                                     Aim)
    return project


@transaction.atomic
def project_close(*, project: Project, outcome: str, on: dt.date, reason: str = "") -> Project:
    """Close a project as finished or discontinued (a discontinued one says why); it then shows that status."""
    reason = reason.strip()
    if project.closed_on:
        raise ValidationError(_("This project is already closed."))
    if outcome not in (ProjectStatus.FINISHED, ProjectStatus.DISCONTINUED):
        raise ValidationError({"outcome": _("Choose finished or discontinued.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("Close a project on a day that has come.")})
    if outcome == ProjectStatus.DISCONTINUED and not reason:
        raise ValidationError({"reason": _("Say why the project was discontinued.")})
    if outcome == ProjectStatus.FINISHED:
        project.finished_on = on
    else:
        project.discontinued_on = on
    project.close_reason = reason
    project.save(update_fields=["finished_on", "discontinued_on", "close_reason"])
    return project


@transaction.atomic
def project_save(*, plan: JointPlan, name: str, overview: str, position: int = 0, name_cy: str = "",
                 overview_cy: str = "", sponsor=None, sponsor_organisation: Organisation | None = None,
                 manager=None, aims: list[tuple[str, str]] | None = None) -> Project:
    """Create or update a project by name; its aims, when given, replace the old ones in order."""
    require_same_consortium(plan.consortium_id, sponsor_organisation)
    if not name.strip() or not overview.strip():
        raise ValidationError(_("A project needs a name and an overview."))
    project, _created = Project.objects.update_or_create(
        consortium_id=plan.consortium_id, plan=plan, name=name.strip(),
        defaults={"overview": overview.strip(), "position": position, "name_cy": name_cy.strip(),
                  "overview_cy": overview_cy.strip(), "sponsor": sponsor,
                  "sponsor_organisation": sponsor_organisation, "manager": manager})
    if aims is not None:
        project.aims.all().delete()
        Aim.objects.bulk_create([Aim(consortium_id=plan.consortium_id, project=project, position=n, text=text,
                                     text_cy=text_cy) for n, (text, text_cy) in enumerate(aims, start=1)])
    return project


@transaction.atomic
def project_member_add(*, project: Project, user, organisation: Organisation | None = None,
                       work_stream: WorkStream | None = None) -> ProjectMember:
    require_same_consortium(project.consortium_id, organisation, work_stream)
    if work_stream is not None and work_stream.project_id != project.pk:
        raise ValidationError({"work_stream": _("Choose a work stream of this project.")})
    member, _created = ProjectMember.objects.get_or_create(
        consortium_id=project.consortium_id, project=project, work_stream=work_stream, user=user,
        defaults={"organisation": organisation})
    return member


@transaction.atomic
def work_stream_save(*, project: Project, name: str, name_cy: str = "") -> WorkStream:
    stream, _created = WorkStream.objects.get_or_create(
        consortium_id=project.consortium_id, project=project, name=name.strip(), defaults={"name_cy": name_cy})
    return stream


@transaction.atomic
def work_stream_add(*, project: Project, name: str, name_cy: str = "", members: list | None = None,
                    organisations: dict | None = None) -> WorkStream:
    """A new work stream of the project, with its cross-regional working group (each person from
    their consortium), all or nothing."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the work stream.")})
    if WorkStream.objects.filter(consortium_id=project.consortium_id, project=project, name=name).exists():
        raise ValidationError({"name": _("This project already has a work stream with this name.")})
    stream = WorkStream.objects.create(consortium_id=project.consortium_id, project=project, name=name,
                                       name_cy=name_cy.strip())
    for user in members or []:
        project_member_add(project=project, user=user, work_stream=stream,
                           organisation=(organisations or {}).get(user.pk))
    return stream


@transaction.atomic
def project_member_remove(*, member: ProjectMember) -> None:
    member.delete()


def _check_dates(baseline_on, forecast_on, actual_on):
    if actual_on is not None and actual_on > timezone.localdate():
        raise ValidationError({"actual_on": _("A milestone is achieved on a day that has come.")})


@transaction.atomic
def milestone_save(*, project: Project, name: str, baseline_on: dt.date, forecast_on: dt.date | None = None,
                   actual_on: dt.date | None = None, name_cy: str = "",
                   milestone: Milestone | None = None, rebaseline: bool = False) -> Milestone:
    """A new milestone, or new forecast and actual dates for one. The baseline stays as agreed
    unless the plan's managers re-baseline it (`rebaseline`), which also renames it; every
    change is kept in the milestone's history. Lateness is derived from the dates, never stored."""
    _check_dates(baseline_on, forecast_on, actual_on)
    if milestone is not None and milestone.project_id != project.pk:
        raise ValidationError(_("Choose a milestone of this project."))
    if milestone is None or rebaseline:
        if not name.strip():
            raise ValidationError({"name": _("Name the milestone.")})
        if baseline_on is None:
            raise ValidationError({"baseline_on": _("Give the milestone its baseline date.")})
    if milestone is None:
        return Milestone.objects.create(consortium_id=project.consortium_id, project=project, name=name.strip(),
                                        name_cy=name_cy.strip(), baseline_on=baseline_on, forecast_on=forecast_on,
                                        actual_on=actual_on)
    fields = ["forecast_on", "actual_on"]
    milestone.forecast_on, milestone.actual_on = forecast_on, actual_on
    if rebaseline:
        milestone.name, milestone.name_cy, milestone.baseline_on = name.strip(), name_cy.strip(), baseline_on
        fields += ["name", "name_cy", "baseline_on"]
    milestone.save(update_fields=fields)
    return milestone


def current_employers(consortium, people) -> list:
    """Each person's current employment in the consortium (their regional consortium), one query."""
    from partnerships.models import Employment

    return list(Employment.objects.filter(consortium=consortium, user__in=people, ended_on__isnull=True)
                .select_related("organisation"))


def may_update(user, project: Project) -> bool:
    return user.pk in {project.sponsor_id, project.manager_id} or ProjectMember.objects.filter(
        consortium_id=project.consortium_id, project=project, user=user).exists()


@transaction.atomic
def progress_update_post(*, project: Project, author, period_start: dt.date, period_end: dt.date, status: str,
                         narrative: str, narrative_cy: str = "", risks: str = "", next_steps: str = "",
                         ) -> ProgressUpdate:
    """Add a progress update; the project shows its status from now on. Earlier ones stay."""
    if status not in ProjectStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period must end on or after its start.")})
    if period_start > timezone.localdate():
        raise ValidationError({"period_start": _("Report on a period that has begun.")})
    if not narrative.strip():
        raise ValidationError({"narrative": _("Say what progress was made.")})
    return ProgressUpdate.objects.create(
        consortium_id=project.consortium_id, project=project, author=author, period_start=period_start,
        period_end=period_end, status=status, narrative=narrative.strip(), narrative_cy=narrative_cy.strip(),
        risks=risks.strip(), next_steps=next_steps.strip())


def period_index(plan: JointPlan, today: dt.date) -> int:
    """Which reporting period of the plan today falls in, counted from the plan's creation."""
    return (today - timezone.localtime(plan.created_at).date()).days // plan.update_every_days


def plans_remind(*, today: dt.date | None = None) -> dict:
    """Remind each open project's manager whose project has had no update this period; send each
    sponsor a digest of what changed in the period just ended (progress updates, milestones moved
    or achieved, projects closed). Exactly once per person per period: the outbox key's version
    is the period's first day, so running twice sends nothing new, and a changed cadence never
    lands on a period already used. Each email is queued in the outbox and handed to the worker
    only once the transaction commits (consortia.outbox)."""
    today = today or timezone.localdate()
    sent = {"reminders": 0, "digests": 0}
    for plan in JointPlan.objects.select_related("consortium"):
        created = timezone.localtime(plan.created_at).date()
        index = period_index(plan, today)
        started = created + dt.timedelta(days=index * plan.update_every_days)
        previous = started - dt.timedelta(days=plan.update_every_days)
        projects = list(plan.projects.select_related("manager", "sponsor"))
        for project in projects:
            if project.closed_on:
                continue
            latest = project.updates.order_by("-created_at").first()
            posted = timezone.localtime(latest.created_at).date() if latest else None
            if project.manager and (posted is None or posted < started):
                _email, created_now = enqueue(
                    consortium=plan.consortium, user=project.manager, purpose=REMINDER, about=project,
                    version=started.toordinal(), template="plan_reminder",
                    context={"project": project, "plan": plan, "due": started + dt.timedelta(
                        days=plan.update_every_days - 1), "link": site(f"/{plan.consortium.slug}/programmes/plans/"
                                                                       f"projects/{project.pk}/update/")},
                    subject=lambda project=project: gettext_lazy("Progress update due: %(project)s")
                    % {"project": project.display_name()})
                sent["reminders"] += created_now
        if index == 0:
            continue
        by_sponsor: dict[int, list] = {}
        for project in projects:
            if project.sponsor is None or (project.closed_on and project.closed_on < previous):
                continue

            def within(moment, previous=previous, started=started) -> bool:
                return previous <= timezone.localtime(moment).date() < started

            changes = [u for u in project.updates.order_by("created_at", "pk") if within(u.created_at)]
            moved = {h.id: h for h in Milestone.history.filter(project_id=project.pk).order_by("history_date")
                     if within(h.history_date) and h.history_type in ("+", "~")}
            closed = project.closed_on if project.closed_on and previous <= project.closed_on < started else None
            by_sponsor.setdefault(project.sponsor.pk, [project.sponsor, []])[1].append(
                (project, changes, list(moved.values()), closed))
        for sponsor, items in by_sponsor.values():
            _email, created_now = enqueue(
                consortium=plan.consortium, user=sponsor, purpose=DIGEST, about=plan, version=started.toordinal(),
                template="plan_digest", context={"plan": plan, "items": items, "since": previous,
                                                 "until": started - dt.timedelta(days=1),
                                                 "link": site(f"/{plan.consortium.slug}/programmes/plans/{plan.pk}/")},
                subject=lambda plan=plan: gettext_lazy("What changed in %(plan)s") % {"plan": plan.display_name()})
            sent["digests"] += created_now
    return sent
