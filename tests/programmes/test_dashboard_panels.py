"""The programmes panels on the consortium dashboard: each person sees what is theirs to do next."""

import pytest
from django.urls import reverse

from programmes import services

from .conftest import enrol, event_on, future, past
from .test_pages import world  # noqa: F401 (the pages' world: a cohort, its people, events and a fellow)

pytestmark = pytest.mark.django_db


def dashboard(client, person, consortium):
    client.force_login(person)
    return client.get(reverse("dashboard", args=[consortium.slug])).content.decode()


def test_an_ect_sees_their_next_events_and_their_engagement(client, world):  # noqa: F811
    services.event_save(cohort=world["ect_cohort"], by=None, kind="clinic", title="Behaviour clinic",
                        starts_at=future(3), ends_at=future(3, hour=17), venue="Hub")

    page = dashboard(client, world["ect"].user, world["ect_programme"].consortium)

    assert "My next events" in page and "Behaviour clinic" in page
    assert "My engagement" in page


def test_an_event_already_held_is_not_among_the_next(client, world):  # noqa: F811
    event_on(world["ect_cohort"], past(1), title="Induction conference")

    page = dashboard(client, world["ect"].user, world["ect_programme"].consortium)

    assert "Induction conference" not in page


def test_a_fellow_sees_the_sessions_they_facilitate_next(client, world):  # noqa: F811
    session = event_on(world["ect_cohort"], future(20), title="Coaching on coaching")
    services.fellow_assign(event=session, fellow=world["fellow"])

    page = dashboard(client, world["fellow"], world["ect_programme"].consortium)

    assert "My next sessions" in page and "Coaching on coaching" in page


def test_someone_outside_the_programmes_sees_none_of_the_panels(client, world, representative):  # noqa: F811
    page = dashboard(client, representative, world["ect_programme"].consortium)

    assert not any(title in page for title in ("My next events", "My engagement", "My next sessions",
                                               "Participants at risk"))


def test_a_withdrawn_participant_has_no_engagement_panel(client, world, schools):  # noqa: F811
    leaver = enrol(world["npq_cohort"], schools[0], started_on=past(30).date())
    services.status_change_record(enrolment=leaver, kind="withdrawn", reason="personal-reason-moving-school",
                                  effective_on=past(1).date(), by=None)

    page = dashboard(client, leaver.user, world["ect_programme"].consortium)

    assert "My engagement" not in page
