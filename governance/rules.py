"""The meetings rulebook (seed 001) as pure functions: notice, quorum, academic years, interests.

Kept free of the database so the rules can be read, and tested, on their own.
"""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

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


def replies_open(*, status: str, starts_at: dt.datetime, now: dt.datetime | None = None) -> bool:
    """A notice is answered from when it is sent until the meeting starts: once it has begun, the
    attendance on the day is what counts, and a reply would change nothing."""
    return status == "notice_sent" and starts_at > (now or timezone.now())


def local_morning(day: dt.date, hour: int = REMINDER_HOUR) -> dt.datetime:
    """`hour` o'clock in Europe/London on `day`, as an aware datetime (stored in UTC)."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


CLEAR = "clear"
CALENDAR = "calendar"


def notice_days_given(*, sent_at: dt.datetime | dt.date, starts_at: dt.datetime, counting: str = CLEAR) -> int:
    """Days of notice given, on UK dates.

    Clear days (the default, as the school governance regulations count them) leave out both the
    day the notice is sent and the day of the meeting: sent on Tuesday 1 December for a meeting on
    Wednesday 9 December is 7 clear days. Calendar days count from date to date: sent on 1 December
    for 8 December is 7 days. A notice sent on the day of the meeting gives no notice at all.
    """
    sent = sent_at if not isinstance(sent_at, dt.datetime) else local_date(sent_at)
    between = (local_date(starts_at) - sent).days
    if counting == CALENDAR:
        return max(between, 0)
    return max(between - 1, 0)


def notice_is_late(*, sent_at: dt.datetime | dt.date, starts_at: dt.datetime, notice_days: int,
                   counting: str = CLEAR) -> bool:
    return notice_days_given(sent_at=sent_at, starts_at=starts_at, counting=counting) < notice_days


def notice_deadline(*, starts_at: dt.datetime, notice_days: int, counting: str = CLEAR) -> dt.date:
    """The last UK date on which a notice is still on time: 1 December for 7 clear days before 9 December."""
    extra = 0 if counting == CALENDAR else 1
    try:
        return local_date(starts_at) - dt.timedelta(days=notice_days + extra)
    except OverflowError:  # only for a meeting stored before dates were checked: there is no earlier date
        return dt.date.min


def notice_of(partnership) -> dict:
    """A partnership's notice rule, as keyword arguments for the functions above."""
    return {"notice_days": partnership.notice_days, "counting": partnership.notice_counting}


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


# --- The minimum number of strategic meetings, for a year finished or in progress --------------

MET = "met"
NOT_MET = "not_met"
ON_TRACK = "on_track"
BEHIND = "behind"


def expected_by(*, minimum: int, year: int, on: dt.date) -> int:
    """Strategic meetings a partnership should have held by `on`, pro rata to the days of the year gone.

    Whole meetings only, rounded down: 3 a year is 0 before December, 1 from early March, 3 at the end.
    """
    start, end = dt.date(year, 9, 1), dt.date(year + 1, 9, 1)
    if on >= end:
        return minimum
    if on < start:
        return 0
    return math.floor(minimum * (on - start).days / (end - start).days)


def minimum_progress(*, held: int, planned: int, minimum: int, year: int, on: dt.date) -> str:
    """met / not_met once the year is over; while it runs, on_track or behind.

    On track means both: as many held as are due pro rata by now, and enough planned for the rest of
    the year to reach the minimum. Behind means either is missing.
    """
    if on >= dt.date(year + 1, 9, 1):
        return MET if held >= minimum else NOT_MET
    if held >= minimum:
        return MET
    due = expected_by(minimum=minimum, year=year, on=on)
    return ON_TRACK if held >= due and held + planned >= minimum else BEHIND



# --- A year of meetings, as compliance pages and the annual report count it ----------------------

NOTICE_CANCELLED = "cancelled"
NOTICE_ON_TIME = "on_time"
NOTICE_SHORT = "short"
NOTICE_MISSED = "missed"  # the deadline passed and no notice went
NOTICE_NOT_YET_DUE = "not_yet_due"
NOTICE_NOT_RECORDED = "not_recorded"  # recorded after the event without the date of its notice


def notice_state(meeting, *, notice_days: int, counting: str, today: dt.date) -> tuple[str, int | None]:
    """(state, days of notice given) for one meeting; `meeting` is a Meeting or a dict of its fields."""
    get = meeting.get if isinstance(meeting, dict) else lambda name: getattr(meeting, name)
    if get("status") == "cancelled":
        return NOTICE_CANCELLED, None
    sent_at, starts_at = get("notice_sent_at"), get("starts_at")
    if sent_at is not None:
        days = notice_days_given(sent_at=sent_at, starts_at=starts_at, counting=counting)
        return (NOTICE_ON_TIME if days >= notice_days else NOTICE_SHORT), days
    if get("recorded_after"):
        return NOTICE_NOT_RECORDED, None
    if today > notice_deadline(starts_at=starts_at, notice_days=notice_days, counting=counting):
        return NOTICE_MISSED, None
    return NOTICE_NOT_YET_DUE, None


def year_figures(meetings, *, notice_days: int, counting: str, minimum: int, year: int,
                 now: dt.datetime) -> dict:
    """A partnership's record for an academic year, from its meetings that start in the year.

    Only meetings that took place (held: attendance recorded) count as held. Notice compliance is
    over the meetings whose notice has gone or was due by today, so a meeting whose notice is not
    yet due is neither on time nor late. While the year runs, the minimum is compared pro rata.
    """
    today = local_date(now)
    held = planned = 0
    states: dict[str, int] = {}
    for meeting in meetings:
        get = meeting.get if isinstance(meeting, dict) else lambda name, m=meeting: getattr(m, name)
        state, _days = notice_state(meeting, notice_days=notice_days, counting=counting, today=today)
        states[state] = states.get(state, 0) + 1
        if get("kind") != "strategic" or get("status") == "cancelled":
            continue
        if get("status") == "held":
            held += 1
        elif get("starts_at") >= now:
            planned += 1
    on_time, short, missed = (states.get(k, 0) for k in (NOTICE_ON_TIME, NOTICE_SHORT, NOTICE_MISSED))
    due = on_time + short + missed
    progress = minimum_progress(held=held, planned=planned, minimum=minimum, year=year, on=today)
    return {
        "strategic_held": held, "strategic_planned": planned, "minimum": minimum,
        "expected_to_date": expected_by(minimum=minimum, year=year, on=today),
        "progress": progress, "on_track": progress in (MET, ON_TRACK),
        "in_progress": today < dt.date(year + 1, 9, 1),
        "notices_due": due, "notices_on_time": on_time, "notices_short": short, "notices_missed": missed,
        "notices_not_yet_due": states.get(NOTICE_NOT_YET_DUE, 0),
        "notices_not_recorded": states.get(NOTICE_NOT_RECORDED, 0),
        "notice_rate": (on_time / due) if due else None,
    }
