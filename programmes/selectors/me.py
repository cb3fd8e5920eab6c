"""What each person sees of their own programmes: as a participant, a mentor, an induction
tutor, a visiting fellow, or a school's representative; also the dashboard panels' data."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from .. import rules
from ..models import (
    EmployerCommitment,
    Enrolment,
    FacilitationAssignment,
    FacilitationRecord,
    ProgrammeRole,
    TrainingAttendance,
)
from . import access as access_selectors
from .engagement import engagement_for
from .enrolments import STATUS_TONE, at_school, status_label, with_status
from .participants import mentees_of, my_enrolments, represented_schools


def my_participation(user, consortium) -> list[Enrolment]:
    enrolments = list(my_enrolments(user, consortium))
    figures = engagement_for(enrolments)
    for enrolment in enrolments:
        enrolment.figure = figures[enrolment.pk]
        enrolment.status_text = status_label(enrolment.status)
        enrolment.status_tone = STATUS_TONE.get(enrolment.status, "info")
        enrolment.deadline = enrolment.cohort.completion_deadline
    return enrolments


def my_mentees(user, consortium) -> list:
    mentorships = list(mentees_of(user, consortium))
    ects = [m.ect for m in mentorships]
    figures = engagement_for(ects)
    for mentorship in mentorships:
        mentorship.figure = figures[mentorship.ect_id]
    return mentorships


def at_risk_for(user, consortium, limit: int | None = None) -> list[Enrolment]:
    """Active participants below the threshold or unable to reach it, whom the person supports:
    every participant for a programme lead, their own school's for an induction tutor."""
    allowed = access_selectors.access(user, consortium)
    if allowed.is_admin:
        led, tutor = None, {}
    else:
        led = allowed.programme_ids(access_selectors.RUN)
        tutor = {pk: allowed.tutor_schools(pk) for pk in allowed.programme_ids(access_selectors.SEE_PARTICIPANTS)
                 if pk not in led}
        if not led and not any(tutor.values()):
            return []
    enrolments = Enrolment.objects.for_consortium(consortium).select_related("user", "cohort__programme")
    if led is not None:
        condition = Q(cohort__programme_id__in=led)
        for programme_id, schools in tutor.items():
            if schools:
                condition |= Q(cohort__programme_id=programme_id,
                               pk__in=at_school(Enrolment.objects.all(), schools).values("pk"))
        enrolments = enrolments.filter(condition)
    enrolments = list(with_status(enrolments).filter(status="active"))
    figures = engagement_for(enrolments, whole_cohorts=len(enrolments) > 200)
    risky = []
    for enrolment in enrolments:
        enrolment.figure = figures[enrolment.pk]
        if enrolment.figure.at_risk:
            risky.append(enrolment)
    risky.sort(key=lambda e: (e.figure.state != "unreachable", e.figure.share or 0, e.user.full_name))
    return risky[:limit] if limit else risky


def my_assignments(user, consortium):
    return (FacilitationAssignment.objects.for_consortium(consortium).filter(fellow=user)
            .select_related("event__cohort__programme").order_by("event__starts_at"))


def my_next_sessions(user, consortium, limit: int = 5):
    return list(my_assignments(user, consortium).filter(state="assigned", event__ends_at__gte=timezone.now(),
                                                        event__state="scheduled")[:limit])


def my_training(user, consortium) -> dict | None:
    """Training this academic year against the expectation of about two days."""
    if not ProgrammeRole.objects.filter(consortium_id=consortium.pk, user=user, role="visiting_fellow",
                                        ended_at__isnull=True).exists():
        return None
    year = rules.academic_year_of(timezone.localdate())
    import datetime as dt

    rows = list(TrainingAttendance.objects.filter(
        consortium_id=consortium.pk, fellow=user, attended=True, training_day__on__gte=dt.date(year, 9, 1),
        training_day__on__lte=dt.date(year + 1, 8, 31)).select_related("training_day__programme"))
    half_days = sum(r.training_day.half_days for r in rows)
    whole, half = divmod(half_days, 2)
    return {"year_label": rules.academic_year_label(year), "rows": rows, "days": f"{whole}.5" if half else whole,
            "expected": rules.TRAINING_HALF_DAYS_EXPECTED // 2,
            "met": half_days >= rules.TRAINING_HALF_DAYS_EXPECTED}


def my_records(user, consortium):
    return (FacilitationRecord.objects.for_consortium(consortium).filter(fellow=user)
            .select_related("employer", "programme").order_by("-on")[:20])


def commitments_waiting(user, consortium) -> list[EmployerCommitment]:
    represented = represented_schools(user, consortium)
    if not represented:
        return []
    condition = Q(pk__in=[])
    for partnership_id, schools in represented.items():
        condition |= Q(enrolment__cohort__programme__partnership_id=partnership_id, organisation_id__in=schools)
    return list(EmployerCommitment.objects.for_consortium(consortium).filter(condition, accepted_at__isnull=True)
                .select_related("enrolment__user", "enrolment__cohort__programme", "organisation"))
