"""Terms and years: pure date arithmetic, no Django models.

The default terms offered for an academic year are three contiguous terms, so every day of the
year (holidays included) falls in exactly one term and no PD delivery is left without one:

- autumn: 1 September to 31 December;
- spring: 1 January to Easter Sunday;
- summer: Easter Monday to 31 August.

Welsh local authorities publish their own dates (the spring term usually ends just before the
Easter holidays); a consortium replaces these with its own on the term dates page.
"""

from __future__ import annotations

import datetime as dt

AUTUMN, SPRING, SUMMER = "autumn", "spring", "summer"
TERM_ORDER = (AUTUMN, SPRING, SUMMER)

ACADEMIC = "academic"  # 1 September to 31 August
APRIL = "april"  # 1 April to 31 March (the local authorities' and maintained schools' year)


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter (the anonymous Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    j = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * j) // 451
    month, day = divmod(h + j - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def default_terms(academic_year: int) -> list[tuple[str, dt.date, dt.date]]:
    easter = easter_sunday(academic_year + 1)
    return [
        (AUTUMN, dt.date(academic_year, 9, 1), dt.date(academic_year, 12, 31)),
        (SPRING, dt.date(academic_year + 1, 1, 1), easter),
        (SUMMER, easter + dt.timedelta(days=1), dt.date(academic_year + 1, 8, 31)),
    ]


def academic_year_of(day: dt.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def year_bounds(basis: str, year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a financial year that starts in `year` on this basis."""
    if basis == APRIL:
        return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)


def year_label(basis: str, year: int) -> str:
    """'2026/27' for both bases: the page says which months it runs."""
    return f"{year}/{str(year + 1)[-2:]}"


def financial_year_of(basis: str, day: dt.date) -> int:
    if basis == APRIL:
        return day.year if day.month >= 4 else day.year - 1
    return academic_year_of(day)
