"""The annual report is right for a year in progress (a report to date) and for a finished one.

The same meetings are reported on 2 December 2026, in the year, and on 15 September 2027, after it:
only meetings that took place count as held, notice is judged only once it has gone or was due, and
the minimum is compared pro rata while the year runs.
"""

import datetime as dt

import pytest
from django.utils import timezone

from governance import rules
from partnerships.services import partnership_update
from reporting import pdf
from reporting.sections import ReportYear

from .conftest import add_attendance
from .test_pdf_contents import pdf_text

pytestmark = pytest.mark.django_db

LONDON = rules.LONDON
YEAR = 2026


def freeze(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))


@pytest.fixture
def december(monkeypatch):
    freeze(monkeypatch, dt.datetime(2026, 12, 2, 10, tzinfo=LONDON))


@pytest.fixture
def after_the_year(monkeypatch):
    freeze(monkeypatch, dt.datetime(2027, 9, 15, 10, tzinfo=LONDON))


def meeting(partnership, day: dt.date, *, title: str, title_cy: str = "", kind: str = "strategic",
            status: str = "planned", noticed: dt.date | None = None):
    from governance.models import Meeting

    starts = dt.datetime.combine(day, dt.time(16), tzinfo=LONDON)
    return Meeting.objects.create(
        consortium=partnership.consortium, partnership=partnership, title=title, title_cy=title_cy, kind=kind,
        status=status, starts_at=starts, ends_at=starts + dt.timedelta(hours=2),
        notice_sent_at=dt.datetime.combine(noticed, dt.time(9), tzinfo=LONDON) if noticed else None)


@pytest.fixture
def year(governance, demo):
    """Autumn strategic held on full notice; an operational meeting held on short notice; a strategic
    meeting yesterday that never had notice or attendance; spring and summer strategic meetings to come."""
    partnership, schools = demo["partnership"], demo["schools"]
    autumn = meeting(partnership, dt.date(2026, 10, 6), title="Autumn strategic meeting",
                     title_cy="Cyfarfod strategol yr hydref", status="held", noticed=dt.date(2026, 9, 25))
    add_attendance(autumn, schools[0])
    operational = meeting(partnership, dt.date(2026, 11, 10), title="Budget working meeting", kind="operational",
                          status="held", noticed=dt.date(2026, 11, 6))
    add_attendance(operational, schools[1])
    meeting(partnership, dt.date(2026, 12, 1), title="Meeting never recorded")
    meeting(partnership, dt.date(2027, 2, 9), title="Spring strategic meeting")
    meeting(partnership, dt.date(2027, 6, 15), title="Summer strategic meeting")
    return demo


def words(content: bytes) -> str:
    return " ".join(pdf_text(content).replace("\\n", " ").split())


def test_a_report_in_december_is_a_report_to_date(december, year):
    built = pdf.build(year["partnership"], ReportYear(YEAR), "en")
    text = words(built.pdf)

    assert "Report to date" in text
    assert "This is a report to date: it counts the meetings held up to 2 December 2026" in text
    assert "held fewer strategic meetings than the minimum" not in text


def test_only_meetings_that_took_place_count_as_held(december, year):
    built = pdf.build(year["partnership"], ReportYear(YEAR), "en")
    text = words(built.pdf)

    assert built.figures["meetings_held"] == 1
    assert "1 / 3" in text
    assert "Meetings whose attendance is not recorded (not counted as held)" in text
    assert "Meetings still to come this year" in text


def test_notice_is_judged_only_once_it_has_gone_or_was_due(december, year):
    built = pdf.build(year["partnership"], ReportYear(YEAR), "en")
    text = words(built.pdf)

    # Autumn on time; the operational meeting short (3 clear days); yesterday's never sent. Spring and
    # summer are not yet due, so they are neither on time nor late.
    assert built.figures["notice_rate"] == pytest.approx(1 / 3)
    assert "33%" in text
    assert "Of 3 meetings whose notice was due, 1 had full notice." in text
    assert "2 meetings whose notice is not yet due are not counted." in text
    assert "Due by 1 February 2027" in text  # the spring meeting, 7 clear days before 9 February
    assert "No notice sent" in text


def test_calendar_days_move_the_deadline(december, year):
    partnership_update(partnership=year["partnership"], notice_counting="calendar")

    text = words(pdf.build(year["partnership"], ReportYear(YEAR), "en").pdf)

    assert "Due by 2 February 2027" in text


def test_the_minimum_is_compared_pro_rata_while_the_year_runs(december, year):
    text = words(pdf.build(year["partnership"], ReportYear(YEAR), "en").pdf)

    # 92 of 365 days gone: no strategic meeting was yet due pro rata; 1 held and 2 planned reach 3.
    assert "On track." in text
    assert "Pro rata to the minimum of 3 a year, 0 strategic meetings were due by now, and 2 more are planned" in text


def test_a_partnership_behind_is_told_so(december, year):
    from governance.models import Meeting

    Meeting.objects.filter(title="Summer strategic meeting").update(status="cancelled")

    text = words(pdf.build(year["partnership"], ReportYear(YEAR), "en").pdf)

    assert "Behind." in text and "On track." not in text


def test_the_chart_shows_only_the_terms_begun(december, year):
    built = pdf.build(year["partnership"], ReportYear(YEAR), "en")

    assert "Strategic meetings held, running total by the end of each term: Autumn (to date) 1." in built.html
    assert "Spring" not in built.html.split("running total by the end of each term:")[1].split(".")[0]


def test_the_same_meetings_after_the_year_are_final_figures(after_the_year, year):
    built = pdf.build(year["partnership"], ReportYear(YEAR), "en")
    text = words(built.pdf)

    # Spring and summer were never held: not counted as held, and their notice was missed.
    assert built.figures["meetings_held"] == 1
    assert built.figures["notice_rate"] == pytest.approx(1 / 5)
    assert "Report to date" not in text
    assert "The partnership held fewer strategic meetings than the minimum." in text
    assert "Autumn 1, Spring 1, Summer 1" in built.html


def test_a_finished_year_that_met_the_minimum_says_so(after_the_year, year):
    from governance.models import Meeting

    Meeting.objects.filter(title__in=["Spring strategic meeting", "Summer strategic meeting"]).update(
        status="held", notice_sent_at=dt.datetime(2027, 1, 20, 9, tzinfo=LONDON))

    built = pdf.build(year["partnership"], ReportYear(YEAR), "en")
    text = words(built.pdf)

    assert built.figures["meetings_held"] == 3
    assert "3 / 3" in text
    assert "The partnership met the minimum number of strategic meetings." in text


def test_the_welsh_report_to_date_is_welsh_throughout(december, year):
    text = words(pdf.build(year["partnership"], ReportYear(YEAR), "cy").pdf)

    assert "Adroddiad hyd yma" in text
    assert "Cyfarfod strategol yr hydref" in text and "Autumn strategic meeting" not in text
    assert "Budget working meeting" in text  # no Welsh title was written: the English, not nothing
    assert "Yn ddyledus erbyn 1 Chwefror 2027" in text
    assert "Ar y trywydd iawn." in text
