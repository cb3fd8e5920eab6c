"""Reads for joint plans: the plan page (every project's shown status and its milestones, in a
fixed number of queries), a project's history, and the geometry of the server-drawn SVGs."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from ..models import JointPlan, Milestone, ProgressUpdate, Project, ProjectMember, ProjectStatus

STATUS_TONE = {"not_started": "muted", "on_track": "ok", "at_risk": "warn", "off_track": "bad",
               "finished": "info", "discontinued": "muted"}
# Fill colours for the SVG, from the GOV.UK palette; the words beside them carry the meaning.
STATUS_FILL = {"not_started": "#b1b4b6", "on_track": "#00703c", "at_risk": "#f47738", "off_track": "#d4351c",
               "finished": "#1d70b8", "discontinued": "#505a5f"}
# The words on each fill: dark on the light fills (grey, orange), white on the dark ones, so each
# reads at WCAG AA contrast (4.5:1 or more).
STATUS_INK = {"not_started": "#0b0c0c", "on_track": "#ffffff", "at_risk": "#0b0c0c", "off_track": "#ffffff",
              "finished": "#ffffff", "discontinued": "#ffffff"}


def latest(field: str):
    return Subquery(ProgressUpdate.objects.filter(project=OuterRef("pk")).order_by("-created_at", "-pk")
                    .values(field)[:1])


def projects_of(plan: JointPlan) -> QuerySet[Project]:
    return Project.objects.filter(consortium_id=plan.consortium_id, plan=plan).annotate(
        latest_status=latest("status"), latest_at=latest("created_at"),
    ).select_related("sponsor", "sponsor_organisation", "manager").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("baseline_on", "pk")), "aims",
    ).order_by("position", "pk")


def shown_status(project: Project) -> str:
    if project.discontinued_on:
        return ProjectStatus.DISCONTINUED
    if project.finished_on:
        return ProjectStatus.FINISHED
    return getattr(project, "latest_status", None) or ProjectStatus.NOT_STARTED


def plan_page(plan: JointPlan, today: dt.date, language: str) -> dict:
    projects = list(projects_of(plan))
    rows = []
    for project in projects:
        status = shown_status(project)
        milestones = [{"milestone": m, "lateness": m.lateness(today), "name": m.display_name(language)}
                      for m in project.milestones.all()]
        rows.append({"project": project, "name": project.display_name(language), "status": status,
                     "status_label": ProjectStatus(status).label, "tone": STATUS_TONE[status],
                     "fill": STATUS_FILL[status], "ink": STATUS_INK[status], "milestones": milestones,
                     "late": sum(1 for m in milestones if m["lateness"]["days"])})
    return {"rows": rows, "grid": _grid(rows), "timeline": _timeline(rows, today),
            "counts": [(label, n) for code, label in ProjectStatus.choices
                       if (n := sum(1 for r in rows if r["status"] == code))]}


def _grid(rows) -> dict:
    """A square per project coloured by its shown status, three to a row: fits a phone."""
    size, gap, per_row = 88, 8, 3
    cells = [{"x": (n % per_row) * (size + gap), "y": (n // per_row) * (size + gap), "row": row,
              "number": n + 1} for n, row in enumerate(rows)]
    lines = max(1, (len(rows) + per_row - 1) // per_row)
    return {"cells": cells, "size": size, "width": per_row * size + (per_row - 1) * gap,
            "height": lines * size + (lines - 1) * gap}


def _timeline(rows, today: dt.date) -> dict:
    """Milestones on one axis per project, from the earliest to the latest date of any of them."""
    dates = [d for r in rows for m in r["milestones"]
             for d in (m["milestone"].baseline_on, m["milestone"].forecast_on, m["milestone"].actual_on) if d]
    if not dates:
        return {"lanes": [], "width": 0, "height": 0}
    start, end = min(dates + [today]), max(dates + [today])
    span = max((end - start).days, 1)
    left, width, lane = 36, 284, 28

    def x(day: dt.date) -> float:
        return round(left + (day - start).days / span * width, 1)

    lanes = []
    for n, r in enumerate(rows):
        points = []
        for m in r["milestones"]:
            milestone, lateness = m["milestone"], m["lateness"]
            shown = milestone.actual_on or milestone.forecast_on or milestone.baseline_on
            points.append({"x": x(shown), "baseline_x": x(milestone.baseline_on), "late": bool(lateness["days"]),
                           "done": milestone.actual_on is not None, "name": m["name"], "lateness": lateness})
        lanes.append({"y": 20 + n * lane, "number": n + 1, "points": points, "name": r["name"]})
    return {"lanes": lanes, "width": left + width + 20, "height": 30 + len(rows) * lane, "today_x": x(today),
            "start": start, "end": end, "axis_y": 10}


def project_history(project: Project) -> list[ProgressUpdate]:
    return list(project.updates.select_related("author").order_by("-created_at", "-pk"))


def project_members(project: Project) -> list[ProjectMember]:
    return list(project.members.select_related("user", "organisation", "work_stream").order_by(
        "work_stream__name", "user__full_name"))
