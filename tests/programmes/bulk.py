"""Many participants at once, for query-count tests and the benchmark: real rows, bulk-created.

Creating hundreds through the services would make the test slow without testing anything
more: the pages read these rows exactly as they read rows the services write.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from consortia.models import Membership
from programmes.models import Attendance, Enrolment, EnrolmentStatusChange, Event, SchoolPeriod


def add_participants(cohort, school, count: int, *, start: int = 0, role: str | None = None) -> list[Enrolment]:
    role = role or ("npq_participant" if cohort.programme.is_npq else "ect")
    consortium_id = cohort.consortium_id
    users = get_user_model().objects.bulk_create([
        get_user_model()(email=f"p{start + i}.c{cohort.pk}@bulk.example", full_name=f"Participant {start + i:05d}")
        for i in range(count)])
    Membership.objects.bulk_create([Membership(consortium_id=consortium_id, user=u) for u in users])
    enrolments = Enrolment.objects.bulk_create([
        Enrolment(consortium_id=consortium_id, cohort=cohort, user=u, role=role, started_on=cohort.starts_on)
        for u in users])
    EnrolmentStatusChange.objects.bulk_create([
        EnrolmentStatusChange(consortium_id=consortium_id, enrolment=e, kind="enrolled", status="active",
                              effective_on=cohort.starts_on, school=school) for e in enrolments])
    SchoolPeriod.objects.bulk_create([
        SchoolPeriod(consortium_id=consortium_id, enrolment=e, user_id=e.user_id, role=role, school=school,
                     started_on=cohort.starts_on) for e in enrolments])
    return enrolments


def add_events(cohort, starts: list[dt.datetime]) -> list[Event]:
    return Event.objects.bulk_create([
        Event(consortium_id=cohort.consortium_id, cohort=cohort, kind="clinic", title=f"Clinic {i + 1}",
              starts_at=when, ends_at=when + dt.timedelta(hours=1), venue="Hub", counts_for_engagement=True)
        for i, when in enumerate(starts)])


def attend(events, enrolments, *, skip_every: int = 0) -> None:
    """Everyone attends every event, except every `skip_every`-th participant misses the first."""
    rows = []
    for n, enrolment in enumerate(enrolments):
        for index, event in enumerate(events):
            missed = skip_every and n % skip_every == 0 and index == 0
            rows.append(Attendance(consortium_id=enrolment.consortium_id, event=event, enrolment=enrolment,
                                   state="absent" if missed else "attended"))
    Attendance.objects.bulk_create(rows, batch_size=5000)
