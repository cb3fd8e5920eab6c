"""Compliance figures for a year in progress and for a finished one, on the same meetings."""

import datetime as dt

import pytest
from django.utils import timezone

from governance import rules, selectors
from governance.models import Meeting

pytestmark = pytest.mark.django_db

LONDON = rules.LONDON


def freeze(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))


def add(partnership, day: dt.date, *, status="planned", kind="strategic", noticed: dt.date | None = None):
    starts = dt.datetime.combine(day, dt.time(16), tzinfo=LONDON)
    return Meeting.objects.create(
        consortium=partnership.consortium, partnership=partnership, title=f"Meeting {day}", kind=kind,
        status=status, starts_at=starts, ends_at=starts + dt.timedelta(hours=2),
        notice_sent_at=dt.datetime.combine(noticed, dt.time(9), tzinfo=LONDON) if noticed else None)


@pytest.fixture
def year(partnership):
    add(partnership, dt.date(2026, 10, 6), status="held", noticed=dt.date(2026, 9, 25))
    add(partnership, dt.date(2026, 12, 1))  # yesterday in December: no notice, never held
    add(partnership, dt.date(2027, 2, 9))
    add(partnership, dt.date(2027, 6, 15))
    return partnership


@pytest.mark.parametrize("on,expected", [
    (dt.date(2026, 9, 1), 0), (dt.date(2026, 12, 2), 0), (dt.date(2027, 1, 1), 1), (dt.date(2027, 5, 2), 1),
    (dt.date(2027, 5, 4), 2), (dt.date(2027, 8, 31), 2), (dt.date(2027, 9, 1), 3),
])
def test_the_minimum_pro_rata(on, expected):
    assert rules.expected_by(minimum=3, year=2026, on=on) == expected


def test_in_december_one_held_and_two_planned_is_on_track(monkeypatch, year):
    freeze(monkeypatch, dt.datetime(2026, 12, 2, 10, tzinfo=LONDON))

    figures = selectors.partnership_compliance(year, 2026)

    assert (figures["strategic_held"], figures["strategic_planned"], figures["progress"]) == (1, 2, "on_track")
    assert (figures["notices_due"], figures["notices_on_time"], figures["notices_missed"]) == (2, 1, 1)
    assert figures["notices_not_yet_due"] == 2


def test_after_the_year_the_same_meetings_have_not_met_the_minimum(monkeypatch, year):
    freeze(monkeypatch, dt.datetime(2027, 9, 15, 10, tzinfo=LONDON))

    figures = selectors.partnership_compliance(year, 2026)

    assert (figures["strategic_held"], figures["strategic_planned"], figures["progress"]) == (1, 0, "not_met")
    assert (figures["notices_due"], figures["notices_on_time"]) == (4, 1)
    assert figures["in_progress"] is False


def test_the_consortium_page_counts_the_same(monkeypatch, client, consortium, year, consortium_admin):
    freeze(monkeypatch, dt.datetime(2026, 12, 2, 10, tzinfo=LONDON))
    client.force_login(consortium_admin)

    row = selectors.consortium_compliance(consortium, 2026)["rows"][0]
    page = client.get(f"/{consortium.slug}/meetings/compliance/?year=2026").content.decode()

    assert (row["strategic_held"], row["progress"], row["notices_on_time"], row["notices_due"]) == (
        1, "on_track", 1, 2)
    assert "On track" in page and "1 of 2" in page
