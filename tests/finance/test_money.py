"""Money is whole pence: £1,234.56 in English and Welsh, credits negative, rate × time half-up to the penny."""

from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from django.core.exceptions import ValidationError

from finance.money import format_pence, hours_label, parse_pounds, rate_for_minutes


@pytest.mark.parametrize("language", ["en", "cy"])
def test_amounts_read_as_pounds_and_pence_in_both_languages(language):
    assert format_pence(123456, language) == "£1,234.56"
    assert format_pence(-123450, language) == "-£1,234.50"
    assert format_pence(0, language) == "£0.00"
    assert format_pence(100_000_000, language) == "£1,000,000.00"


def test_rate_times_time_rounds_half_up_to_the_penny():
    # £33.33 an hour for 30 minutes is exactly 1666.5p: half-up gives 1667p, where half-even would give 1666p
    assert rate_for_minutes(3333, 30) == 1667
    assert Decimal("1666.5").quantize(Decimal(1), rounding=ROUND_HALF_EVEN) == 1666
    # just under a half rounds down, just over rounds up
    assert rate_for_minutes(1, 29) == 0  # 0.4833p
    assert rate_for_minutes(1, 31) == 1  # 0.5167p
    assert rate_for_minutes(4500, 60) == 4500
    assert rate_for_minutes(4500, 20) == 1500


def test_typed_amounts_become_pence_and_bad_ones_say_why():
    assert parse_pounds("£1,250.5") == 125050
    assert parse_pounds("80") == 8000
    for bad in ["12.345", "ten", "", "1e3"]:
        with pytest.raises(ValidationError):
            parse_pounds(bad)
    with pytest.raises(ValidationError):
        parse_pounds("-5")
    assert parse_pounds("-5", allow_negative=True) == -500
    with pytest.raises(ValidationError):
        parse_pounds("10000000.01")


def test_hours_are_shown_without_trailing_zeros():
    assert [hours_label(m) for m in (180, 90, 20, 195)] == ["3", "1.5", "0.33", "3.25"]
