"""The programmes section of the annual report, for a year in progress and a finished one."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes import report, services
from reporting.sections import ReportYear

from .bulk import add_events, add_participants, attend
from .conftest import enrol, event_on, london, npq_cohort_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(npq_programme, schools):
    """A 2024/25 specialist cohort, over: one passed and completed, one withdrawn, one who missed events."""
    cohort = npq_cohort_for(npq_programme, "npq-leading-teaching", dt.date(2024, 9, 1))
    passed, withdrawn, missing = (enrol(cohort, schools[0]) for _ in range(3))
    events = [event_on(cohort, london(dt.date(2024, 10, 1) + dt.timedelta(days=28 * i))) for i in range(10)]
    for event in events:
        services.attendance_mark(event=event, enrolment=passed, state="attended", by=None)
    for event in events[:5]:
        services.attendance_mark(event=event, enrolment=missing, state="attended", by=None)
    services.status_change_record(enrolment=withdrawn, kind="withdrawn", effective_on=dt.date(2024, 11, 1),
                                  reason="change-in-career", by=None)
    window = services.assessment_window_save(cohort=cohort, title="Summer 2025", opens_on=dt.date(2025, 6, 1),
                                             closes_on=dt.date(2025, 6, 14))
    attempt = services.assessment_register(enrolment=passed, window=window, by=None)
    services.assessment_record(attempt=attempt, state="submitted", by=None, on=dt.date(2025, 6, 5))
    services.assessment_record(attempt=attempt, state="passed", by=None, on=dt.date(2025, 7, 20))
    services.status_change_record(enrolment=passed, kind="completed", effective_on=dt.date(2025, 7, 20), by=None)
    return cohort


def test_a_finished_year_counts_status_engagement_and_pass_rates(partnership, last_year):
    data = report.gather(partnership, ReportYear(2024))

    row = next(r for r in data["programmes"] if r["programme"].pk == last_year.programme_id)
    assert row["counts"] == {"active": 1, "deferred": 0, "withdrawn": 1, "completed": 1}
    assert (row["completion_rate"], row["pass_rate"]) == (Decimal(1) / Decimal(3), 1)
    assert data["bands"] == {"met": 0, "near": 0, "far": 1, "none": 0}  # 5 of 10, the one still active


def test_a_year_in_progress_counts_only_what_has_happened_by_today(partnership, npq_programme, schools):
    from django.utils import timezone

    today = timezone.localdate()
    year = ReportYear(today.year if today.month >= 9 else today.year - 1)
    cohort = npq_cohort_for(npq_programme, "npq-headship", year.start)
    participant = enrol(cohort, schools[0], started_on=year.start)
    held = event_on(cohort, london(today - dt.timedelta(days=1)))
    event_on(cohort, london(today + dt.timedelta(days=30)))
    services.attendance_mark(event=held, enrolment=participant, state="attended", by=None)

    data = report.gather(partnership, year)

    assert data["as_of"] == today
    assert data["bands"]["met"] == 1  # 1 of the 1 held; the event to come is not counted against them


def test_a_later_change_does_not_rewrite_last_years_report(partnership, last_year):
    missing = last_year.enrolments.order_by("pk")[2]
    services.status_change_record(enrolment=missing, kind="withdrawn", effective_on=dt.date(2025, 10, 1),
                                  reason="change-in-career", by=None)

    data = report.gather(partnership, ReportYear(2024))

    assert next(r for r in data["programmes"] if r["programme"].pk == last_year.programme_id)["counts"]["active"] == 1


def test_gathering_costs_the_same_queries_for_few_and_many_participants(partnership, npq_programme, schools):
    cohort = npq_cohort_for(npq_programme, "npq-leading-literacy", dt.date(2024, 9, 1))
    events = add_events(cohort, [london(dt.date(2024, 10, 1) + dt.timedelta(days=7 * i)) for i in range(20)])
    attend(events, add_participants(cohort, schools[0], 5))
    with CaptureQueriesContext(connection) as few:
        report.gather(partnership, ReportYear(2024))
    attend(events, add_participants(cohort, schools[0], 300, start=5))
    with CaptureQueriesContext(connection) as many:
        data = report.gather(partnership, ReportYear(2024))

    assert len(many) == len(few)
    assert data["bands"]["met"] == 305


def test_the_section_renders_in_the_built_report(partnership, last_year):
    from reporting.sections import registered

    assert "programmes" in [section.key for section in registered()]
    data = report.gather(partnership, ReportYear(2024))
    assert report.charts(data)[0].svg.startswith("<svg")
