"""The programmes REST API: scoped like the pages, read-only, engagement as exact fractions."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from programmes import services

from ..factories import UserFactory
from .conftest import enrol, event_on, future, past

pytestmark = pytest.mark.django_db


def api(user):
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def running(npq_cohort, schools):
    participant = enrol(npq_cohort, schools[0], started_on=past(60).date())
    held = [event_on(npq_cohort, past(d)) for d in (40, 30, 20, 10)]
    for event in held[:3]:
        services.attendance_mark(event=event, enrolment=participant, state="attended", by=None)
    event_on(npq_cohort, future(10))
    services.status_change_record(enrolment=participant, kind="deferred", effective_on=past(5).date(),
                                  reason="bereavement", by=None)
    return participant


def test_enrolments_come_with_their_status_history(lead, running, consortium):
    response = api(lead).get(f"/api/v1/{consortium.slug}/enrolments/")

    row = response.json()["results"][0]
    assert response.status_code == 200
    assert (row["email"], row["status"]) == (running.user.email, "deferred")
    assert [change["kind"] for change in row["status_history"]] == ["enrolled", "deferred"]


def test_engagement_figures_are_exact_fractions(lead, running, consortium, npq_cohort):
    response = api(lead).get(f"/api/v1/{consortium.slug}/cohorts/{npq_cohort.pk}/engagement/")

    figure = response.json()["results"][0]
    # Four held before the deferral, three attended: 3/4 exactly; with one to come, 4/5 at best.
    assert (figure["completed"], figure["held"], figure["share"], figure["threshold"]) == (3, 4, "3/4", "9/10")
    assert (figure["reachable"], figure["state"]) == ("4/5", "unreachable")


def test_events_and_attendance_are_listed_for_the_hub(lead, running, consortium, npq_cohort):
    events = api(lead).get(f"/api/v1/{consortium.slug}/programme-events/?cohort={npq_cohort.pk}").json()
    attendance = api(lead).get(f"/api/v1/{consortium.slug}/programme-attendance/?enrolment={running.pk}").json()

    assert events["count"] == 5
    assert {row["state"] for row in attendance["results"]} == {"attended"}


def test_a_participants_token_cannot_list_the_cohort(running, consortium):
    response = api(running.user).get(f"/api/v1/{consortium.slug}/enrolments/")

    assert response.status_code == 403


def test_another_consortiums_rows_are_404_and_not_listed(other_admin, running, npq_cohort):
    other = api(other_admin)

    assert other.get(f"/api/v1/{npq_cohort.consortium.slug}/enrolments/").status_code == 404
    assert other.get(f"/api/v1/exceed-hub/cohorts/{npq_cohort.pk}/").status_code == 404
    assert other.get("/api/v1/exceed-hub/enrolments/").json()["count"] == 0


def test_an_induction_tutor_lists_only_their_schools_participants(npq_programme, npq_cohort, schools, consortium):
    ours, theirs = enrol(npq_cohort, schools[0]), enrol(npq_cohort, schools[1])
    tutor = UserFactory()
    services.programme_role_grant(programme=npq_programme, user=tutor, role="induction_tutor",
                                  organisation=schools[0])

    rows = api(tutor).get(f"/api/v1/{consortium.slug}/enrolments/").json()["results"]

    assert [row["id"] for row in rows] == [ours.pk]
    assert theirs.pk not in [row["id"] for row in rows]


def test_the_api_is_read_only(lead, running, consortium):
    response = api(lead).post(f"/api/v1/{consortium.slug}/enrolments/", {"cohort": 1})

    assert response.status_code == 405


@pytest.mark.parametrize("prefix,key", [("programmes", "programme"), ("cohorts", "cohort"),
                                        ("enrolments", "enrolment"), ("programme-events", "event"),
                                        ("programme-attendance", "attendance"), ("cohorts", "engagement")])
def test_another_consortiums_row_under_my_address_is_404_on_every_endpoint(consortium_admin, consortium,
                                                                          other_consortium, other_partnership,
                                                                          prefix, key):
    from ..factories import OrganisationFactory
    from .conftest import npq_cohort_for

    programme = services.programme_create(consortium=other_consortium, kind="npq", name="Theirs",
                                          partnership=other_partnership)
    services.npq_courses_ensure(consortium=other_consortium)
    cohort = npq_cohort_for(programme, "npq-headship")
    enrolment = enrol(cohort, OrganisationFactory(consortium=other_consortium), started_on=past(10).date())
    event = event_on(cohort, past(1))
    attendance = services.attendance_mark(event=event, enrolment=enrolment, state="attended", by=None)
    rows = {"programme": programme, "cohort": cohort, "enrolment": enrolment, "event": event,
            "attendance": attendance, "engagement": cohort}
    suffix = "engagement/" if key == "engagement" else ""

    response = api(consortium_admin).get(f"/api/v1/{consortium.slug}/{prefix}/{rows[key].pk}/{suffix}")

    assert response.status_code == 404
