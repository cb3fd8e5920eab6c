"""Engagement figures, computed from events, attendance and status history in a fixed number of
queries however many participants and events there are (NOTE: tests/programmes/test_query_counts.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction

from django.utils import timezone

from .. import rules
from ..models import Attendance, Cohort, Event, Status
from .enrolments import active_spans, changes_by_enrolment, covers


def _events(consortium_id: int, cohort_ids) -> dict[int, list[dict]]:
    events = defaultdict(list)
    for row in Event.objects.filter(consortium_id=consortium_id, cohort_id__in=cohort_ids,
                                    counts_for_engagement=True, state=Event.State.SCHEDULED).order_by(
            "starts_at", "pk").values("pk", "cohort_id", "starts_at", "audience"):
        row["day"] = rules.local_date(row["starts_at"])
        events[row["cohort_id"]].append(row)
    return events


def _for(audience: str, role: str) -> bool:
    return audience == "everyone" or (audience == "ects" and role == "ect") or (
        audience == "mentors" and role == "mentor")


def engagement_for(enrolments, *, now: dt.datetime | None = None, whole_cohorts: bool = False,
                   as_at: bool = False) -> dict:
    """{enrolment id: rules.Engagement} for these enrolments.

    An element is required when it counts toward engagement, is for the participant's role, and
    falls while they were active (not before they started, not while deferred, not after they
    left or completed). It has taken place once it has started; it is completed when attended
    or caught up (a catch-up claimed but not confirmed does not count).

    With `as_at`, the figures are those of the moment `now` (a report for a past year): status
    changes recorded for later dates are left out.
    """
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    now = now or timezone.now()
    consortium_id = enrolments[0].consortium_id
    cohort_ids = sorted({e.cohort_id for e in enrolments})
    events = _events(consortium_id, cohort_ids)
    thresholds = dict(Cohort.objects.filter(consortium_id=consortium_id, pk__in=cohort_ids).values_list(
        "pk", "programme__engagement_threshold"))
    until = rules.local_date(now) if as_at else None
    if whole_cohorts:
        changes = changes_by_enrolment(consortium_id=consortium_id, cohort_ids=cohort_ids, until=until)
        done_rows = Attendance.objects.filter(consortium_id=consortium_id, event__cohort_id__in=cohort_ids,
                                              state__in=Attendance.COMPLETED)
    else:
        ids = [e.pk for e in enrolments]
        changes = changes_by_enrolment(ids, consortium_id=consortium_id, until=until)
        done_rows = Attendance.objects.filter(consortium_id=consortium_id, enrolment_id__in=ids,
                                              state__in=Attendance.COMPLETED)
    done: dict[int, set[int]] = defaultdict(set)
    for enrolment_id, event_id in done_rows.values_list("enrolment_id", "event_id"):
        done[enrolment_id].add(event_id)
    figures = {}
    for enrolment in enrolments:
        spans, last = active_spans(changes.get(enrolment.pk, []))
        still_on = last in (Status.ACTIVE, Status.DEFERRED) or not last
        completed = held = remaining = 0
        mine = done.get(enrolment.pk, ())
        for event in events.get(enrolment.cohort_id, ()):
            if not _for(event["audience"], enrolment.role):
                continue
            if event["starts_at"] <= now:
                if covers(spans, event["day"]):
                    held += 1
                    completed += event["pk"] in mine
            elif still_on and event["day"] >= enrolment.started_on:
                remaining += 1
        figures[enrolment.pk] = rules.engagement(
            completed=completed, held=held, remaining=remaining,
            threshold_percent=thresholds[enrolment.cohort_id])
    return figures


def distribution(figures) -> dict[str, int]:
    """How many participants are in each band, for the report: at or above the threshold, within
    15 points below it, further below, and not started."""
    bands = {"met": 0, "near": 0, "far": 0, "none": 0}
    for figure in figures:
        if figure.share is None:
            bands["none"] += 1
        elif figure.share >= figure.threshold:
            bands["met"] += 1
        elif figure.share >= figure.threshold - Fraction(15, 100):
            bands["near"] += 1
        else:
            bands["far"] += 1
    return bands
