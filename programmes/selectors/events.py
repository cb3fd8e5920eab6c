"""Reads of events: a person's own events, who is expected at an event, and its register."""

from __future__ import annotations

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .. import rules
from ..models import Attendance, Enrolment, Event, FacilitationAssignment, Feedback
from .enrolments import with_status


def _audience_matches(role_field: str = "role") -> Q:
    return Q(audience="everyone") | Q(audience="ects", **{f"{role_field}": "ect"}) | Q(
        audience="mentors", **{f"{role_field}": "mentor"})


def my_events(user, consortium, *, facilitating: bool = True) -> QuerySet[Event]:
    """Events of the cohorts the person is enrolled on (for their role), and those they facilitate."""
    enrolled = Enrolment.objects.filter(consortium_id=consortium.pk, user=user, cohort_id=OuterRef("cohort_id"))
    mine = (Exists(enrolled.filter(role="ect")) & Q(audience__in=["everyone", "ects"])) | (
        Exists(enrolled.filter(role="mentor")) & Q(audience__in=["everyone", "mentors"])) | (
        Exists(enrolled.filter(role="npq_participant")) & Q(audience="everyone"))
    if facilitating:
        mine |= Exists(FacilitationAssignment.objects.filter(
            consortium_id=consortium.pk, fellow=user, event_id=OuterRef("pk"), state="assigned"))
    return (Event.objects.for_consortium(consortium).filter(mine)
            .select_related("cohort__programme").order_by("starts_at", "pk"))


def upcoming_for(user, consortium, limit: int = 5, *, facilitating: bool = True) -> list[Event]:
    return list(my_events(user, consortium, facilitating=facilitating).filter(
        ends_at__gte=timezone.now(), state=Event.State.SCHEDULED)[:limit])


def expected(event: Event) -> QuerySet[Enrolment]:
    """Who should be at the event: the cohort's participants in its audience, active on the day."""
    day = rules.local_date(event.starts_at)
    enrolments = Enrolment.objects.filter(consortium_id=event.consortium_id, cohort_id=event.cohort_id)
    if event.audience == Event.Audience.ECTS:
        enrolments = enrolments.filter(role="ect")
    elif event.audience == Event.Audience.MENTORS:
        enrolments = enrolments.filter(role="mentor")
    return with_status(enrolments.select_related("user"), day).filter(status="active").order_by(
        "user__full_name", "user__email", "pk")


def register(event: Event) -> list[Enrolment]:
    """The event's register: everyone expected, and anyone recorded there since, each with `.mark`."""
    rows = {a.enrolment_id: a for a in Attendance.objects.filter(consortium_id=event.consortium_id, event=event)}
    people = list(expected(event))
    seen = {e.pk for e in people}
    missing = [pk for pk in rows if pk not in seen]
    if missing:
        people += list(with_status(Enrolment.objects.filter(consortium_id=event.consortium_id, pk__in=missing)
                                   .select_related("user"), rules.local_date(event.starts_at)))
    for enrolment in people:
        mark_as(enrolment, rows.get(enrolment.pk))
    return people


def mark_as(enrolment: Enrolment, attendance: Attendance | None) -> Enrolment:
    """Put the attendance on the register's row; a catch-up is decided elsewhere, not re-marked."""
    enrolment.mark = attendance
    enrolment.markable = attendance is None or attendance.state in ("attended", "apologised", "absent")
    return enrolment


def register_counts(people) -> dict[str, int]:
    counts = {"expected": len(people), "attended": 0, "apologised": 0, "absent": 0, "unmarked": 0,
              "catch_up_claimed": 0, "caught_up": 0}
    for enrolment in people:
        state = enrolment.mark.state if enrolment.mark else "unmarked"
        counts[state] = counts.get(state, 0) + 1
    return counts


def cohort_events(cohort) -> QuerySet[Event]:
    return Event.objects.filter(consortium_id=cohort.consortium_id, cohort=cohort).annotate(
        attended_count=Count("attendance", filter=Q(attendance__state__in=Attendance.COMPLETED)),
    ).order_by("starts_at", "pk")


def catch_ups_waiting(cohort) -> QuerySet[Attendance]:
    return Attendance.objects.filter(consortium_id=cohort.consortium_id, event__cohort=cohort,
                                     state=Attendance.State.CATCH_UP_CLAIMED).select_related(
        "event", "enrolment__user").order_by("claimed_at")


def feedback_summary(event: Event) -> dict:
    rows = Feedback.objects.filter(consortium_id=event.consortium_id, event=event)
    summary = rows.aggregate(count=Count("pk"), average=Avg("rating"))
    summary["by_rating"] = dict.fromkeys(range(1, 6), 0)
    for rating, count in rows.values_list("rating").annotate(n=Count("pk")).values_list("rating", "n"):
        summary["by_rating"][rating] = count
    summary["comments"] = list(rows.exclude(comment="").order_by("-submitted_at").values_list(
        "comment", flat=True)[:50])
    return summary


def feedback_by_facilitator(programme) -> list[dict]:
    """Average rating of the events each fellow facilitated, across the programme."""
    rows = (FacilitationAssignment.objects.filter(consortium_id=programme.consortium_id,
                                                  event__cohort__programme=programme, state="assigned",
                                                  event__feedback__isnull=False)
            .values("fellow_id", "fellow__full_name", "fellow__email")
            .annotate(responses=Count("event__feedback"), average=Avg("event__feedback__rating"),
                      events=Count("event", distinct=True))
            .order_by("fellow__full_name"))
    return list(rows)
