"""A participant's status is derived from append-only changes, never edited in place."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.html import escape

from programmes import reasons, services
from programmes.models import EnrolmentStatusChange
from programmes.selectors.enrolments import with_status

from .conftest import enrol

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def status_on(enrolment, day=None):
    return with_status(type(enrolment).objects.filter(pk=enrolment.pk), day).get().status


def test_a_new_enrolment_is_active_from_its_start(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=TODAY - dt.timedelta(days=10))

    assert status_on(enrolment) == "active"
    assert status_on(enrolment, TODAY - dt.timedelta(days=11)) == "joining"


def test_deferring_and_resuming_add_rows_and_the_latest_in_effect_wins(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=TODAY - dt.timedelta(days=100))
    services.status_change_record(enrolment=enrolment, kind="deferred", effective_on=TODAY - dt.timedelta(days=50),
                                  reason="long-term-sickness", by=None)
    services.status_change_record(enrolment=enrolment, kind="resumed", effective_on=TODAY - dt.timedelta(days=5),
                                  by=None)

    assert status_on(enrolment) == "active"
    assert status_on(enrolment, TODAY - dt.timedelta(days=20)) == "deferred"
    assert list(enrolment.status_changes.values_list("kind", flat=True)) == ["enrolled", "deferred", "resumed"]


def test_a_change_dated_ahead_takes_effect_on_its_day(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=TODAY - dt.timedelta(days=10))
    services.status_change_record(enrolment=enrolment, kind="withdrawn", effective_on=TODAY + dt.timedelta(days=7),
                                  reason="change-in-career", by=None)

    assert status_on(enrolment) == "active"
    assert status_on(enrolment, TODAY + dt.timedelta(days=7)) == "withdrawn"


def test_the_database_refuses_to_rewrite_a_status_change(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0])
    change = enrolment.status_changes.get()

    with pytest.raises(DatabaseError), transaction.atomic():
        EnrolmentStatusChange.objects.filter(pk=change.pk).update(status="withdrawn")

    assert enrolment.status_changes.get().status == "active"


def test_a_change_dated_before_the_last_recorded_one_is_refused(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=TODAY - dt.timedelta(days=100))
    services.status_change_record(enrolment=enrolment, kind="deferred", effective_on=TODAY - dt.timedelta(days=10),
                                  reason="bereavement", by=None)

    with pytest.raises(ValidationError, match="date order"):
        services.status_change_record(enrolment=enrolment, kind="resumed",
                                      effective_on=TODAY - dt.timedelta(days=20), by=None)


@pytest.mark.parametrize("kind", ["resumed"])
def test_resuming_someone_active_is_refused(npq_cohort, schools, kind):
    enrolment = enrol(npq_cohort, schools[0])

    with pytest.raises(ValidationError):
        services.status_change_record(enrolment=enrolment, kind=kind, effective_on=npq_cohort.starts_on, by=None)


def test_deferring_twice_is_refused(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0])
    services.status_change_record(enrolment=enrolment, kind="deferred", effective_on=npq_cohort.starts_on,
                                  reason="career-break", by=None)

    with pytest.raises(ValidationError):
        services.status_change_record(enrolment=enrolment, kind="deferred", effective_on=npq_cohort.starts_on,
                                      reason="career-break", by=None)


def test_nothing_follows_a_withdrawal(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0])
    services.status_change_record(enrolment=enrolment, kind="withdrawn", effective_on=npq_cohort.starts_on,
                                  reason="started-in-error", by=None)

    with pytest.raises(ValidationError):
        services.status_change_record(enrolment=enrolment, kind="resumed", effective_on=npq_cohort.starts_on,
                                      by=None)


def test_a_deferral_needs_a_reason_from_the_list(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0])

    with pytest.raises(ValidationError) as missing:
        services.status_change_record(enrolment=enrolment, kind="deferred", effective_on=npq_cohort.starts_on,
                                      by=None)
    with pytest.raises(ValidationError) as wrong_list:  # RECT's underscored code is not an NPQ code
        services.status_change_record(enrolment=enrolment, kind="deferred", effective_on=npq_cohort.starts_on,
                                      reason="long_term_sickness", by=None)

    assert "reason" in missing.value.message_dict and "reason" in wrong_list.value.message_dict


def test_other_needs_a_note(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0])

    with pytest.raises(ValidationError, match="other reason"):
        services.status_change_record(enrolment=enrolment, kind="withdrawn", effective_on=npq_cohort.starts_on,
                                      reason="other", by=None)


def test_npq_reason_codes_are_dfes_verbatim_trailing_full_stop_included():
    codes = [code for code, _label in reasons.NPQ_WITHDRAWAL]

    assert len(codes) == 21
    assert "quality-of-programme-structure-not-suitable." in codes


def test_only_a_mentor_may_be_withdrawn_for_no_longer_being_a_mentor():
    ect = {code for code, _ in reasons.for_change(kind="withdrawn", programme_kind="ect", role="ect")}
    mentor = {code for code, _ in reasons.for_change(kind="withdrawn", programme_kind="ect", role="mentor")}

    assert mentor - ect == {"mentor_no_longer_being_mentor"}


def test_reason_labels_are_in_welsh_and_codes_are_not():
    with translation.override("cy"):
        label = reasons.label("long-term-sickness")

    assert label == "Salwch hirdymor"


def test_the_history_on_the_page_keeps_every_change_with_who_recorded_it(client, consortium_admin, npq_cohort,
                                                                          schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=TODAY - dt.timedelta(days=30))
    client.force_login(consortium_admin)
    client.post(f"/{npq_cohort.consortium.slug}/programmes/enrolments/{enrolment.pk}/status/", {
        "kind": "deferred", "effective_on": (TODAY - dt.timedelta(days=3)).isoformat(),
        "reason": "parental-leave", "note": "Back in the spring"})

    page = client.get(f"/{npq_cohort.consortium.slug}/programmes/enrolments/{enrolment.pk}/").content.decode()

    assert "Parental leave" in page and "Back in the spring" in page
    assert escape(consortium_admin.get_full_name()) in page
    assert list(enrolment.status_changes.values_list("kind", "recorded_by")) == [
        ("enrolled", None), ("deferred", consortium_admin.pk)]


def test_a_bad_status_change_on_the_page_is_a_400_and_saves_nothing(client, consortium_admin, npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0])
    client.force_login(consortium_admin)

    response = client.post(f"/{npq_cohort.consortium.slug}/programmes/enrolments/{enrolment.pk}/status/", {
        "kind": "resumed", "effective_on": "2026-02-30"})

    assert response.status_code == 400
    assert enrolment.status_changes.count() == 1
