"""Governance sections: meetings against the minimum with notice, attendance, decisions, actions.

NOTE: reporting never imports governance. It reads the models through `apps.get_model`, and each
section is registered only when the models it reads exist, so this module can ship before (or
without) the governance app. Each gather costs a fixed number of queries, however many meetings,
attendance rows, decisions or actions there are.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.models import Partnership, PartnershipMembership

from .formatting import share
from .sections import Chart, Figure, ReportYear, Section, model_or_none, register

STRATEGIC = "strategic"
CANCELLED = "cancelled"
PRESENT = "present"
DONE = "done"
DROPPED = "dropped"
OPEN = ("open", "in_progress")
AGREED = "agreed"

TERMS = (
    (gettext_lazy("Autumn"), (9, 10, 11, 12)),
    (gettext_lazy("Spring"), (1, 2, 3, 4)),
    (gettext_lazy("Summer"), (5, 6, 7, 8)),
)


def _model(name: str):
    return model_or_none("governance", name)


def _local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def notice_days_given(sent_at: dt.datetime, starts_at: dt.datetime) -> int:
    """Whole days between notice and meeting on UK calendar dates (as governance.rules counts them)."""
    return (_local_date(starts_at) - _local_date(sent_at)).days


def year_meetings(partnership: Partnership, year: ReportYear) -> list[dict]:
    """The partnership's meetings (its groups' included) that start in the year, in one query."""
    meeting = _model("Meeting")
    now = timezone.now()
    rows = (meeting._default_manager.filter(consortium_id=partnership.consortium_id, partnership_id=partnership.pk,
                                            starts_at__gte=year.start_datetime(), starts_at__lt=year.end_datetime())
            .order_by("starts_at", "pk")
            .values("pk", "title", "kind", "group_id", "starts_at", "status", "notice_sent_at", "notice_late",
                    "late_notice_reason"))
    meetings = []
    for row in rows:
        cancelled = row["status"] == CANCELLED
        days = notice_days_given(row["notice_sent_at"], row["starts_at"]) if row["notice_sent_at"] else None
        meetings.append({
            "pk": row["pk"], "title": row["title"], "kind": row["kind"], "starts_at": row["starts_at"],
            "whole_partnership": row["group_id"] is None, "strategic": row["kind"] == STRATEGIC,
            "cancelled": cancelled, "held": not cancelled and row["starts_at"] <= now,
            "notice_days": days, "short_notice_reason": row["late_notice_reason"],
            "notice_ok": days is not None and days >= partnership.notice_days,
        })
    return meetings


# --- Meetings and notice ------------------------------------------------------------------------

def gather_meetings(partnership: Partnership, year: ReportYear) -> dict:
    meetings = year_meetings(partnership, year)
    held = [m for m in meetings if m["held"]]
    strategic_held = [m for m in held if m["strategic"]]
    on_notice = [m for m in held if m["notice_ok"]]
    by_term, cumulative = [], 0
    for label, months in TERMS:
        count = sum(1 for m in strategic_held if timezone.localtime(m["starts_at"]).month in months)
        cumulative += count
        by_term.append({"term": str(label), "count": count, "cumulative": cumulative})
    return {
        "meetings": meetings, "held": len(held), "strategic_held": len(strategic_held),
        "cancelled": sum(1 for m in meetings if m["cancelled"]), "minimum": partnership.min_strategic_meetings,
        "met_minimum": len(strategic_held) >= partnership.min_strategic_meetings,
        "notice_days": partnership.notice_days, "on_notice": len(on_notice),
        "notice_rate": share(len(on_notice), len(held)), "by_term": by_term,
    }


def charts_meetings(data: dict) -> list[Chart]:
    from .charts import bar_chart

    title = _("Strategic meetings held against the minimum")
    description = _("Strategic meetings held by the end of each term: %(figures)s. The minimum for the year is "
                     "%(minimum)s.") % {
        "figures": ", ".join(f"{row['term']} {row['cumulative']}" for row in data["by_term"]),
        "minimum": data["minimum"]}
    return [bar_chart(key="meetings", title=title, description=description,
                      labels=[row["term"] for row in data["by_term"]],
                      series=[(_("Meetings held (running total)"), [row["cumulative"] for row in data["by_term"]])],
                      reference=(_("Minimum for the year"), data["minimum"]))]


# --- Attendance ---------------------------------------------------------------------------------

def gather_attendance(partnership: Partnership, year: ReportYear) -> dict:
    """For each member organisation: of the whole-partnership meetings held while it was a member,
    the share at which someone was present on its behalf. Three queries."""
    attendance = _model("Attendance")
    meetings = [m for m in year_meetings(partnership, year) if m["held"] and m["whole_partnership"]]
    memberships = list(
        PartnershipMembership.objects.for_consortium(partnership.consortium_id)
        .filter(partnership=partnership, joined_on__lte=year.end).exclude(left_on__lt=year.start)
        .select_related("organisation").order_by("organisation__name")
    )
    present: set[tuple[int, int]] = set()
    if meetings:
        present = set(
            attendance._default_manager.filter(consortium_id=partnership.consortium_id, status=PRESENT,
                                               meeting_id__in=[m["pk"] for m in meetings],
                                               organisation_id__isnull=False)
            .values_list("meeting_id", "organisation_id").distinct()
        )
    members = []
    for membership in memberships:
        expected = [m for m in meetings if membership.joined_on <= _local_date(m["starts_at"])
                    and (membership.left_on is None or _local_date(m["starts_at"]) < membership.left_on)]
        attended = sum(1 for m in expected if (m["pk"], membership.organisation_id) in present)
        members.append({"name": membership.organisation.name, "expected": len(expected), "attended": attended,
                        "rate": share(attended, len(expected))})
    return {"members": members, "held": len(meetings),
            "rate": share(sum(m["attended"] for m in members), sum(m["expected"] for m in members))}


def charts_attendance(data: dict) -> list[Chart]:
    from .charts import bar_chart

    rows = [m for m in data["members"] if m["expected"]]
    if not rows:
        return []
    title = _("Attendance by member organisation")
    description = _("Share of meetings each member organisation attended: %(figures)s.") % {
        "figures": "; ".join(f"{m['name']} {round(m['rate'] * 100)}%" for m in rows)}
    return [bar_chart(key="attendance", title=title, description=description, labels=[m["name"] for m in rows],
                      series=[(_("Meetings attended (%)"), [round(m["rate"] * 100) for m in rows])],
                      horizontal=True, percent=True)]


# --- Decisions ----------------------------------------------------------------------------------

def gather_decisions(partnership: Partnership, year: ReportYear) -> dict:
    decision = _model("Decision")
    rows = (decision._default_manager.filter(
        consortium_id=partnership.consortium_id, meeting__partnership_id=partnership.pk,
        meeting__starts_at__gte=year.start_datetime(), meeting__starts_at__lt=year.end_datetime(),
    ).order_by("meeting__starts_at", "recorded_at", "pk")
        .values("text", "outcome", "quorate", "meeting__starts_at", "meeting__title"))
    labels = dict(decision._meta.get_field("outcome").choices)
    decisions = [{"text": r["text"], "outcome": labels.get(r["outcome"], r["outcome"]),
                  "agreed": r["outcome"] == AGREED, "quorate": r["quorate"], "date": r["meeting__starts_at"],
                  "meeting": r["meeting__title"]} for r in rows]
    return {"decisions": decisions, "count": len(decisions), "agreed": sum(1 for d in decisions if d["agreed"])}


# --- Actions ------------------------------------------------------------------------------------

def gather_actions(partnership: Partnership, year: ReportYear) -> dict:
    """Actions raised in the year (at a meeting in the year, or created in it when raised outside a
    meeting): how many were completed, dropped, are still open, and which are overdue. One query."""
    action = _model("Action")
    rows = (action._default_manager.filter(consortium_id=partnership.consortium_id, partnership_id=partnership.pk)
            .annotate(raised_at=Coalesce(F("meeting__starts_at"), F("created_at")))
            .filter(raised_at__gte=year.start_datetime(), raised_at__lt=year.end_datetime())
            .order_by("due_on", "pk").values("title", "status", "due_on", "completed_at", "owner__full_name",
                                             "owner__email"))
    as_of = year.as_of
    counts = {"raised": 0, "completed": 0, "dropped": 0, "open": 0, "overdue": 0}
    overdue = []
    for row in rows:
        counts["raised"] += 1
        if row["status"] == DONE:
            counts["completed"] += 1
        elif row["status"] == DROPPED:
            counts["dropped"] += 1
        elif row["due_on"] < as_of:
            counts["overdue"] += 1
            overdue.append({"title": row["title"], "due": row["due_on"],
                            "owner": row["owner__full_name"] or row["owner__email"]})
        else:
            counts["open"] += 1
    return {**counts, "overdue_list": overdue, "completion_rate": share(counts["completed"], counts["raised"])}


def charts_actions(data: dict) -> list[Chart]:
    from .charts import bar_chart

    if not data["raised"]:
        return []  # the sentence says "none"; an empty chart would say nothing
    labels = [_("Completed"), _("Open, not yet due"), _("Overdue"), _("Dropped")]
    values = [data["completed"], data["open"], data["overdue"], data["dropped"]]
    title = _("Actions by status")
    description = _("Of %(raised)s actions raised in the year: %(figures)s.") % {
        "raised": data["raised"],
        "figures": ", ".join(f"{label} {value}" for label, value in zip(labels, values, strict=True))}
    return [bar_chart(key="actions", title=title, description=description, labels=labels,
                      series=[(_("Actions"), values)])]


# --- Registration -------------------------------------------------------------------------------

def register_governance_sections() -> list[str]:
    """Register the sections whose governance models exist; returns the keys registered."""
    done = []
    if _model("Meeting") is None:
        return done
    register(Section(
        key="meetings", order=30, title=gettext_lazy("Meetings held and notice given"),
        gather=gather_meetings,
        template="reporting/sections/meetings.html", charts=charts_meetings,
        figures=(Figure("meetings_held", gettext_lazy("Strategic meetings held")),
                 Figure("meetings_minimum", gettext_lazy("Minimum")),
                 Figure("notice_rate", gettext_lazy("Meetings on full notice"), "percent")),
        summarise=lambda d: {"meetings_held": d["strategic_held"], "meetings_minimum": d["minimum"],
                             "notice_rate": d["notice_rate"]},
    ))
    done.append("meetings")
    if _model("Attendance") is not None:
        register(Section(
            key="attendance", order=40, title=gettext_lazy("Attendance by member organisation"),
            gather=gather_attendance,
            template="reporting/sections/attendance.html", charts=charts_attendance,
            figures=(Figure("attendance_rate", gettext_lazy("Attendance"), "percent"),),
            summarise=lambda d: {"attendance_rate": d["rate"]},
        ))
        done.append("attendance")
    if _model("Decision") is not None:
        register(Section(
            key="decisions", order=50, title=gettext_lazy("Decisions taken"), gather=gather_decisions,
            template="reporting/sections/decisions.html",
            figures=(Figure("decisions", gettext_lazy("Decisions")),),
            summarise=lambda d: {"decisions": d["count"]},
        ))
        done.append("decisions")
    if _model("Action") is not None:
        register(Section(
            key="actions", order=60, title=gettext_lazy("Actions raised, completed and overdue"),
            gather=gather_actions,
            template="reporting/sections/actions.html", charts=charts_actions,
            figures=(Figure("actions_raised", gettext_lazy("Actions raised")),
                     Figure("actions_completed", gettext_lazy("Completed")),
                     Figure("actions_overdue", gettext_lazy("Overdue"))),
            summarise=lambda d: {"actions_raised": d["raised"], "actions_completed": d["completed"],
                                 "actions_overdue": d["overdue"]},
        ))
        done.append("actions")
    return done
