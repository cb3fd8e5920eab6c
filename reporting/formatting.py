"""UK formats for reports, whatever the language: "14 January 2027", "£1,234.56", "1,234", "87%".

Month and day names follow the active language (Welsh under translation.override("cy")), the
digits and separators do not: both languages in the UK write numbers the same way.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.dateformat import format as date_format


def uk_date(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return date_format(value, "j F Y")


def uk_datetime(value) -> str:
    if value in (None, ""):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "j F Y, H:i")


def uk_number(value, places: int = 0) -> str:
    if value in (None, ""):
        return "—"
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{number:,.{places}f}"


def uk_money(value) -> str:
    if value in (None, ""):
        return "—"
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def percent(value) -> str:
    """A share from 0 to 1 as a whole percentage; no figure when there was nothing to measure."""
    if value is None:
        return "—"
    return f"{uk_number(Decimal(str(value)) * 100)}%"


def share(part: int, whole: int) -> float | None:
    return None if not whole else part / whole
