"""The cohort register, engagement dashboard, cohort page and a participant's page cost the same
number of queries for 10 participants as for 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .bulk import add_events, add_participants, attend
from .conftest import enrol, future, past

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.fixture
def cohort_with(npq_cohort, schools):
    """A cohort with 10 participants, six events held and four to come; grows on request."""
    events = add_events(npq_cohort, [past(d) for d in (60, 50, 40, 30, 20, 10)] + [future(d) for d in (5, 15, 25, 35)])
    held = events[:6]
    first = add_participants(npq_cohort, schools[0], 10)
    attend(held, first, skip_every=3)

    def grow():
        more = add_participants(npq_cohort, schools[1], 490, start=10)
        attend(held, more, skip_every=3)
        return more

    return npq_cohort, held, first, grow


@pytest.mark.parametrize("page", ["register", "engagement", "cohort", "participant"])
def test_the_page_costs_the_same_for_10_and_500_participants(client, consortium_admin, cohort_with, page):
    cohort, held, first, grow = cohort_with
    slug = cohort.consortium.slug
    url = {"register": reverse("programme_register", args=[slug, held[-1].pk]),
           "engagement": reverse("programme_engagement", args=[slug, cohort.pk]),
           "cohort": reverse("programme_cohort", args=[slug, cohort.pk]),
           "participant": reverse("programme_enrolment", args=[slug, first[0].pk])}[page]
    client.force_login(consortium_admin)
    client.get(url)  # warm the per-process caches (content types, translations)

    small = queries(client, url)
    grow()
    big = queries(client, url)

    assert big == small, f"{page}: {small} queries for 10 participants, {big} for 500"


def test_the_engagement_dashboard_shows_every_participants_figure(client, consortium_admin, cohort_with):
    cohort, _held, _first, grow = cohort_with
    grow()
    client.force_login(consortium_admin)

    page = client.get(reverse("programme_engagement", args=[cohort.consortium.slug, cohort.pk])).content.decode()

    # Every third participant missed one of six held events: 5/6 is below 90%, but with four to come
    # (5 + 4) / 10 is exactly 90%, so they can still reach it.
    assert "168 below the threshold" in page
    assert "0 cannot reach the threshold" in page
    assert "332 on track" in page


def test_the_participant_page_is_flat_in_the_number_of_events(client, npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=past(90).date())
    events = add_events(npq_cohort, [past(80), past(70)])
    attend(events, [enrolment])
    client.force_login(enrolment.user)
    url = reverse("programme_enrolment", args=[npq_cohort.consortium.slug, enrolment.pk])
    client.get(url)

    few = queries(client, url)
    attend(add_events(npq_cohort, [past(d) for d in range(60, 20, -1)]), [enrolment])
    many = queries(client, url)

    assert many == few
