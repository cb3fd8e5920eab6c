"""Where participants work (an ECT at one school at a time, a mentor at several at once), moves
between schools, and a new employer's commitment for an NPQ participant."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from partnerships.models import Employment
from partnerships.services import membership_add, partnership_role_grant
from programmes import services
from programmes.models import EmployerCommitment, SchoolPeriod
from programmes.selectors.enrolments import with_status

from ..factories import UserFactory
from .conftest import enrol

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_an_ect_is_at_one_school_at_a_time(ect_programme, ect_cohort, schools):
    ect = enrol(ect_cohort, schools[0], role="ect")
    second = services.cohort_create(programme=ect_programme, name="Another", starts_on=ect_cohort.starts_on)

    with pytest.raises(ValidationError, match="already an early career teacher"):
        services.enrolment_create(cohort=second, user=ect.user, role="ect", school=schools[1],
                                  started_on=ect_cohort.starts_on)

    assert SchoolPeriod.objects.filter(user=ect.user).count() == 1


def test_a_mentor_mentors_at_several_schools_at_once(ect_cohort, schools):
    mentor = enrol(ect_cohort, schools[0], role="mentor")

    services.mentor_school_add(enrolment=mentor, school=schools[1], started_on=ect_cohort.starts_on)

    assert set(mentor.school_periods.filter(finished_on__isnull=True).values_list("school", flat=True)) == {
        schools[0].pk, schools[1].pk}


def test_a_mentor_is_at_each_school_once(ect_cohort, schools):
    mentor = enrol(ect_cohort, schools[0], role="mentor")

    with pytest.raises(ValidationError, match="already mentor"):
        services.mentor_school_add(enrolment=mentor, school=schools[0], started_on=ect_cohort.starts_on)


def test_a_transfer_closes_one_school_and_opens_the_next_on_the_day(ect_cohort, schools):
    ect = enrol(ect_cohort, schools[0], role="ect", started_on=TODAY - dt.timedelta(days=60))
    move_on = TODAY - dt.timedelta(days=10)

    services.status_change_record(enrolment=ect, kind="transferred", effective_on=move_on, reason="moved_school",
                                  school=schools[1], by=None)

    periods = list(ect.school_periods.order_by("started_on").values_list("school", "started_on", "finished_on"))
    assert periods == [(schools[0].pk, ect.started_on, move_on - dt.timedelta(days=1)), (schools[1].pk, move_on, None)]
    assert with_status(type(ect).objects.filter(pk=ect.pk)).get().school_id == schools[1].pk
    assert with_status(type(ect).objects.filter(pk=ect.pk), move_on - dt.timedelta(days=1)).get().school_id == \
        schools[0].pk


def test_an_employment_stays_one_current_contract(npq_cohort, schools, trust):
    participant = enrol(npq_cohort, schools[0], started_on=TODAY - dt.timedelta(days=30))

    services.status_change_record(enrolment=participant, kind="changed_employer", effective_on=TODAY,
                                  school=trust, by=None)

    current = Employment.objects.filter(user=participant.user, ended_on__isnull=True)
    assert list(current.values_list("organisation", flat=True)) == [trust.pk]


@pytest.fixture
def new_employer_rep(partnership, schools):
    membership_add(partnership=partnership, organisation=schools[1])
    representative = UserFactory(email="head@new-school.example")
    partnership_role_grant(partnership=partnership, user=representative, role="representative",
                           organisation=schools[1])
    return representative


def test_a_new_employer_is_asked_to_commit_and_until_then_it_is_awaited(
        client, npq_cohort, schools, new_employer_rep, django_capture_on_commit_callbacks):
    participant = enrol(npq_cohort, schools[0], started_on=TODAY - dt.timedelta(days=30))

    with django_capture_on_commit_callbacks(execute=True):
        services.status_change_record(enrolment=participant, kind="changed_employer", effective_on=TODAY,
                                      school=schools[1], reason="new_employer", by=None)
    client.force_login(participant.user)
    page = client.get(f"/{npq_cohort.consortium.slug}/programmes/enrolments/{participant.pk}/").content.decode()

    commitment = EmployerCommitment.objects.get(enrolment=participant)
    assert commitment.organisation == schools[1] and not commitment.is_accepted
    assert "Awaiting employer commitment" in page
    assert [m.to for m in mail.outbox if "confirm your support" in m.subject] == [["head@new-school.example"]]


def test_the_new_schools_representative_commits_online(client, npq_cohort, schools, new_employer_rep):
    participant = enrol(npq_cohort, schools[0], started_on=TODAY - dt.timedelta(days=30))
    services.status_change_record(enrolment=participant, kind="changed_employer", effective_on=TODAY,
                                  school=schools[1], by=None)
    commitment = EmployerCommitment.objects.get(enrolment=participant)
    client.force_login(new_employer_rep)

    response = client.post(f"/{npq_cohort.consortium.slug}/programmes/commitments/{commitment.pk}/",
                           {"confirm": "yes"})

    commitment.refresh_from_db()
    assert response.status_code == 302
    assert commitment.accepted_by == new_employer_rep
    assert participant.user.get_full_name() in commitment.text_accepted


def test_someone_who_does_not_represent_the_new_school_cannot_commit_for_it(npq_cohort, schools, new_employer_rep):
    participant = enrol(npq_cohort, schools[0], started_on=TODAY - dt.timedelta(days=30))
    services.status_change_record(enrolment=participant, kind="changed_employer", effective_on=TODAY,
                                  school=schools[1], by=None)
    commitment = EmployerCommitment.objects.get(enrolment=participant)

    with pytest.raises(PermissionDenied):
        services.employer_commitment_accept(commitment=commitment, user=participant.user)


def test_commitment_reminders_go_once_a_week_until_accepted(npq_cohort, schools, new_employer_rep):
    participant = enrol(npq_cohort, schools[0], started_on=TODAY - dt.timedelta(days=30))
    services.status_change_record(enrolment=participant, kind="changed_employer", effective_on=TODAY,
                                  school=schools[1], by=None)
    commitment = EmployerCommitment.objects.get(enrolment=participant)
    now = timezone.now()

    first = services.employer_commitment_request(commitment=commitment, now=now)
    again = services.employer_commitment_request(commitment=commitment, now=now + dt.timedelta(days=3))
    next_week = services.employer_commitment_request(commitment=commitment, now=now + dt.timedelta(days=7))

    assert (first, again, next_week) == (1, 0, 1)
