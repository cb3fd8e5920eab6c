"""The ITE and joint-plan sections of the annual partnership report (reporting.sections).

ITE: trainees of the year by route and by status as at the report's day (the status change in
effect then, so a year in progress and a finished one both read right), and placements: how
many trainees needing two contrasting schools have them. Joint plan: each project's status as
at the report's day (the latest update posted by then) and its milestones late on that day.
Each gathers in a fixed number of queries.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.translation import gettext_lazy

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
    plans = list(JointPlan.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership))
    if not plans:
        return None
    as_of = year.as_of
    status_then = Subquery(ProgressUpdate.objects.filter(project=OuterRef("pk"), created_at__date__lte=as_of)
                           .order_by("-created_at", "-pk").values("status")[:1])
    projects = list(Project.objects.filter(consortium_id=partnership.consortium_id, plan__in=plans).annotate(
        status_then=status_then).prefetch_related("milestones").order_by("plan__name", "position", "pk"))
    rows = []
    for project in projects:
        status = ProjectStatus.DISCONTINUED if project.discontinued_on and project.discontinued_on <= as_of \
            else (project.status_then or ProjectStatus.NOT_STARTED)
        # A milestone achieved after the report's day was not achieved on it.
        late = sum(1 for m in project.milestones.all() if m.baseline_on < as_of and (
            m.actual_on is None or m.actual_on > as_of or m.actual_on > m.baseline_on))
        rows.append({"project": project, "status": ProjectStatus(status).label, "code": status,
                     "milestones": len(project.milestones.all()), "late": late})
    return {"as_of": as_of, "rows": rows, "plans": plans,
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
