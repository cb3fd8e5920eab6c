"""Visiting fellows: assignment, content release, pre-reading, briefing attendance, delivery,
QA feedback, training against the two-day expectation, and facilitation records to pay."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consortia.models import OutboundEmail
from partnerships.services import employment_change
from programmes import rules, services
from programmes.models import FacilitationRecord
from programmes.selectors.programmes import fellows_overview

from ..factories import UserFactory
from .conftest import event_on, future, london, past

pytestmark = pytest.mark.django_db


@pytest.fixture
def fellow(ect_programme, trust):
    person = UserFactory(email="fellow@trust.example")
    services.programme_role_grant(programme=ect_programme, user=person, role="visiting_fellow")
    employment_change(consortium=ect_programme.consortium, user=person, organisation=trust,
                      started_on=dt.date(2020, 9, 1))
    return person


def test_only_a_visiting_fellow_of_the_programme_can_be_assigned(ect_cohort):
    with pytest.raises(ValidationError, match="not a visiting fellow"):
        services.fellow_assign(event=event_on(ect_cohort, future(40)), fellow=UserFactory())


def test_content_is_released_three_weeks_before_and_the_fellow_is_told_once(ect_cohort, fellow):
    event = event_on(ect_cohort, future(30))
    assignment = services.fellow_assign(event=event, fellow=fellow)
    release_day = rules.content_release_on(event.starts_at)
    day_before = london(release_day - dt.timedelta(days=1), 7)

    assert services.content_release_due(now=day_before) == 0
    assert services.content_release_due(now=london(release_day, 7)) == 1
    assert services.content_release_due(now=london(release_day, 8)) == 0
    assignment.refresh_from_db()
    assert assignment.content_released_at is not None
    assert OutboundEmail.objects.filter(purpose="programme_content_released", recipient=fellow.email).count() == 1


def test_assigned_within_three_weeks_the_content_goes_at_once(ect_cohort, fellow):
    assignment = services.fellow_assign(event=event_on(ect_cohort, future(10)), fellow=fellow)

    assert assignment.content_released_at is not None or type(assignment).objects.get(
        pk=assignment.pk).content_released_at is not None


def test_pre_reading_waits_for_the_content(ect_cohort, fellow):
    assignment = services.fellow_assign(event=event_on(ect_cohort, future(40)), fellow=fellow)

    with pytest.raises(ValidationError, match="not been released"):
        services.pre_reading_confirm(assignment=assignment, user=fellow)


def test_delivery_makes_one_record_paid_to_the_employer_on_the_day(ect_cohort, fellow, trust, schools):
    event = event_on(ect_cohort, past(10))
    employment_change(consortium=ect_cohort.consortium, user=fellow, organisation=schools[0],
                      started_on=timezone.localdate() - dt.timedelta(days=5))
    assignment = services.fellow_assign(event=event, fellow=fellow)

    record = services.delivery_record(assignment=assignment, by=None)
    again = services.delivery_record(assignment=assignment, by=None)

    assert record.pk == again.pk
    assert (record.kind, record.minutes, record.employer, record.on) == (
        "session", 60, trust, rules.local_date(event.starts_at))


def test_attending_a_briefing_is_a_record_of_its_length(ect_cohort, fellow):
    event = event_on(ect_cohort, past(1))
    assignment = services.fellow_assign(event=event, fellow=fellow)
    briefing = services.briefing_schedule(event=event, starts_at=event.starts_at - dt.timedelta(days=10),
                                          duration_minutes=75, online_link="https://teams.example/b", by=None)

    services.briefing_attendance_record(briefing=briefing, fellow=fellow, attended=True, by=None)

    record = FacilitationRecord.objects.get(briefing=briefing)
    assert (record.minutes, record.hours, record.fellow) == (75, "1.25", assignment.fellow)


def test_a_briefing_marked_missed_voids_its_pending_record(ect_cohort, fellow):
    event = event_on(ect_cohort, past(1))
    services.fellow_assign(event=event, fellow=fellow)
    briefing = services.briefing_schedule(event=event, starts_at=event.starts_at - dt.timedelta(days=10),
                                          duration_minutes=60, online_link="https://teams.example/b", by=None)
    services.briefing_attendance_record(briefing=briefing, fellow=fellow, attended=True, by=None)

    services.briefing_attendance_record(briefing=briefing, fellow=fellow, attended=False, by=None)

    assert FacilitationRecord.objects.get(briefing=briefing).state == "void"


def test_training_is_counted_against_two_days_a_year(ect_programme, fellow):
    year = rules.academic_year_of(timezone.localdate())
    start = dt.date(year, 9, 1)
    full = services.training_day_save(programme=ect_programme, title="Initial", on=start, half_days=2)
    half = services.training_day_save(programme=ect_programme, title="Top-up", on=start + dt.timedelta(days=1),
                                      half_days=1)
    services.training_attendance_record(training_day=full, fellow=fellow, attended=True, by=None)
    services.training_attendance_record(training_day=half, fellow=fellow, attended=True, by=None)

    row = fellows_overview(ect_programme, year)[0]

    assert (row["training_days"], row["training_met"]) == ("1.5", False)
    assert FacilitationRecord.objects.filter(training_day__in=[full, half]).count() == 2


def test_a_record_without_an_employer_cannot_be_approved(ect_cohort, ect_programme):
    person = UserFactory()
    services.programme_role_grant(programme=ect_programme, user=person, role="visiting_fellow")
    assignment = services.fellow_assign(event=event_on(ect_cohort, past(3)), fellow=person)
    record = services.delivery_record(assignment=assignment, by=None)

    with pytest.raises(ValidationError, match="employing school or trust"):
        services.facilitation_record_decide(record=record, by=None, approve=True)


def test_the_hub_exports_the_records_for_payment(client, consortium_admin, ect_programme, ect_cohort, fellow):
    assignment = services.fellow_assign(event=event_on(ect_cohort, past(3)), fellow=fellow)
    services.delivery_record(assignment=assignment, by=None)
    client.force_login(consortium_admin)

    response = client.get(f"/{ect_programme.consortium.slug}/programmes/{ect_programme.pk}/fellows/?format=csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert [(r["fellow_email"], r["employer"], r["kind"], r["minutes"], r["hours"]) for r in rows] == [
        ("fellow@trust.example", "Exceed Academies Trust", "session", "60", "1.00")]


def test_qa_feedback_is_shared_with_the_fellow(ect_cohort, fellow, consortium_admin):
    assignment = services.fellow_assign(event=event_on(ect_cohort, past(3)), fellow=fellow)

    services.qa_observation_record(assignment=assignment, observer=consortium_admin,
                                   observed_on=timezone.localdate(), feedback="Clear modelling of the technique.")

    assert OutboundEmail.objects.filter(purpose="programme_qa_feedback", recipient=fellow.email).exists()


def test_a_fellow_sees_their_sessions_and_can_take_the_register(client, ect_cohort, fellow, schools):
    from .conftest import enrol

    participant = enrol(ect_cohort, schools[0], role="ect", started_on=past(30).date())
    event = event_on(ect_cohort, past(0, hour=0))
    services.fellow_assign(event=event, fellow=fellow)
    client.force_login(fellow)

    mine = client.get(f"/{ect_cohort.consortium.slug}/programmes/me/").content.decode()
    marked = client.post(f"/{ect_cohort.consortium.slug}/programmes/events/{event.pk}/register/",
                         {"enrolment": participant.pk, "state": "attended"})

    assert event.title in mine
    assert marked.status_code == 302
