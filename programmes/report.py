"""The programmes section of the annual partnership report (registered in reporting.sections).

For the partnership's programmes in the academic year: participants by programme and status,
the engagement distribution, completion and pass rates, and visiting fellows' sessions. Figures
are as at the report's day (the year's end, or today while it runs), in a fixed number of
queries however many participants, events or fellows there are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rules
from .models import AssessmentAttempt, Enrolment, FacilitationAssignment, FacilitationRecord, Programme
from .selectors.engagement import distribution, engagement_for
from .selectors.enrolments import with_status
from .selectors.page import latest_outcome

STATUSES = ("active", "deferred", "withdrawn", "completed")


def _rate(part: int, whole: int) -> Decimal | None:
    return None if not whole else Decimal(part) / Decimal(whole)


def gather(partnership, year) -> dict | None:
    programmes = list(Programme.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership)
                      .order_by("name"))
    if not programmes:
        return None
    as_of = year.as_of
    moment = min(timezone.now(), dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min, tzinfo=rules.LONDON))
    enrolments = list(with_status(
        Enrolment.objects.filter(consortium_id=partnership.consortium_id, cohort__programme__in=programmes,
                                 started_on__lte=as_of)
        .select_related("cohort__programme", "cohort__course"), as_of))
    by_programme = {p.pk: {"programme": p, "counts": dict.fromkeys(STATUSES, 0), "total": 0, "passed": 0,
                           "assessed": 0} for p in programmes}
    for enrolment in enrolments:
        row = by_programme[enrolment.cohort.programme_id]
        if enrolment.status in row["counts"]:
            row["counts"][enrolment.status] += 1
        row["total"] += 1
    attempts = defaultdict(list)
    for attempt in AssessmentAttempt.objects.filter(
            consortium_id=partnership.consortium_id, enrolment__in=[e.pk for e in enrolments],
            outcome_on__lte=as_of).exclude(state="voided"):
        attempts[attempt.enrolment_id].append(attempt)
    for enrolment in enrolments:
        outcome = latest_outcome(attempts.get(enrolment.pk, []))
        if outcome is not None:
            row = by_programme[enrolment.cohort.programme_id]
            row["assessed"] += 1
            row["passed"] += outcome.state == "passed"
    active = [e for e in enrolments if e.status == "active"]
    figures = engagement_for(active, now=moment, whole_cohorts=True, as_at=True)
    bands = distribution(figures.values())
    rows = []
    for row in by_programme.values():
        row["completion_rate"] = _rate(row["counts"]["completed"], row["total"])
        row["pass_rate"] = _rate(row["passed"], row["assessed"])
        rows.append(row)
    delivered = defaultdict(int)
    names = {}
    for fellow_id, full_name, email in FacilitationAssignment.objects.filter(
            consortium_id=partnership.consortium_id, event__cohort__programme__in=programmes,
            delivered_at__isnull=False, event__starts_at__gte=year.start_datetime(),
            event__starts_at__lt=min(year.end_datetime(), moment)).values_list(
            "fellow_id", "fellow__full_name", "fellow__email"):
        delivered[fellow_id] += 1
        names[fellow_id] = full_name or email
    minutes = sum(FacilitationRecord.objects.filter(
        consortium_id=partnership.consortium_id, programme__in=programmes, on__gte=year.start, on__lte=as_of,
    ).exclude(state="void").values_list("minutes", flat=True))
    fellows = sorted(({"name": names[pk], "sessions": count} for pk, count in delivered.items()),
                     key=lambda f: (-f["sessions"], f["name"]))
    threshold = programmes[0].engagement_threshold if len({p.engagement_threshold for p in programmes}) == 1 else None
    return {"programmes": rows, "bands": bands, "measured": sum(bands.values()) - bands["none"],
            "threshold": threshold, "fellows": fellows, "sessions": sum(delivered.values()),
            "hours": rules.hours(minutes), "as_of": as_of, "participants": len(enrolments)}


def charts(data: dict) -> list:
    from reporting.charts import bar_chart

    bands = data["bands"]
    labels = [_("At or above the threshold"), _("Up to 15 points below"), _("Further below")]
    values = [bands["met"], bands["near"], bands["far"]]
    title = _("Engagement of active participants")
    description = _("%(met)s participants at or above the engagement threshold, %(near)s up to 15 points below it "
                    "and %(far)s further below.") % bands
    return [bar_chart(key="engagement", title=title, description=description, labels=[str(x) for x in labels],
                      series=[(_("Participants"), values)])]


def summarise(data: dict) -> dict:
    total = data["measured"]
    return {"programme_participants": data["participants"],
            "engagement_met": _rate(data["bands"]["met"], total),
            "fellow_sessions": data["sessions"]}


def register_section() -> None:
    from reporting.sections import Figure, Section, register

    register(Section(
        key="programmes", order=60, title=gettext_lazy("Programmes: ECT and NPQ"), gather=gather,
        template="programmes/report/section.html", charts=charts, summarise=summarise,
        figures=(Figure("programme_participants", gettext_lazy("Programme participants")),
                 Figure("engagement_met", gettext_lazy("Participants meeting the engagement threshold"), "percent"),
                 Figure("fellow_sessions", gettext_lazy("Sessions delivered by visiting fellows"))),
    ))
