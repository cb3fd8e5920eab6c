"""Mentors and induction tutors report staffing changes; the hub acts on them, dated as reported."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import escape

from programmes import services
from programmes.models import StaffingChange
from programmes.selectors.enrolments import with_status

from ..factories import UserFactory
from .conftest import enrol

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def pair(ect_cohort, schools):
    mentor = enrol(ect_cohort, schools[0], role="mentor", started_on=TODAY - dt.timedelta(days=60))
    ect = enrol(ect_cohort, schools[0], role="ect", started_on=TODAY - dt.timedelta(days=60), mentor=mentor)
    return mentor, ect


def test_a_mentor_reports_a_leave_of_absence_and_the_hub_defers_from_the_reported_date(pair, ect_programme, lead):
    mentor, ect = pair
    reported_on = TODAY - dt.timedelta(days=20)
    change = services.staffing_change_report(programme=ect_programme, reporter=mentor.user, kind="leave_of_absence",
                                             enrolment=ect, effective_on=reported_on,
                                             returns_on=TODAY + dt.timedelta(days=40))

    services.staffing_change_act(change=change, by=lead, action="defer", reason="long_term_sickness")

    change.refresh_from_db()
    assert change.state == "actioned" and change.status_change.effective_on == reported_on
    assert with_status(type(ect).objects.filter(pk=ect.pk), reported_on).get().status == "deferred"


def test_acting_twice_on_one_report_is_refused(pair, ect_programme, lead):
    mentor, ect = pair
    change = services.staffing_change_report(programme=ect_programme, reporter=mentor.user, kind="leaving",
                                             enrolment=ect, effective_on=TODAY)
    services.staffing_change_act(change=change, by=lead, action="dismiss", note="Staying after all")

    with pytest.raises(ValidationError, match="already been dealt with"):
        services.staffing_change_act(change=change, by=lead, action="withdraw", reason="moved_school")


def test_a_tutor_cannot_report_on_another_schools_participant(ect_programme, ect_cohort, schools):
    tutor = UserFactory()
    services.programme_role_grant(programme=ect_programme, user=tutor, role="induction_tutor",
                                  organisation=schools[0])
    other = enrol(ect_cohort, schools[1], role="ect")

    with pytest.raises(ValidationError, match="participant you support"):
        services.staffing_change_report(programme=ect_programme, reporter=tutor, kind="leaving", enrolment=other,
                                        effective_on=TODAY)


def test_a_participant_cannot_report_staffing_changes(ect_programme, pair):
    _mentor, ect = pair

    with pytest.raises(PermissionDenied):
        services.staffing_change_report(programme=ect_programme, reporter=ect.user, kind="leaving", enrolment=ect,
                                        effective_on=TODAY)


def test_a_mentor_change_gives_the_ect_their_new_mentor_from_the_date(pair, ect_programme, ect_cohort, schools, lead):
    mentor, ect = pair
    new_mentor = enrol(ect_cohort, schools[0], role="mentor")
    change = services.staffing_change_report(programme=ect_programme, reporter=mentor.user, kind="mentor_change",
                                             enrolment=ect, effective_on=TODAY, person_name="New Mentor")

    services.staffing_change_act(change=change, by=lead, action="mentor", mentor=new_mentor)

    assert list(ect.mentorships.filter(finished_on__isnull=True).values_list("mentor", flat=True)) == [new_mentor.pk]


def test_the_hub_enrols_someone_reported_as_joining(pair, ect_programme, ect_cohort, schools, lead):
    mentor, _ect = pair
    change = services.staffing_change_report(programme=ect_programme, reporter=mentor.user, kind="joining",
                                             school=schools[0], effective_on=TODAY, person_name="Nia New",
                                             person_email="nia@school.example")

    services.staffing_change_act(change=change, by=lead, action="enrol", cohort=ect_cohort, role="ect")

    assert ect_cohort.enrolments.filter(user__email="nia@school.example", role="ect").exists()


def test_the_queue_page_lists_open_reports_for_the_hub(client, pair, ect_programme, lead):
    mentor, ect = pair
    services.staffing_change_report(programme=ect_programme, reporter=mentor.user, kind="leaving", enrolment=ect,
                                    effective_on=TODAY)
    client.force_login(lead)

    page = client.get(f"/{ect_programme.consortium.slug}/programmes/{ect_programme.pk}/staffing/").content.decode()

    assert escape(ect.user.get_full_name()) in page and "Leaving" in page
    assert StaffingChange.objects.get().state == "open"


def test_a_mentor_reports_through_the_form(client, pair, ect_programme):
    mentor, ect = pair
    client.force_login(mentor.user)

    response = client.post(f"/{ect_programme.consortium.slug}/programmes/{ect_programme.pk}/staffing/report/", {
        "kind": "leaving", "enrolment": ect.pk, "effective_on": TODAY.isoformat()})

    assert response.status_code == 302
    assert StaffingChange.objects.get().reported_by == mentor.user
