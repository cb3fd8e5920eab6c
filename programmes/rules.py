"""The programmes rulebook (seed 003) as pure functions and constants, free of the database.

Engagement is compared exactly, in `fractions.Fraction`, never in floating point: 9 of 10 is
exactly 90% and passes a 90% threshold; 8.999... never arises.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

# NPQ completion windows by course group, in months from the cohort's start (seed 003).
COMPLETION_MONTHS = {"specialist": 12, "leadership": 18}
# The NPQ engagement rule: at least 90% of the required programme elements (seed 003). The ECT
# programme's default is DfE's 75% check at retained-2 (RECT swagger); each programme keeps its own.
NPQ_ENGAGEMENT_PERCENT = 90
ECT_ENGAGEMENT_PERCENT = 75
# Visiting fellows (seed 003): content three weeks before, a briefing one to two weeks before
# lasting at most 90 minutes, about two days of initial training a year.
CONTENT_RELEASE_DAYS = 21
BRIEFING_MIN_DAYS = 7
BRIEFING_MAX_DAYS = 14
BRIEFING_MAX_MINUTES = 90
TRAINING_HALF_DAYS_EXPECTED = 4  # two days, counted in half days so the sums stay whole numbers


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LONDON).date()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def completion_deadline(starts_on: dt.date, months: int) -> dt.date:
    """The last day of a window of `months` from `starts_on`: 12 months from 1 September 2025
    ends on 31 August 2026, the day before the anniversary."""
    return add_months(starts_on, months) - dt.timedelta(days=1)


def past_completion_window(*, deadline: dt.date | None, today: dt.date, passed: bool) -> bool:
    return deadline is not None and not passed and today > deadline


def academic_year_of(day: dt.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def academic_year_label(year: int) -> str:
    return f"{year}/{str(year + 1)[-2:]}"


# --- Engagement ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Engagement:
    """One participant's engagement: required elements completed out of those held so far.

    `share` is None before any required element has taken place. `reachable` is the best share
    of all required elements they can still reach, if they attend everything left.
    """

    completed: int
    held: int
    remaining: int
    threshold: Fraction

    @property
    def total(self) -> int:
        return self.held + self.remaining

    @cached_property
    def share(self) -> Fraction | None:
        return Fraction(self.completed, self.held) if self.held else None

    @cached_property
    def reachable(self) -> Fraction | None:
        return Fraction(self.completed + self.remaining, self.total) if self.total else None

    # NOTE: the comparisons are cross-multiplied integers (completed / held < p / q exactly when
    # completed * q < p * held), the same answer as comparing the Fractions, and quicker for a
    # dashboard of thousands.
    @cached_property
    def below(self) -> bool:
        t = self.threshold
        return self.held > 0 and self.completed * t.denominator < t.numerator * self.held

    @cached_property
    def unreachable(self) -> bool:
        t = self.threshold
        return self.total > 0 and (self.completed + self.remaining) * t.denominator < t.numerator * self.total

    @property
    def at_risk(self) -> bool:
        return self.below or self.unreachable

    @property
    def still_needed(self) -> int:
        """How many of the elements still to come they must complete to meet the threshold."""
        if not self.total:
            return 0
        needed = self.threshold * self.total - self.completed  # exact
        whole = -(-needed.numerator // needed.denominator)  # ceiling, in integers
        return max(whole, 0)

    @property
    def percent(self) -> int | None:
        """The share as a whole percentage for display, rounded down so 89.9% never shows as 90%."""
        return None if self.share is None else (self.share * 100).numerator // (self.share * 100).denominator

    @property
    def reachable_percent(self) -> int | None:
        value = self.reachable
        return None if value is None else (value * 100).numerator // (value * 100).denominator

    @cached_property
    def state(self) -> str:
        """not_started, on_track, below (under the threshold but can recover) or unreachable."""
        if self.unreachable:
            return "unreachable"
        if self.below:
            return "below"
        return "not_started" if self.share is None else "on_track"


def engagement(*, completed: int, held: int, remaining: int, threshold_percent: int) -> Engagement:
    if min(completed, held, remaining) < 0 or completed > held:
        raise ValueError("completed must be between 0 and the number of elements held")
    return Engagement(completed=completed, held=held, remaining=remaining,
                      threshold=Fraction(threshold_percent, 100))


# --- Visiting fellows -------------------------------------------------------------------------

def content_release_on(event_starts_at: dt.datetime) -> dt.date:
    return local_date(event_starts_at) - dt.timedelta(days=CONTENT_RELEASE_DAYS)


def briefing_days_before(*, briefing_starts_at: dt.datetime, event_starts_at: dt.datetime) -> int:
    """Whole days between briefing and event on UK calendar dates."""
    return (local_date(event_starts_at) - local_date(briefing_starts_at)).days


def briefing_problems(*, briefing_starts_at: dt.datetime, event_starts_at: dt.datetime,
                      duration_minutes: int) -> dict[str, str]:
    """What is wrong with a briefing's timing, by field; empty when it keeps the rules."""
    from django.utils.translation import gettext as _

    problems = {}
    days = briefing_days_before(briefing_starts_at=briefing_starts_at, event_starts_at=event_starts_at)
    if not BRIEFING_MIN_DAYS <= days <= BRIEFING_MAX_DAYS:
        problems["starts_at"] = _(
            "Hold the briefing one to two weeks before the session (between %(min)s and %(max)s days before); "
            "this is %(days)s days before.") % {"min": BRIEFING_MIN_DAYS, "max": BRIEFING_MAX_DAYS, "days": days}
    if duration_minutes < 1 or duration_minutes > BRIEFING_MAX_MINUTES:
        problems["duration_minutes"] = _("A briefing lasts at most %(max)s minutes.") % {
            "max": BRIEFING_MAX_MINUTES}
    return problems


def hours(minutes: int) -> str:
    """Minutes as hours to two decimal places (90 → "1.50", 50 → "0.83"), for exports and pages.

    The minutes are what is stored and summed; hours are only ever shown.
    """
    from decimal import ROUND_HALF_UP, Decimal

    return str((Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
