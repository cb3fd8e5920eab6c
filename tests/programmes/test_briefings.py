"""Visiting fellows' timings: content three weeks before, a briefing one to two weeks before,
lasting at most 90 minutes; the system refuses a briefing outside those bounds."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from programmes import rules, services

from .conftest import event_on, london

SESSION = london(dt.date(2027, 3, 15), 16)


def briefing_days_before(days: int, minutes: int = 60) -> dict:
    return rules.briefing_problems(briefing_starts_at=SESSION - dt.timedelta(days=days),
                                   event_starts_at=SESSION, duration_minutes=minutes)


@pytest.mark.parametrize("days,allowed", [(6, False), (7, True), (14, True), (15, False)])
def test_a_briefing_is_one_to_two_weeks_before_the_session(days, allowed):
    assert (briefing_days_before(days) == {}) is allowed


@pytest.mark.parametrize("minutes,allowed", [(90, True), (91, False)])
def test_a_briefing_lasts_at_most_90_minutes(minutes, allowed):
    assert ("duration_minutes" not in briefing_days_before(10, minutes)) is allowed


def test_days_are_counted_on_uk_dates_across_the_clock_change():
    # Sunday 28 March 2027 the clocks go forward: a briefing at 08:00 seven days before is 7 days.
    session = london(dt.date(2027, 3, 30), 9)
    briefing = london(dt.date(2027, 3, 23), 8)

    assert rules.briefing_days_before(briefing_starts_at=briefing, event_starts_at=session) == 7


def test_content_is_released_three_weeks_before_the_session():
    assert rules.content_release_on(SESSION) == dt.date(2027, 2, 22)


@pytest.mark.django_db
@pytest.mark.parametrize("days,minutes", [(6, 60), (15, 60), (10, 91)])
def test_the_service_refuses_a_briefing_outside_the_bounds(ect_cohort, days, minutes):
    event = event_on(ect_cohort, SESSION)

    with pytest.raises(ValidationError):
        services.briefing_schedule(event=event, starts_at=SESSION - dt.timedelta(days=days),
                                   duration_minutes=minutes, online_link="https://teams.example/b", by=None)


@pytest.mark.django_db
@pytest.mark.parametrize("days,minutes", [(7, 90), (14, 30)])
def test_the_service_keeps_a_briefing_inside_the_bounds(ect_cohort, days, minutes):
    event = event_on(ect_cohort, SESSION)

    briefing = services.briefing_schedule(event=event, starts_at=SESSION - dt.timedelta(days=days),
                                          duration_minutes=minutes, online_link="https://teams.example/b", by=None)

    assert briefing.pk


@pytest.mark.django_db
def test_the_briefing_form_shows_the_rule_beside_the_field(client, consortium_admin, ect_cohort):
    event = event_on(ect_cohort, SESSION)
    client.force_login(consortium_admin)

    response = client.post(f"/{ect_cohort.consortium.slug}/programmes/events/{event.pk}/briefing/", {
        "date": (SESSION - dt.timedelta(days=6)).date().isoformat(), "start_time": "16:00",
        "duration_minutes": "91", "online_link": "https://teams.example/b"})

    assert response.status_code == 400
    assert "this is 6 days before" in response.content.decode()
    assert "at most 90 minutes" in response.content.decode()
