"""Milestone lateness is derived on the day it is read, at its boundaries (no database)."""

import datetime as dt

from programmes.rules_ite import milestone_lateness

BASELINE = dt.date(2027, 3, 31)


def test_on_its_baseline_day_a_milestone_not_achieved_is_due_not_late():
    assert milestone_lateness(BASELINE, None, None, BASELINE) == {"state": "due", "days": 0}


def test_the_day_after_its_baseline_it_is_one_day_overdue():
    assert milestone_lateness(BASELINE, None, None, BASELINE + dt.timedelta(days=1)) == {"state": "overdue", "days": 1}


def test_before_its_baseline_a_forecast_that_slips_makes_it_late_by_the_slip():
    today = BASELINE - dt.timedelta(days=10)

    assert milestone_lateness(BASELINE, BASELINE + dt.timedelta(days=5), None, today) == {
        "state": "forecast_late", "days": 5}
    assert milestone_lateness(BASELINE, BASELINE, None, today) == {"state": "on_track", "days": 0}


def test_overdue_counts_the_later_of_today_and_the_forecast():
    today = BASELINE + dt.timedelta(days=3)

    assert milestone_lateness(BASELINE, BASELINE + dt.timedelta(days=20), None, today) == {
        "state": "overdue", "days": 20}


def test_achieved_on_the_baseline_is_on_time_and_a_day_after_is_a_day_late():
    later = BASELINE + dt.timedelta(days=400)

    assert milestone_lateness(BASELINE, None, BASELINE, later) == {"state": "achieved", "days": 0}
    assert milestone_lateness(BASELINE, None, BASELINE + dt.timedelta(days=1), later) == {
        "state": "achieved_late", "days": 1}
    assert milestone_lateness(BASELINE, None, BASELINE - dt.timedelta(days=9), later) == {
        "state": "achieved", "days": 0}
