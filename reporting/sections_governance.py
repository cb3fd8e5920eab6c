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

from consortia.bilingual import bilingual
from partnerships.models import Partnership, PartnershipMembership

from .formatting import share
from .sections import Chart, Figure, ReportYear, Section, model_or_none, register

STRATEGIC = "strategic"
CANCELLED = "cancelled"
HELD = "held"
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


def _rules():
    """governance.rules, the one place notice and the minimum are counted (read-only, and only when the
    governance app is there: this module is registered only then)."""
    from governance import rules

    return rules


def year_meetings(partnership: Partnership, year: ReportYear) -> list[dict]:
    """The partnership's meetings (its groups' included) that start in the year, in one query, each
    with its notice counted the partnership's way (clear or calendar days)."""
    meeting = _model("Meeting")
    rules = _rules()
    rows = (meeting._default_manager.filter(consortium_id=partnership.consortium_id, partnership_id=partnership.pk,
                                            starts_at__gte=year.start_datetime(), starts_at__lt=year.end_datetime())
            .order_by("starts_at", "pk")
            .values("pk", "title", "title_cy", "kind", "group_id", "starts_at", "status", "notice_sent_at",
                    "notice_late", "late_notice_reason", "late_notice_reason_cy", "recorded_after"))
    today = timezone.localdate()
    now = timezone.now()
    meetings = []
    for row in rows:
        state, days = rules.notice_state(row, notice_days=partnership.notice_days,
                                         counting=partnership.notice_counting, today=today)
        cancelled = row["status"] == CANCELLED
        held = row["status"] == HELD
        meetings.append({
            **row, "whole_partnership": row["group_id"] is None, "strategic": row["kind"] == STRATEGIC,
            "cancelled": cancelled, "held": held, "to_come": not held and not cancelled and row["starts_at"] >= now,
            "unrecorded": not held and not cancelled and row["starts_at"] < now,
            "notice": state, "notice_days": days, "notice_ok": state == rules.NOTICE_ON_TIME,
            "notice_deadline": rules.notice_deadline(starts_at=row["starts_at"], notice_days=partnership.notice_days,
                                                     counting=partnership.notice_counting),
            "short_notice_reason": bilingual(row, "late_notice_reason"),
        })
    return meetings


# --- Meetings and notice ------------------------------------------------------------------------

def gather_meetings(partnership: Partnership, year: ReportYear) -> dict:
    """Meetings that took place against the minimum (pro rata while the year runs), notice over the
    meetings whose notice has gone or was due, and the meetings still to come, apart."""
    rules = _rules()
    meetings = year_meetings(partnership, year)
    figures = rules.year_figures(meetings, notice_days=partnership.notice_days, counting=partnership.notice_counting,
                                 minimum=partnership.min_strategic_meetings, year=year.year, now=timezone.now())
    strategic_held = [m for m in meetings if m["held"] and m["strategic"]]
    by_term, cumulative = [], 0
    for label, months, first_day in _terms(year):
        if first_day > year.as_of:
            break  # a term that has not begun has nothing to show yet
        count = sum(1 for m in strategic_held if _local_date(m["starts_at"]).month in months)
        cumulative += count
        to_date = year.in_progress and year.as_of.month in months
        by_term.append({"term": str(label), "count": count, "cumulative": cumulative, "to_date": to_date})
    return {
        **figures,
        "meetings": meetings,
        "held_meetings": [m for m in meetings if m["held"]],
        "to_come": [m for m in meetings if m["to_come"]],
        "unrecorded": [m for m in meetings if m["unrecorded"]],
        "cancelled_meetings": [m for m in meetings if m["cancelled"]],
        "held": sum(1 for m in meetings if m["held"]), "cancelled": sum(1 for m in meetings if m["cancelled"]),
        "met_minimum": figures["progress"] == rules.MET,
        "notice_days": partnership.notice_days, "clear_days": partnership.notice_counting == rules.CLEAR,
        "on_notice": figures["notices_on_time"], "by_term": by_term,
        "as_of": year.as_of, "year_in_progress": year.in_progress,
    }


def _terms(year: ReportYear):
    return [(label, months, dt.date(year.year if months[0] >= 9 else year.year + 1, months[0], 1))
            for label, months in TERMS]


def charts_meetings(data: dict) -> list[Chart]:
    """The running total of strategic meetings held, by the end of each term that has begun."""
    from .charts import bar_chart

    if not data["by_term"]:
        return []
    labels = [_("%(term)s (to date)") % {"term": row["term"]} if row["to_date"] else row["term"]
              for row in data["by_term"]]
    title = _("Strategic meetings held against the minimum")
    description = _("Strategic meetings held, running total by the end of each term: %(figures)s. The minimum "
                    "for the year is %(minimum)s.") % {
        "figures": ", ".join(f"{label} {row['cumulative']}" for label, row in zip(labels, data["by_term"],
                                                                                  strict=True)),
        "minimum": data["minimum"]}
    return [bar_chart(key="meetings", title=title, description=description, labels=labels,
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
        .values("text", "text_cy", "outcome", "quorate", "meeting__starts_at", "meeting__title",
                "meeting__title_cy"))
    labels = dict(decision._meta.get_field("outcome").choices)
    decisions = [{"text": bilingual(r, "text"), "outcome": labels.get(r["outcome"], r["outcome"]),
                  "agreed": r["outcome"] == AGREED, "quorate": r["quorate"], "date": r["meeting__starts_at"],
                  "meeting": bilingual({"title": r["meeting__title"], "title_cy": r["meeting__title_cy"]}, "title")}
                 for r in rows]
    return {"decisions": decisions, "count": len(decisions), "agreed": sum(1 for d in decisions if d["agreed"])}


# --- Actions ------------------------------------------------------------------------------------

def gather_actions(partnership: Partnership, year: ReportYear) -> dict:
    """Actions raised in the year (at a meeting in the year, or created in it when raised outside a
    meeting): how many were completed, dropped, are still open, and which are overdue. One query."""
    action = _model("Action")
    rows = (action._default_manager.filter(consortium_id=partnership.consortium_id, partnership_id=partnership.pk)
            .annotate(raised_at=Coalesce(F("meeting__starts_at"), F("created_at")))
            .filter(raised_at__gte=year.start_datetime(), raised_at__lt=year.end_datetime())
            .order_by("due_on", "pk").values("title", "title_cy", "status", "due_on", "completed_at",
                                             "owner__full_name", "owner__email"))
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
            overdue.append({"title": bilingual(row, "title"), "due": row["due_on"],
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
