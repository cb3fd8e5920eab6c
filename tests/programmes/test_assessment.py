"""NPQ assessment: windows, attempts, re-takes in a later window, and the latest outcome standing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from programmes import services
from programmes.selectors.page import enrolment_page

from .conftest import enrol

pytestmark = pytest.mark.django_db


@pytest.fixture
def windows(npq_cohort):
    summer = services.assessment_window_save(cohort=npq_cohort, title="Summer", opens_on=dt.date(2026, 6, 1),
                                             closes_on=dt.date(2026, 6, 14))
    autumn = services.assessment_window_save(cohort=npq_cohort, title="Autumn", opens_on=dt.date(2026, 10, 1),
                                             closes_on=dt.date(2026, 10, 14))
    return summer, autumn


def sit(enrolment, window, outcome):
    attempt = services.assessment_register(enrolment=enrolment, window=window, by=None)
    services.assessment_record(attempt=attempt, state="submitted", by=None, on=window.opens_on)
    return services.assessment_record(attempt=attempt, state=outcome, by=None, on=window.closes_on)


def test_a_retake_after_a_fail_is_in_a_later_window_and_its_pass_stands(npq_cohort, schools, windows):
    summer, autumn = windows
    enrolment = enrol(npq_cohort, schools[0])
    sit(enrolment, summer, "failed")

    retake = sit(enrolment, autumn, "passed")

    assert retake.number == 2
    assert enrolment_page(enrolment)["outcome"].pk == retake.pk


def test_a_retake_in_the_same_window_is_refused(npq_cohort, schools, windows):
    summer, _autumn = windows
    enrolment = enrol(npq_cohort, schools[0])
    sit(enrolment, summer, "failed")

    with pytest.raises(ValidationError, match="later window"):
        services.assessment_register(enrolment=enrolment, window=summer, by=None)


def test_nobody_retakes_after_a_pass(npq_cohort, schools, windows):
    summer, autumn = windows
    enrolment = enrol(npq_cohort, schools[0])
    sit(enrolment, summer, "passed")

    with pytest.raises(ValidationError, match="passed"):
        services.assessment_register(enrolment=enrolment, window=autumn, by=None)


def test_a_voided_outcome_no_longer_stands(npq_cohort, schools, windows):
    summer, _autumn = windows
    enrolment = enrol(npq_cohort, schools[0])
    passed = sit(enrolment, summer, "passed")

    services.assessment_record(attempt=passed, state="voided", by=None)

    assert enrolment_page(enrolment)["outcome"] is None


def test_an_outcome_needs_a_submission_first(npq_cohort, schools, windows):
    summer, _autumn = windows
    attempt = services.assessment_register(enrolment=enrol(npq_cohort, schools[0]), window=summer, by=None)

    with pytest.raises(ValidationError):
        services.assessment_record(attempt=attempt, state="passed", by=None)


def test_a_window_closes_after_it_opens(npq_cohort):
    with pytest.raises(ValidationError):
        services.assessment_window_save(cohort=npq_cohort, title="Backwards", opens_on=dt.date(2026, 6, 14),
                                        closes_on=dt.date(2026, 6, 1))
