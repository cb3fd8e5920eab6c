"""The ITE and joint-plan sections of the annual partnership report (reporting.sections).

ITE: trainees of the year by route and by status as at the report's day (the status change in
effect then, so a year in progress and a finished one both read right), and placements: how
many trainees needing two contrasting schools have them. Joint plan: each project's status as
at the report's day (the latest update posted by then) and its milestones late on that day.
Each gathers in a fixed number of queries.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import get_language, gettext_lazy

from .models import (
    JointPlan,
    Placement,
    Programme,
    ProgressUpdate,
    Project,
    ProjectStatus,
    Route,
    Trainee,
    TraineeState,
    TraineeStatusChange,
)
from .selectors import ite as ite_selectors


def gather_ite(partnership, year) -> dict | None:
    programmes = list(Programme.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                               kind=Programme.Kind.ITE))
    if not programmes:
        return None
    as_of = year.as_of
    state_then = Subquery(TraineeStatusChange.objects.filter(trainee=OuterRef("pk"), effective_on__lte=as_of)
                          .order_by("-effective_on", "-recorded_at", "-pk").values("state")[:1])
    trainees = list(Trainee.objects.filter(consortium_id=partnership.consortium_id, programme__in=programmes,
                                           academic_year=year.year).annotate(state=state_then).prefetch_related(
        Prefetch("placements", queryset=Placement.objects.filter(starts_on__lte=as_of))))
    if not trainees:
        return None
    rules = ite_selectors.rules_for(programmes[0])
    profiles = ite_selectors.school_profiles(partnership.consortium_id,
                                             {p.school_id for t in trainees for p in t.placements.all()}, year.year)
    needing = [t for t in trainees if t.needs_placements and t.state != TraineeState.WITHDRAWN]
    met = sum(1 for t in needing if ite_selectors.requirement(t, list(t.placements.all()), profiles, rules)["met"])
    routes, states = Counter(t.route for t in trainees), Counter(t.state or "draft" for t in trainees)
    return {"as_of": as_of, "trainees": len(trainees),
            "routes": [(label, routes[code]) for code, label in Route.choices if routes[code]],
            "states": [(label, states[code]) for code, label in TraineeState.choices if states[code]],
            "needing": len(needing), "met": met}


def gather_plan(partnership, year) -> dict | None:
    """Each project as at the report's day: a year still running is reported to date (today), a
    finished one as at its last day. Only what was known by then counts: the latest update posted
    by then sets the status, a project closed later is still open, and a milestone achieved later
    was not achieved on that day (so it may be late on it)."""
    from .rules_ite import milestone_lateness

    plans = list(JointPlan.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership)
                 .order_by("name", "pk"))
    if not plans:
        return None
    as_of = year.as_of
    known = ProgressUpdate.objects.filter(project=OuterRef("pk"), created_at__date__lte=as_of).order_by(
        "-created_at", "-pk")
    in_year = Q(updates__created_at__date__gte=year.start, updates__created_at__date__lte=as_of)
    projects = list(Project.objects.filter(consortium_id=partnership.consortium_id, plan__in=plans).annotate(
        status_then=Subquery(known.values("status")[:1]), narrative_then=Subquery(known.values("narrative")[:1]),
        narrative_cy_then=Subquery(known.values("narrative_cy")[:1]),
        updates_in_year=Count("updates", filter=in_year),
    ).select_related("sponsor").prefetch_related("milestones").order_by("plan__name", "plan__pk", "position", "pk"))
    welsh = (get_language() or "").startswith("cy")
    rows = []
    for project in projects:
        if project.discontinued_on and project.discontinued_on <= as_of:
            status = ProjectStatus.DISCONTINUED
        elif project.finished_on and project.finished_on <= as_of:
            status = ProjectStatus.FINISHED
        else:
            status = project.status_then or ProjectStatus.NOT_STARTED
        milestones = list(project.milestones.all())
        lateness = [milestone_lateness(m.baseline_on, m.forecast_on,
                                       m.actual_on if m.actual_on and m.actual_on <= as_of else None, as_of)
                    for m in milestones]
        rows.append({
            "project": project, "status": ProjectStatus(status).label, "code": status,
            "sponsor": project.sponsor.get_full_name() if project.sponsor else "",
            "milestones": len(milestones),
            "achieved": sum(1 for m in milestones if m.actual_on and year.start <= m.actual_on <= as_of),
            "late": sum(1 for state in lateness if state["days"]), "updates": project.updates_in_year,
            "narrative": (project.narrative_cy_then if welsh and project.narrative_cy_then
                          else project.narrative_then) or "",
        })
    return {"as_of": as_of, "in_progress": year.in_progress, "rows": rows, "plans": plans,
            "on_track": sum(1 for r in rows if r["code"] in ("on_track", "finished"))}


def register_sections() -> None:
    from reporting.sections import Figure, Section, register

    register(Section(
        key="ite", order=62, title=gettext_lazy("Initial teacher education"), gather=gather_ite,
        template="programmes/report/ite.html",
        summarise=lambda data: {"ite_trainees": data["trainees"], "ite_placed": data["met"]},
        figures=(Figure("ite_trainees", gettext_lazy("Trainees")),
                 Figure("ite_placed", gettext_lazy("Trainees with two contrasting placements"))),
    ))
    register(Section(
        key="joint_plan", order=64, title=gettext_lazy("Joint plan"), gather=gather_plan,
        template="programmes/report/joint_plan.html",
        summarise=lambda data: {"plan_projects_on_track": data["on_track"]},
        figures=(Figure("plan_projects_on_track", gettext_lazy("Projects on track or finished")),),
    ))
