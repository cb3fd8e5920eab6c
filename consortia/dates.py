"""The sensible range of every kind of date people enter, in one place.

Each kind of date is a `DateRange`. The same object is the validator on the model field (so
ModelForms, the admin and ModelSerializers check it), on a plain form or serializer field
(`forms.DateField(validators=[dates.MEETING])`), and what a service calls before it writes
(`dates.MEETING.check(starts_at, field="starts_at")`). A date outside its range is bad input
with a message that gives the range, never an OverflowError further on.

A new app adds its kinds to `KINDS` (the key is what migrations record, so keep it stable and
change the bounds freely). `shift()` moves a stored date by days without overflowing, for
rules that must cope with any row already in the database.

    from consortia import dates
    due_on = forms.DateField(validators=[dates.ACTION_DUE])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Bounds:
    earliest: dt.date | None  # None: no earlier than today
    years_ahead: int


# NOTE: wide enough for every real date (a partnership's history, a long-standing interest, a
# meeting planned years ahead), narrow enough that arithmetic on them can never overflow.
KINDS: dict[str, Bounds] = {
    "meeting": Bounds(dt.date(2000, 1, 1), years_ahead=5),
    "action_due": Bounds(dt.date(2000, 1, 1), years_ahead=5),
    "interest": Bounds(dt.date(1950, 1, 1), years_ahead=1),
    "membership": Bounds(dt.date(1950, 1, 1), years_ahead=5),
    "office_term": Bounds(dt.date(2000, 1, 1), years_ahead=15),
    "postponement": Bounds(None, years_ahead=1),
    # Money: a financial year's terms, release days, payments and charges (a few years of history).
    "finance": Bounds(dt.date(2000, 1, 1), years_ahead=5),
}


@deconstructible
class DateRange:
    def __init__(self, kind: str):
        if kind not in KINDS:
            raise ValueError(f"Unknown kind of date {kind!r}; add it to consortia.dates.KINDS.")
        self.kind = kind

    def __eq__(self, other) -> bool:
        return isinstance(other, DateRange) and other.kind == self.kind

    def __hash__(self) -> int:
        return hash(self.kind)

    def __repr__(self) -> str:
        return f"DateRange({self.kind!r})"

    def bounds(self, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
        today = today or timezone.localdate()
        spec = KINDS[self.kind]
        return spec.earliest or today, today + dt.timedelta(days=365 * spec.years_ahead + spec.years_ahead // 4)

    def __call__(self, value) -> None:
        if value is None:
            return
        # A datetime's own calendar date: converting it to another zone first could overflow.
        day = value.date() if isinstance(value, dt.datetime) else value
        earliest, latest = self.bounds()
        if not earliest <= day <= latest:
            raise ValidationError(
                _("Enter a date between %(earliest)s and %(latest)s.")
                % {"earliest": date_format(earliest, "j F Y"), "latest": date_format(latest, "j F Y")},
                code="date_out_of_range")

    def check(self, value, *, field: str | None = None) -> None:
        """The service's check: the same refusal, keyed by `field` so a form or the API puts it beside the field."""
        try:
            self(value)
        except ValidationError as exc:
            raise ValidationError({field: exc.error_list}) if field else exc from None


MEETING = DateRange("meeting")
ACTION_DUE = DateRange("action_due")
INTEREST = DateRange("interest")
MEMBERSHIP = DateRange("membership")
OFFICE_TERM = DateRange("office_term")
POSTPONEMENT = DateRange("postponement")
FINANCE = DateRange("finance")


def shift(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, held at the first or last date there is rather than overflowing."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min
