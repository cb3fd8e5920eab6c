"""Participants at risk, and their induction tutors, are told once per event held while at risk."""

import pytest
from django.utils.html import escape

from consortia.models import OutboundEmail
from programmes import services
from programmes.selectors.me import at_risk_for

from ..factories import UserFactory
from .conftest import enrol, event_on, future, past

pytestmark = pytest.mark.django_db


@pytest.fixture
def term(ect_programme, ect_cohort, schools):
    ect_programme.engagement_threshold = 90
    ect_programme.save()
    missing = enrol(ect_cohort, schools[0], role="ect", started_on=past(60).date())
    keen = enrol(ect_cohort, schools[0], role="ect", started_on=past(60).date())
    elsewhere = enrol(ect_cohort, schools[1], role="ect", started_on=past(60).date())
    held = [event_on(ect_cohort, past(days)) for days in (30, 20, 10)]
    for days in range(5, 40, 5):
        event_on(ect_cohort, future(days))
    for event in held:
        services.attendance_mark(event=event, enrolment=keen, state="attended", by=None)
        services.attendance_mark(event=event, enrolment=elsewhere, state="absent", by=None)
    services.attendance_mark(event=held[0], enrolment=missing, state="attended", by=None)
    tutor = UserFactory(email="tutor@school-a.example")
    services.programme_role_grant(programme=ect_programme, user=tutor, role="induction_tutor",
                                  organisation=schools[0])
    return {"missing": missing, "keen": keen, "elsewhere": elsewhere, "tutor": tutor}


def alerts(purpose):
    return set(OutboundEmail.objects.filter(purpose=purpose).values_list("recipient", "version"))


def test_those_at_risk_and_their_tutor_are_told_and_nobody_else(term, ect_cohort):
    services.cohort_alerts_send(cohort=ect_cohort)

    assert alerts("programme_engagement_alert") == {(term["missing"].user.email, 3), (term["elsewhere"].user.email, 3)}
    assert alerts("programme_engagement_tutor_alert") == {("tutor@school-a.example", 3)}


def test_running_again_tells_nobody_twice(term, ect_cohort):
    services.cohort_alerts_send(cohort=ect_cohort)

    assert services.cohort_alerts_send(cohort=ect_cohort) == 0


def test_the_tutor_sees_only_their_schools_participants_at_risk(term):
    flagged = at_risk_for(term["tutor"], term["tutor"].programme_roles.get().programme.consortium)

    assert [e.pk for e in flagged] == [term["missing"].pk]


def test_the_hub_sees_every_participant_at_risk(term, lead, consortium):
    flagged = at_risk_for(lead, consortium)

    assert {e.pk for e in flagged} == {term["missing"].pk, term["elsewhere"].pk}


def test_the_tutors_dashboard_shows_the_at_risk_panel(client, term, consortium):
    client.force_login(term["tutor"])

    page = client.get(f"/{consortium.slug}/").content.decode()

    assert "Participants at risk" in page
    assert escape(term["missing"].user.get_full_name()) in page
    assert escape(term["elsewhere"].user.get_full_name()) not in page
