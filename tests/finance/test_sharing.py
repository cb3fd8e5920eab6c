"""The largest-remainder method: exact sums, a penny of the exact share, order never matters (properties)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finance.sharing import ALGORITHM, SharingError, apportion, quotas

totals = st.integers(min_value=-10**11, max_value=10**11)
weights = st.dictionaries(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=10**9),
                          min_size=1, max_size=60).filter(lambda w: sum(w.values()) > 0)


@given(total=totals, weights=weights)
def test_the_shares_add_up_exactly_to_the_total(total, weights):
    assert sum(apportion(total, weights).values()) == total


@given(total=totals, weights=weights)
def test_every_share_is_within_a_penny_of_its_exact_proportion(total, weights):
    exact = quotas(total, weights)

    shares = apportion(total, weights)

    assert all(abs(Fraction(shares[key]) - exact[key]) < 1 for key in weights)


@given(total=totals, weights=weights, data=st.data())
def test_the_order_of_members_never_changes_a_share(total, weights, data):
    shuffled = dict(data.draw(st.permutations(list(weights.items()))))

    assert apportion(total, shuffled) == apportion(total, weights)


@given(total=st.integers(min_value=0, max_value=10**9), weights=weights)
def test_a_member_with_zero_weight_gets_nothing(total, weights):
    zero_weighted = {key: 0 for key in weights if weights[key] == 0}

    shares = apportion(total, weights)

    assert all(shares[key] == 0 for key in zero_weighted)


@given(total=totals, weight=st.integers(min_value=1, max_value=10**9))
def test_a_single_member_pays_the_whole_cost(total, weight):
    assert apportion(total, {42: weight}) == {42: total}


@settings(max_examples=50, deadline=None)
@given(budgets=st.lists(st.integers(min_value=50_000_00, max_value=5_000_000_00), min_size=200, max_size=200))
def test_a_million_pounds_across_two_hundred_schools(budgets):
    # Given 200 schools' budgets in pence
    weights = dict(enumerate(budgets, start=1))

    # When a million pounds is shared by budget
    shares = apportion(100_000_000, weights)

    # Then it is shared exactly, each school within a penny of its proportion
    exact = quotas(100_000_000, weights)
    assert sum(shares.values()) == 100_000_000
    assert max(abs(shares[k] - exact[k]) for k in weights) < 1


def test_leftover_pence_go_to_the_largest_remainders_then_weight_then_the_smaller_key():
    # 100p in three equal parts: the one leftover penny goes to the smallest key, wherever it is listed
    assert apportion(100, {3: 1, 1: 1, 2: 1}) == {1: 34, 2: 33, 3: 33}
    # 10p by weights 1 and 2: quotas 3⅓ and 6⅔; the larger remainder (⅔) takes the leftover penny
    assert apportion(10, {"a": 1, "b": 2}) == {"a": 3, "b": 7}
    # 1p by equal remainders but different weights: the heavier member takes it
    assert apportion(1, {1: 1, 2: 3}) == {1: 0, 2: 1}


def test_decimal_budgets_are_exact():
    shares = apportion(1000, {1: Decimal("1043500.00"), 2: Decimal("1590300.00"), 3: Decimal("0.01")})

    assert shares == {1: 396, 2: 604, 3: 0}


def test_no_weight_at_all_is_refused():
    with pytest.raises(SharingError):
        apportion(100, {1: 0, 2: 0})


def test_floats_and_negative_weights_are_refused():
    with pytest.raises(SharingError):
        apportion(100, {1: 0.5, 2: 1})
    with pytest.raises(SharingError):
        apportion(100, {1: -1, 2: 2})


def test_the_method_has_a_stored_name():
    assert ALGORITHM == "largest-remainder/1"
