"""Dates, numbers and money in UK formats, in English and in Welsh."""

import datetime as dt
from decimal import Decimal

from django.utils import translation

from reporting.formatting import percent, uk_date, uk_money, uk_number


def test_uk_formats():
    assert uk_date(dt.date(2027, 1, 14)) == "14 January 2027"
    assert uk_money(Decimal("1234.565")) == "£1,234.57"
    assert uk_money(-5) == "-£5.00"
    assert uk_number(1234567) == "1,234,567"
    assert percent(2 / 3) == "67%"
    assert percent(None) == "—"


def test_welsh_dates_name_the_month_in_welsh():
    with translation.override("cy"):
        assert uk_date(dt.date(2027, 1, 14)) == "14 Ionawr 2027"
