"""Engagement: required elements completed out of those held, compared exactly, never in floats."""

import datetime as dt
from fractions import Fraction

import pytest

from programmes import rules, services
from programmes.selectors.engagement import engagement_for

from .conftest import enrol, event_on, future, past


def test_nine_of_ten_is_exactly_ninety_percent_and_meets_the_npq_threshold():
    figure = rules.engagement(completed=9, held=10, remaining=0, threshold_percent=90)

    assert figure.share == Fraction(9, 10)
    assert not figure.below


def test_just_under_ninety_percent_is_below_the_threshold():
    figure = rules.engagement(completed=899, held=1000, remaining=0, threshold_percent=90)

    assert figure.below
    assert figure.percent == 89


def test_eight_of_nine_is_below_ninety_percent():
    assert rules.engagement(completed=8, held=9, remaining=0, threshold_percent=90).below


def test_a_share_that_floats_would_misjudge_is_compared_exactly():
    # 0.1 * 3 in binary floating point is 0.30000000000000004; 27 of 90 is exactly 30%.
    figure = rules.engagement(completed=27, held=90, remaining=0, threshold_percent=30)

    assert figure.share == Fraction(3, 10)
    assert not figure.below


def test_reachable_counts_every_event_still_to_come():
    figure = rules.engagement(completed=7, held=9, remaining=11, threshold_percent=90)

    assert figure.reachable == Fraction(18, 20)
    assert not figure.unreachable
    assert figure.still_needed == 11


def test_one_miss_too_many_can_no_longer_reach_the_threshold():
    figure = rules.engagement(completed=6, held=9, remaining=10, threshold_percent=90)

    assert figure.reachable == Fraction(16, 19)
    assert figure.unreachable
    assert figure.state == "unreachable"


def test_before_any_event_is_held_there_is_no_share():
    figure = rules.engagement(completed=0, held=0, remaining=5, threshold_percent=90)

    assert figure.share is None
    assert figure.state == "not_started"
    assert not figure.at_risk


@pytest.mark.django_db
def test_only_attended_and_confirmed_catch_ups_count(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=past(90).date())
    attended, caught_up, claimed, absent = (
        event_on(npq_cohort, past(days), recording_url="https://rec.example/1") for days in (40, 30, 20, 10))
    services.attendance_mark(event=attended, enrolment=enrolment, state="attended", by=None)
    for event in (caught_up, claimed, absent):
        services.attendance_mark(event=event, enrolment=enrolment, state="absent", by=None)
    confirmed = services.catch_up_claim(event=caught_up, user=enrolment.user, note="Watched it all")
    services.catch_up_decide(attendance=confirmed, by=None, accept=True)
    services.catch_up_claim(event=claimed, user=enrolment.user, note="Watched it all")

    figure = engagement_for([enrolment])[enrolment.pk]

    assert (figure.completed, figure.held) == (2, 4)


@pytest.mark.django_db
def test_events_while_deferred_are_not_required(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=past(90).date())
    before, during, after = (event_on(npq_cohort, past(days)) for days in (60, 40, 10))
    services.attendance_mark(event=before, enrolment=enrolment, state="attended", by=None)
    services.status_change_record(enrolment=enrolment, kind="deferred", effective_on=past(50).date(),
                                  reason="parental-leave", by=None)
    services.status_change_record(enrolment=enrolment, kind="resumed", effective_on=past(20).date(), by=None)
    services.attendance_mark(event=after, enrolment=enrolment, state="attended", by=None)

    figure = engagement_for([enrolment])[enrolment.pk]

    assert (figure.completed, figure.held) == (2, 2)
    assert during.pk  # held while they were deferred: not one of the two


@pytest.mark.django_db
def test_events_before_the_participant_started_are_not_required(npq_cohort, schools):
    event_on(npq_cohort, past(40))
    enrolment = enrol(npq_cohort, schools[0], started_on=past(30).date())
    later = event_on(npq_cohort, past(10))
    services.attendance_mark(event=later, enrolment=enrolment, state="attended", by=None)

    figure = engagement_for([enrolment])[enrolment.pk]

    assert (figure.completed, figure.held) == (1, 1)


@pytest.mark.django_db
def test_a_withdrawn_participant_has_nothing_still_to_come(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=past(30).date())
    event_on(npq_cohort, future(10))
    services.status_change_record(enrolment=enrolment, kind="withdrawn", effective_on=past(1).date(),
                                  reason="change-in-career", by=None)

    figure = engagement_for([enrolment])[enrolment.pk]

    assert figure.remaining == 0


@pytest.mark.django_db
def test_events_that_do_not_count_or_are_for_another_role_are_left_out(ect_cohort, schools):
    ect = enrol(ect_cohort, schools[0], role="ect", started_on=past(30).date())
    event_on(ect_cohort, past(10), kind="coaching_on_coaching", audience="mentors")
    event_on(ect_cohort, past(9), kind="conference", counts_for_engagement=False)
    counted = event_on(ect_cohort, past(8), kind="clinic", audience="ects")

    figure = engagement_for([ect])[ect.pk]

    assert figure.held == 1
    assert counted.counts_for_engagement


@pytest.mark.django_db
def test_the_participants_page_says_what_they_still_need(client, npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=past(30).date())
    held = event_on(npq_cohort, past(10))
    services.attendance_mark(event=held, enrolment=enrolment, state="attended", by=None)
    for days in range(5, 15):
        event_on(npq_cohort, future(days))
    client.force_login(enrolment.user)

    page = client.get(f"/{npq_cohort.consortium.slug}/programmes/enrolments/{enrolment.pk}/").content.decode()

    # 11 required in all; 90% of 11 is 9.9, so 10 must be completed: 9 more.
    assert "1 of 1 required events held so far" in page
    assert "complete at least 9 more required events" in page


def test_minutes_are_shown_as_hours_to_the_hundredth():
    assert (rules.hours(90), rules.hours(50), rules.hours(360)) == ("1.50", "0.83", "6.00")


def test_the_share_is_rounded_down_for_display_so_just_under_never_shows_as_the_threshold():
    assert rules.engagement(completed=8999, held=10000, remaining=0, threshold_percent=90).percent == 89
    assert dt.date  # the module's dates are Europe/London throughout
