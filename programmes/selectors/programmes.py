"""Reads for the programme pages: a programme's cohorts and people, its agreement's acceptance,
the staffing queue, and the fellows' overview."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .. import rules
from ..models import (
    Cohort,
    Enrolment,
    FacilitationAssignment,
    FacilitationRecord,
    Programme,
    ProgrammeRole,
    SchoolPeriod,
    StaffingChange,
    TrainingAttendance,
)


def cohorts_of(programme: Programme) -> QuerySet[Cohort]:
    return Cohort.objects.filter(consortium_id=programme.consortium_id, programme=programme).select_related(
        "course").annotate(participant_count=Count("enrolments", distinct=True)).order_by("-starts_on", "name")


def roles_of(programme: Programme) -> QuerySet[ProgrammeRole]:
    """The hub-side roles (leads, tutors, fellows); participants' roles come with their enrolments."""
    return (ProgrammeRole.objects.filter(consortium_id=programme.consortium_id, programme=programme,
                                         ended_at__isnull=True,
                                         role__in=["programme_lead", "induction_tutor", "visiting_fellow"])
            .select_related("user", "organisation", "cohort").order_by("role", "user__full_name", "user__email"))


def staffing_queue(programme: Programme, state: str = StaffingChange.State.OPEN) -> QuerySet[StaffingChange]:
    return (StaffingChange.objects.filter(consortium_id=programme.consortium_id, programme=programme, state=state)
            .select_related("enrolment__user", "enrolment__cohort", "reported_by", "school", "handled_by")
            .order_by("reported_at" if state == StaffingChange.State.OPEN else "-handled_at"))


def current_version(programme: Programme):
    if programme.agreement_id is None:
        return None
    from agreements.models import AgreementVersion

    return AgreementVersion.objects.filter(consortium_id=programme.consortium_id, template_id=programme.agreement_id,
                                           status=AgreementVersion.Status.PUBLISHED).select_related(
        "template").first()


def agreement_acceptance(programme: Programme) -> dict | None:
    """Who the programme agreement binds among the programme's people and schools, and who has not accepted."""
    version = current_version(programme)
    if version is None:
        return None
    from agreements.models import AgreementParty
    from agreements.selectors import with_status

    people = set(Enrolment.objects.filter(consortium_id=programme.consortium_id, cohort__programme=programme)
                 .values_list("user_id", flat=True))
    people |= set(ProgrammeRole.objects.filter(consortium_id=programme.consortium_id, programme=programme,
                                               role="visiting_fellow", ended_at__isnull=True)
                  .values_list("user_id", flat=True))
    schools = set(SchoolPeriod.objects.filter(consortium_id=programme.consortium_id,
                                              enrolment__cohort__programme=programme)
                  .values_list("school_id", flat=True))
    parties = list(with_status(AgreementParty.objects.filter(
        consortium_id=programme.consortium_id, version=version).filter(
        Q(user_id__in=people) | Q(organisation_id__in=schools))
        .select_related("user", "organisation")).order_by("status", "kind", "organisation__name", "user__full_name"))
    first_start = Cohort.objects.filter(consortium_id=programme.consortium_id, programme=programme).order_by(
        "starts_on").values_list("starts_on", flat=True).first()
    pending = [p for p in parties if p.status != "accepted"]
    return {"version": version, "parties": parties, "pending": pending, "accepted": len(parties) - len(pending),
            "starts_on": first_start, "late": first_start is not None and timezone.localdate() >= first_start}


def fellows_overview(programme: Programme, academic_year: int) -> list[dict]:
    """Each fellow: sessions assigned and delivered, training half-days against the expectation, hours."""
    start, end = _year_bounds(academic_year)
    fellows = {role.user_id: role.user for role in ProgrammeRole.objects.filter(
        consortium_id=programme.consortium_id, programme=programme, role="visiting_fellow",
        ended_at__isnull=True).select_related("user")}
    assigned = defaultdict(int)
    delivered = defaultdict(int)
    for fellow_id, delivered_at in FacilitationAssignment.objects.filter(
            consortium_id=programme.consortium_id, event__cohort__programme=programme, state="assigned",
            event__starts_at__date__gte=start, event__starts_at__date__lte=end).values_list(
            "fellow_id", "delivered_at"):
        assigned[fellow_id] += 1
        delivered[fellow_id] += delivered_at is not None
    training = defaultdict(int)
    for fellow_id, half_days in TrainingAttendance.objects.filter(
            consortium_id=programme.consortium_id, training_day__programme=programme, attended=True,
            training_day__on__gte=start, training_day__on__lte=end).values_list(
            "fellow_id", "training_day__half_days"):
        training[fellow_id] += half_days
    minutes = defaultdict(int)
    for fellow_id, value in FacilitationRecord.objects.filter(
            consortium_id=programme.consortium_id, programme=programme, on__gte=start, on__lte=end).exclude(
            state="void").values_list("fellow_id", "minutes"):
        minutes[fellow_id] += value
    rows = []
    for pk, user in sorted(fellows.items(), key=lambda item: (item[1].full_name, item[1].email)):
        rows.append({"fellow": user, "assigned": assigned[pk], "delivered": delivered[pk],
                     "training_half_days": training[pk], "training_days": _days(training[pk]),
                     "training_met": training[pk] >= rules.TRAINING_HALF_DAYS_EXPECTED,
                     "hours": rules.hours(minutes[pk])})
    return rows


def _days(half_days: int) -> str:
    whole, half = divmod(half_days, 2)
    return f"{whole}.5" if half else str(whole)


def _year_bounds(year: int):
    import datetime as dt

    return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)


def facilitation_records(programme: Programme) -> QuerySet[FacilitationRecord]:
    return (FacilitationRecord.objects.filter(consortium_id=programme.consortium_id, programme=programme)
            .select_related("fellow", "employer", "assignment__event", "briefing__event", "training_day", "payment")
            .order_by("-on", "pk"))


def payable_facilitation_records(programme: Programme) -> QuerySet[FacilitationRecord]:
    """Approved, with an employer to pay, and on no payment (a cancelled payment lets go of its records)."""
    return (FacilitationRecord.objects.filter(consortium_id=programme.consortium_id, programme=programme,
                                              state=FacilitationRecord.State.APPROVED, employer__isnull=False,
                                              payment__isnull=True)
            .select_related("fellow", "employer").order_by("on", "pk"))


def payable_employers(records: QuerySet[FacilitationRecord]) -> list[dict]:
    """Each school or trust owed for approved records: how many, and the minutes, in one query."""
    from django.db.models import Sum

    return list(records.order_by().values("employer_id", "employer__name")
                .annotate(count=Count("pk"), minutes=Sum("minutes")).order_by("employer__name"))


def training_days(programme: Programme):
    from ..models import TrainingDay

    return TrainingDay.objects.filter(consortium_id=programme.consortium_id, programme=programme).annotate(
        attended_count=Count("attendance", filter=Q(attendance__attended=True))).order_by("-on")
