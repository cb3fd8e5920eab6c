"""NPQ completion windows: 12 months (specialist) or 18 (leadership) from the cohort's start."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.html import escape

from programmes import rules
from programmes.selectors.page import enrolment_page

from .conftest import enrol, npq_cohort_for

pytestmark = pytest.mark.django_db


def test_a_specialist_npq_starting_on_1_september_ends_on_31_august(npq_programme):
    cohort = npq_cohort_for(npq_programme, "npq-leading-literacy", dt.date(2025, 9, 1))

    assert cohort.completion_deadline == dt.date(2026, 8, 31)


def test_a_leadership_npq_starting_on_1_september_ends_18_months_later_on_28_february(npq_programme):
    cohort = npq_cohort_for(npq_programme, "npq-headship", dt.date(2025, 9, 1))

    assert cohort.completion_deadline == dt.date(2027, 2, 28)


def test_senco_is_a_leadership_npq_by_its_course_group(npq_programme):
    cohort = npq_cohort_for(npq_programme, "npq-senco", dt.date(2025, 9, 1))

    assert cohort.completion_months == 18


def test_on_the_last_day_of_the_window_the_participant_is_not_past_it():
    assert not rules.past_completion_window(deadline=dt.date(2026, 8, 31), today=dt.date(2026, 8, 31), passed=False)


def test_the_day_after_the_window_a_participant_without_a_pass_is_flagged():
    assert rules.past_completion_window(deadline=dt.date(2026, 8, 31), today=dt.date(2026, 9, 1), passed=False)


def test_a_pass_is_never_flagged_however_late():
    assert not rules.past_completion_window(deadline=dt.date(2026, 8, 31), today=dt.date(2027, 9, 1), passed=True)


def test_a_cohort_starting_on_31_august_ends_on_the_last_day_of_a_shorter_month():
    assert rules.completion_deadline(dt.date(2025, 8, 31), 18) == dt.date(2027, 2, 27)


def test_the_leadership_window_on_its_last_day_and_the_day_after(npq_programme, schools):
    starts = timezone.localdate() - dt.timedelta(days=600)
    cohort = npq_cohort_for(npq_programme, "npq-headship", starts)
    enrolment = enrol(cohort, schools[0])
    deadline = cohort.completion_deadline

    assert rules.past_completion_window(deadline=deadline, today=deadline, passed=False) is False
    assert rules.past_completion_window(deadline=deadline, today=deadline + dt.timedelta(days=1), passed=False)
    assert enrolment_page(enrolment)["past_deadline"] is (timezone.localdate() > deadline)


def test_the_participant_sees_their_deadline_from_the_day_they_enrol(client, npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=timezone.localdate())
    client.force_login(enrolment.user)

    page = client.get(f"/{npq_cohort.consortium.slug}/programmes/me/").content.decode()

    assert "Complete your NPQ by Monday 31 August 2026" in page


def test_the_cohort_register_tags_who_is_past_the_window_without_a_pass(client, consortium_admin, npq_programme,
                                                                         schools):
    from programmes import services

    cohort = npq_cohort_for(npq_programme, "npq-leading-teaching", timezone.localdate() - dt.timedelta(days=400))
    failed = enrol(cohort, schools[0], email="late@school.example")
    passed = enrol(cohort, schools[0], email="done@school.example")
    window = services.assessment_window_save(cohort=cohort, title="Summer", opens_on=cohort.starts_on,
                                             closes_on=cohort.starts_on + dt.timedelta(days=30))
    for enrolment, outcome in ((failed, "failed"), (passed, "passed")):
        attempt = services.assessment_register(enrolment=enrolment, window=window, by=None)
        attempt = services.assessment_record(attempt=attempt, state="submitted", by=None)
        services.assessment_record(attempt=attempt, state=outcome, by=None)
    client.force_login(consortium_admin)

    page = client.get(f"/{cohort.consortium.slug}/programmes/cohorts/{cohort.pk}/").content.decode()

    rows = {line for line in page.split("</tr>") if "Past the completion window" in line}
    assert [escape(failed.user.get_full_name()) in row for row in rows] == [True]
    assert not any(escape(passed.user.get_full_name()) in row for row in rows)
