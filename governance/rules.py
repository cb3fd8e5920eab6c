"""The meetings rulebook (seed 001) as pure functions: notice, quorum, academic years, interests.

Kept free of the database so the rules can be read, and tested, on their own.
"""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from django.conf import settings

LONDON = ZoneInfo("Europe/London")

# Representatives confirm their register of interests every academic year from 1 September;
# a confirmation is "due" for this many days, then "overdue".
INTERESTS_GRACE_DAYS = getattr(settings, "GOVERNANCE_INTERESTS_GRACE_DAYS", 30)
# The consortium admin is warned this many days before a chair's term of office ends.
TERM_WARNING_DAYS = getattr(settings, "GOVERNANCE_TERM_WARNING_DAYS", 60)
# Reminders before a meeting, in days before its start, sent at REMINDER_HOUR in Europe/London.
MEETING_REMINDER_DAYS = (3, 1)
# Reminders to an action's owner: days before the due date, and days after it.
ACTION_REMINDER_BEFORE_DAYS = 3
ACTION_REMINDER_AFTER_DAYS = 1
REMINDER_HOUR = 8


def local_date(moment: dt.datetime) -> dt.date:
    try:
        return moment.astimezone(LONDON).date()
    except OverflowError:  # a stored moment at the very edge of the calendar: its own date is near enough
        return moment.date()


def local_morning(day: dt.date, hour: int = REMINDER_HOUR) -> dt.datetime:
    """`hour` o'clock in Europe/London on `day`, as an aware datetime (stored in UTC)."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


def notice_days_given(*, sent_at: dt.datetime, starts_at: dt.datetime) -> int:
    """Whole days between the notice and the meeting, counted on UK calendar dates.

    Sent on Tuesday 7 January for a meeting on Tuesday 14 January is 7 days' notice.
    """
    return (local_date(starts_at) - local_date(sent_at)).days


def notice_is_late(*, sent_at: dt.datetime, starts_at: dt.datetime, notice_days: int) -> bool:
    return notice_days_given(sent_at=sent_at, starts_at=starts_at) < notice_days


def notice_deadline(*, starts_at: dt.datetime, notice_days: int) -> dt.date:
    """The last UK date on which a notice is still on time."""
    day = local_date(starts_at)
    try:
        return day - dt.timedelta(days=notice_days)
    except OverflowError:  # only for a meeting stored before dates were checked: there is no earlier date
        return dt.date.min


def quorum_required(*, rule: str, value: int | None, member_count: int) -> int:
    """How many member organisations must be represented for the meeting to be quorate.

    majority: more than half of the members; fraction: `value`% of them, rounded up;
    count: `value` members (never more than there are).
    """
    if rule == "fraction":
        return max(1, math.ceil((value or 0) * member_count / 100))
    if rule == "count":
        return max(1, value or 0)
    return member_count // 2 + 1


def academic_year_of(day: dt.date) -> int:
    """The academic year runs September to August; 2026 means 2026/27."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """Aware datetimes for 1 September `year` 00:00 and 1 September `year + 1` 00:00, UK time."""
    return (dt.datetime(year, 9, 1, tzinfo=LONDON), dt.datetime(year + 1, 9, 1, tzinfo=LONDON))


def academic_year_label(year: int) -> str:
    return f"{year}/{str(year + 1)[-2:]}"


def interests_status(*, confirmed: bool, today: dt.date) -> str:
    """confirmed, due (within the grace period after 1 September) or overdue."""
    if confirmed:
        return "confirmed"
    start = dt.date(academic_year_of(today), 9, 1)
    return "due" if (today - start).days < INTERESTS_GRACE_DAYS else "overdue"
