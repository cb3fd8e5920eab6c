"""Term dates: the consortium's own, with a default of three terms that cover the whole academic year."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from finance import services, terms

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", range(2020, 2040))
def test_the_default_terms_cover_every_day_of_the_year_once(year):
    default = terms.default_terms(year)

    days = [start + dt.timedelta(days=n) for _name, start, end in default for n in range((end - start).days + 1)]

    assert days[0] == dt.date(year, 9, 1) and days[-1] == dt.date(year + 1, 8, 31)
    assert len(days) == len(set(days)) == (dt.date(year + 1, 9, 1) - dt.date(year, 9, 1)).days


def test_the_spring_term_ends_on_easter_sunday():
    assert terms.default_terms(2026)[1][2] == dt.date(2027, 3, 28)
    assert terms.easter_sunday(2025) == dt.date(2025, 4, 20)


def test_a_consortium_admin_sets_its_own_dates(consortium, consortium_admin):
    dates = {"autumn": (dt.date(2026, 9, 1), dt.date(2026, 12, 22)),
             "spring": (dt.date(2027, 1, 4), dt.date(2027, 4, 9)),
             "summer": (dt.date(2027, 4, 19), dt.date(2027, 7, 21))}

    saved = services.terms_set(consortium=consortium, by=consortium_admin, academic_year=2026, dates=dates)

    assert [(t.name, t.starts_on) for t in saved] == [("autumn", dt.date(2026, 9, 1)),
                                                      ("spring", dt.date(2027, 1, 4)),
                                                      ("summer", dt.date(2027, 4, 19))]


def test_overlapping_terms_are_refused(consortium, consortium_admin):
    dates = {"autumn": (dt.date(2026, 9, 1), dt.date(2027, 1, 10)),
             "spring": (dt.date(2027, 1, 4), dt.date(2027, 4, 9)),
             "summer": (dt.date(2027, 4, 19), dt.date(2027, 7, 21))}

    with pytest.raises(ValidationError, match="overlapping"):
        services.terms_set(consortium=consortium, by=consortium_admin, academic_year=2026, dates=dates)


def test_only_a_consortium_admin_sets_terms(consortium, finance_admin):
    with pytest.raises(PermissionDenied):
        services.terms_use_default(consortium=consortium, by=finance_admin, academic_year=2026)
