"""Every joint-plan write: plans, projects, aims, teams, milestones, append-only progress
updates, and the project managers' reminders and sponsors' digest (through the outbox)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


def _check_dates(baseline_on, forecast_on, actual_on):
    if actual_on is not None and actual_on > timezone.localdate():
        raise ValidationError({"actual_on": _("A milestone is achieved on a day that has come.")})


@transaction.atomic
def milestone_save(*, project: Project, name: str, baseline_on: dt.date, forecast_on: dt.date | None = None,
                   actual_on: dt.date | None = None, name_cy: str = "",
                   milestone: Milestone | None = None) -> Milestone:
    """A new milestone, or new forecast and actual dates for one; the baseline stays as agreed."""
    _check_dates(baseline_on, forecast_on, actual_on)
    if milestone is None:
        if not name.strip():
            raise ValidationError({"name": _("Name the milestone.")})
        return Milestone.objects.create(consortium_id=project.consortium_id, project=project, name=name.strip(),
                                        name_cy=name_cy.strip(), baseline_on=baseline_on, forecast_on=forecast_on,
                                        actual_on=actual_on)
    milestone.forecast_on, milestone.actual_on = forecast_on, actual_on
    milestone.save(update_fields=["forecast_on", "actual_on"])
    return milestone


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
    """Remind each project's manager whose project has had no update this period; send each
    sponsor a digest of the updates of the period just ended. Exactly once per person per
    period (the outbox key's version is the period number), so running twice sends nothing new."""
    today = today or timezone.localdate()
    sent = {"reminders": 0, "digests": 0}
    for plan in JointPlan.objects.select_related("consortium"):
        index = period_index(plan, today)
        started = timezone.localtime(plan.created_at).date() + dt.timedelta(days=index * plan.update_every_days)
        previous = started - dt.timedelta(days=plan.update_every_days)
        projects = list(plan.projects.filter(discontinued_on__isnull=True).select_related("manager", "sponsor"))
        for project in projects:
            latest = project.updates.order_by("-created_at").first()
            posted = timezone.localtime(latest.created_at).date() if latest else None
            if project.manager and (posted is None or posted < started):
                _email, created = enqueue(
                    consortium=plan.consortium, user=project.manager, purpose=REMINDER, about=project,
                    version=index, template="plan_reminder",
                    context={"project": project, "plan": plan, "due": started + dt.timedelta(
                        days=plan.update_every_days - 1), "link": site(f"/{plan.consortium.slug}/programmes/plans/"
                                                                       f"projects/{project.pk}/update/")},
                    subject=lambda project=project: gettext_lazy("Progress update due: %(project)s")
                    % {"project": project.display_name()})
                sent["reminders"] += created
        if index == 0:
            continue
        by_sponsor: dict[int, list] = {}
        for project in projects:
            if project.sponsor is None:
                continue
            changes = [u for u in project.updates.all()
                       if previous <= timezone.localtime(u.created_at).date() < started]
            by_sponsor.setdefault(project.sponsor.pk, [project.sponsor, []])[1].append((project, changes))
        for sponsor, items in by_sponsor.values():
            _email, created = enqueue(
                consortium=plan.consortium, user=sponsor, purpose=DIGEST, about=plan, version=index,
                template="plan_digest", context={"plan": plan, "items": items, "since": previous, "until": started,
                                                 "link": site(f"/{plan.consortium.slug}/programmes/plans/{plan.pk}/")},
                subject=lambda plan=plan: gettext_lazy("What changed in %(plan)s") % {"plan": plan.display_name()})
            sent["digests"] += created
    return sent
