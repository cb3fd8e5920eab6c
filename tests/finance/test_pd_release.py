"""PD release: up to three hours a term free for each leader; beyond that chargeable at the rate of the day,
half-up to the penny, and shared between the schools that received it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from finance import services
from finance.models import Charge, PDDelivery

from .conftest import YEAR, activity

pytestmark = pytest.mark.django_db

AUTUMN = dt.date(YEAR, 10, 1)
SPRING = dt.date(YEAR + 1, 2, 2)


@pytest.fixture
def release(consortium, consortium_admin, partnership, budget, finance_admin, schools):
    services.terms_use_default(consortium=consortium, by=consortium_admin, academic_year=YEAR)
    services.release_rate_set(partnership=partnership, by=finance_admin, hourly_rate_pence=4500,
                              effective_from=dt.date(YEAR, 9, 1))
    return {"activity": activity(budget, finance_admin, basis="pupils", title="Y6 moderation"),
            "leader_school": schools[0], "recipients": schools[1:3]}


def record(partnership, by, release, leader, day, minutes, recipients=None):
    return services.pd_delivery_record(
        partnership=partnership, by=by, activity=release["activity"], leader=leader,
        leader_school=release["leader_school"], delivered_on=day, minutes=minutes,
        recipients=recipients or release["recipients"])


def test_exactly_three_hours_in_a_term_is_free(partnership, finance_admin, rep, release):
    first = record(partnership, finance_admin, release, rep, AUTUMN, 90)
    second = record(partnership, finance_admin, release, rep, AUTUMN + dt.timedelta(days=7), 90)

    first.refresh_from_db()
    assert (first.free_minutes, second.free_minutes, second.chargeable_minutes, second.amount_pence) == (90, 90, 0, 0)


def test_just_over_three_hours_charges_only_the_time_beyond(partnership, finance_admin, rep, release):
    record(partnership, finance_admin, release, rep, AUTUMN, 180)

    over = record(partnership, finance_admin, release, rep, AUTUMN + dt.timedelta(days=1), 15)

    # 15 minutes at £45 an hour is £11.25
    assert (over.free_minutes, over.chargeable_minutes, over.amount_pence) == (0, 15, 1125)


def test_a_delivery_crossing_the_allowance_is_split_between_free_and_chargeable(partnership, finance_admin, rep,
                                                                                release):
    record(partnership, finance_admin, release, rep, AUTUMN, 120)

    crossing = record(partnership, finance_admin, release, rep, AUTUMN + dt.timedelta(days=1), 90)

    assert (crossing.free_minutes, crossing.chargeable_minutes, crossing.amount_pence) == (60, 30, 2250)


def test_each_term_has_its_own_allowance(partnership, finance_admin, rep, release):
    record(partnership, finance_admin, release, rep, AUTUMN, 180)

    spring = record(partnership, finance_admin, release, rep, SPRING, 180)

    assert (spring.free_minutes, spring.chargeable_minutes) == (180, 0)
    assert spring.term.name == "spring"


def test_an_earlier_delivery_recorded_late_uses_the_allowance_in_date_order(partnership, finance_admin, rep,
                                                                           release):
    later = record(partnership, finance_admin, release, rep, AUTUMN + dt.timedelta(days=10), 120)

    record(partnership, finance_admin, release, rep, AUTUMN, 120)

    later.refresh_from_db()
    assert (later.free_minutes, later.chargeable_minutes) == (60, 60)


def test_each_leader_has_their_own_allowance(partnership, finance_admin, rep, other_rep, release):
    record(partnership, finance_admin, release, rep, AUTUMN, 180)

    other = record(partnership, finance_admin, release, other_rep, AUTUMN, 60)

    assert other.free_minutes == 60


def test_the_chargeable_time_is_charged_to_the_receiving_schools_on_the_activitys_basis(
        partnership, finance_admin, rep, release, schools):
    # Given 4 hours delivered to Parc (346 pupils) and Bryn Taf (289 pupils): one hour, £45, chargeable
    record(partnership, finance_admin, release, rep, AUTUMN, 240)
    term = PDDelivery.objects.get().term

    # When the term's charges are raised
    charges = services.pd_release_charges_raise(partnership=partnership, by=finance_admin, term=term)

    # Then £45 is shared by pupils between the two receiving schools, to the penny
    assert {c.organisation.name: c.amount_pence for c in charges} == {
        "Parc Primary School": 2452, "Ysgol Gymraeg Bryn Taf": 2048}
    assert all(c.status == Charge.Status.DRAFT and c.delivery_id for c in charges)
    with pytest.raises(ValidationError, match="no chargeable PD release left"):
        services.pd_release_charges_raise(partnership=partnership, by=finance_admin, term=term)


def test_a_rate_change_never_alters_what_was_charged(partnership, finance_admin, rep, release):
    delivery = record(partnership, finance_admin, release, rep, AUTUMN, 240)
    services.pd_release_charges_raise(partnership=partnership, by=finance_admin, term=delivery.term)

    services.release_rate_set(partnership=partnership, by=finance_admin, hourly_rate_pence=6000,
                              effective_from=dt.date(YEAR, 9, 2))

    delivery.refresh_from_db()
    assert (delivery.amount_pence, delivery.rate.hourly_rate_pence) == (4500, 4500)
    later = record(partnership, finance_admin, release, rep, AUTUMN + dt.timedelta(days=3), 30)
    assert later.amount_pence == 3000


def test_pd_to_the_leaders_own_school_is_refused(partnership, finance_admin, rep, release, schools):
    with pytest.raises(ValidationError, match="other member"):
        record(partnership, finance_admin, release, rep, AUTUMN, 60, recipients=[schools[0], schools[1]])


def test_without_term_dates_the_error_says_which_year_to_set(partnership, finance_admin, rep, release):
    with pytest.raises(ValidationError, match="2030/31"):
        record(partnership, finance_admin, release, rep, dt.date(2030, 10, 1), 60)


def test_chargeable_time_without_a_rate_is_refused_and_nothing_is_saved(partnership, finance_admin, rep, release,
                                                                        consortium, consortium_admin):
    services.terms_use_default(consortium=consortium, by=consortium_admin, academic_year=YEAR - 1)
    day = dt.date(YEAR - 1, 10, 1)  # before the only rate starts

    with pytest.raises(ValidationError, match="no hourly rate"):
        record(partnership, finance_admin, release, rep, day, 240)
    assert not PDDelivery.objects.filter(delivered_on=day).exists()


def test_a_charged_delivery_cannot_be_removed(partnership, finance_admin, rep, release):
    delivery = record(partnership, finance_admin, release, rep, AUTUMN, 240)
    services.pd_release_charges_raise(partnership=partnership, by=finance_admin, term=delivery.term)

    with pytest.raises(ValidationError, match="stays on the record"):
        services.pd_delivery_delete(delivery=delivery, by=finance_admin)
