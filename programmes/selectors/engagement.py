"""Engagement figures, computed from events, attendance and status history in a fixed number of
queries however many participants and events there are (NOTE: tests/programmes/test_query_counts.py).

Most participants of a cohort share one story (enrolled at the start, active since), so their
required events are the same set: those are counted in the database, grouped by participant,
and only participants with a story of their own (a late start, a deferral, a withdrawal) have
their attendance read row by row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction

from django.db.models import Count, Q
from django.utils import timezone

from .. import rules
from ..models import Attendance, Cohort, Event, Status
from .enrolments import active_spans, changes_by_enrolment, covers

AUDIENCES = {"ect": ("everyone", "ects"), "mentor": ("everyone", "mentors"), "npq_participant": ("everyone",)}


def _events(consortium_id: int, cohort_ids) -> dict[int, list[dict]]:
    events = defaultdict(list)
    for row in Event.objects.filter(consortium_id=consortium_id, cohort_id__in=cohort_ids,
                                    counts_for_engagement=True, state=Event.State.SCHEDULED).order_by(
            "starts_at", "pk").values("pk", "cohort_id", "starts_at", "audience"):
        row["day"] = rules.local_date(row["starts_at"])
        events[row["cohort_id"]].append(row)
    return events


def engagement_for(enrolments, *, now: dt.datetime | None = None, whole_cohorts: bool = False,
                   as_at: bool = False, changes: dict | None = None) -> dict:
    """{enrolment id: rules.Engagement} for these enrolments.

    An element is required when it counts toward engagement, is for the participant's role, and
    falls while they were active (not before they started, not while deferred, not after they
    left or completed). It has taken place once it has started; it is completed when attended
    or caught up (a catch-up claimed but not confirmed does not count).

    With `as_at`, the figures are those of the moment `now` (a report for a past year): status
    changes recorded for later dates are left out. `changes` may pass the status history already
    read (selectors.enrolments.changes_by_enrolment) so it is not read twice.
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
    ids = [e.pk for e in enrolments]
    if changes is None:
        changes = (changes_by_enrolment(consortium_id=consortium_id, cohort_ids=cohort_ids, until=until)
                   if whole_cohorts else changes_by_enrolment(ids, consortium_id=consortium_id, until=until))
    held_by_cohort = {pk: [e for e in rows if e["starts_at"] <= now] for pk, rows in events.items()}

    # Each participant's required events: the same for everyone who has been active throughout.
    plans: dict[int, tuple] = {}
    simple: list[int] = []
    for enrolment in enrolments:
        spans, last = active_spans(changes.get(enrolment.pk, []))
        audiences = AUDIENCES.get(enrolment.role, ("everyone",))
        held = [e for e in held_by_cohort.get(enrolment.cohort_id, ()) if e["audience"] in audiences]
        still_on = last in (Status.ACTIVE, Status.DEFERRED) or not last
        remaining = sum(1 for e in events.get(enrolment.cohort_id, ())
                        if e["starts_at"] > now and e["audience"] in audiences and still_on
                        and e["day"] >= enrolment.started_on)
        throughout = len(spans) == 1 and spans[0][1] is None and (not held or spans[0][0] <= held[0]["day"])
        if throughout:
            simple.append(enrolment.pk)
            plans[enrolment.pk] = (None, len(held), remaining, audiences)
        else:
            required = {e["pk"] for e in held if covers(spans, e["day"])}
            plans[enrolment.pk] = (required, len(required), remaining, audiences)

    completed_by_audience: dict[int, dict[str, int]] = defaultdict(dict)
    done: dict[int, set[int]] = defaultdict(set)
    held_ids = [e["pk"] for rows in held_by_cohort.values() for e in rows]
    completed_rows = Attendance.objects.filter(consortium_id=consortium_id, state__in=Attendance.COMPLETED,
                                               event_id__in=held_ids)
    if simple:
        # Grouped by participant, each audience's events counted apart: no join, one row each.
        by_audience = defaultdict(list)
        for rows in held_by_cohort.values():
            for event in rows:
                by_audience[event["audience"]].append(event["pk"])
        scoped = completed_rows if whole_cohorts else completed_rows.filter(enrolment_id__in=simple)
        counts = {audience: Count("pk", filter=Q(event_id__in=pks)) for audience, pks in by_audience.items()}
        if counts:
            for row in scoped.values("enrolment_id").annotate(**counts).order_by():
                completed_by_audience[row.pop("enrolment_id")] = row
    own_story = [pk for pk in ids if plans[pk][0] is not None]
    if own_story:
        for enrolment_id, event_id in completed_rows.filter(enrolment_id__in=own_story).values_list(
                "enrolment_id", "event_id"):
            done[enrolment_id].add(event_id)

    figures = {}
    for enrolment in enrolments:
        required, held_count, remaining, audiences = plans[enrolment.pk]
        if required is None:
            counts = completed_by_audience.get(enrolment.pk, {})
            completed = sum(counts.get(a, 0) for a in audiences)
        else:
            completed = len(done.get(enrolment.pk, set()) & required)
        figures[enrolment.pk] = rules.engagement(completed=completed, held=held_count, remaining=remaining,
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


def cohort_engagement(enrolments, *, consortium_id: int, cohort_id: int, now: dt.datetime | None = None) -> list:
    """The engagement dashboard's rows: each enrolment (with `.status`, `.school_name` and
    `.figure`), the status read from the history already needed for the figures.

    Lighter than selectors.enrolments.with_status for thousands of rows: three reads of the
    history, schools and participants, and the engagement's own.
    """
    from ..models import SchoolPeriod
    from .enrolments import JOINING

    now = now or timezone.now()
    today = rules.local_date(now)
    rows = list(enrolments.select_related("user").only(
        "id", "consortium_id", "cohort_id", "user_id", "role", "started_on", "user__id", "user__full_name",
        "user__email"))
    changes = changes_by_enrolment(consortium_id=consortium_id, cohort_ids=[cohort_id])
    schools = dict(SchoolPeriod.objects.filter(consortium_id=consortium_id, enrolment__cohort_id=cohort_id,
                                               started_on__lte=today).exclude(finished_on__lt=today)
                   .order_by("started_on", "pk").values_list("enrolment_id", "school__name"))
    for enrolment in rows:
        in_effect = [status for day, status in changes.get(enrolment.pk, []) if day <= today]
        enrolment.status = in_effect[-1] if in_effect else JOINING
        enrolment.school_name = schools.get(enrolment.pk)
    figures = engagement_for(rows, now=now, whole_cohorts=True, changes=changes)
    for enrolment in rows:
        enrolment.figure = figures[enrolment.pk]
    return rows
