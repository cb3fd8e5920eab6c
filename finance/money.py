"""Money is whole pence (GBP) everywhere: stored in `*_pence` BigIntegerFields, never floats.

NOTE: the one rounding rule for a rate times a time is here: half-up to the penny (Python's
Decimal default is half-even, which would turn 0.5p into 0p). Every chargeable amount of PD
release goes through `rate_for_minutes`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from babel.numbers import format_currency
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# The largest amount anyone may type: £10 million. Larger is a typing slip, not a partnership cost.
MAX_PENCE = 10_000_000 * 100


def _locale(language: str | None) -> str:
    language = language or get_language() or "en"
    return "cy_GB" if language.startswith("cy") else "en_GB"


def format_pence(pence: int | None, language: str | None = None) -> str:
    """£1,234.56 in English and Welsh alike; a credit (negative) as -£1,234.56."""
    if pence is None:
        return "—"
    return format_currency(Decimal(int(pence)).scaleb(-2), "GBP", locale=_locale(language))


def pounds(pence: int) -> Decimal:
    """Pence as a Decimal of pounds (two places), for exports a finance system reads as a number."""
    return Decimal(int(pence)).scaleb(-2).quantize(Decimal("0.01"))


_AMOUNT = re.compile(r"^-?\d+(\.\d{1,2})?$")


def parse_pounds(text: str | Decimal | int, *, allow_negative: bool = False) -> int:
    """'£1,234.5' -> 123450. More than two decimal places is refused, never rounded silently."""
    raw = str(text).strip().replace(",", "").replace("£", "").replace(" ", "")
    if not _AMOUNT.match(raw):
        raise ValidationError(_("Enter an amount in pounds and pence, like 1250.00."))
    try:
        pence = int((Decimal(raw) * 100).to_integral_exact())
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid decimals
        raise ValidationError(_("Enter an amount in pounds and pence, like 1250.00.")) from exc
    if pence < 0 and not allow_negative:
        raise ValidationError(_("Enter an amount of zero or more."))
    if abs(pence) > MAX_PENCE:
        raise ValidationError(_("Enter an amount of £10,000,000 or less."))
    return pence


def round_half_up(value: Fraction) -> int:
    """A non-negative exact amount of pence to the nearest penny, halves up."""
    if value < 0:
        return -round_half_up(-value)
    whole, rest = divmod(value.numerator, value.denominator)
    return whole + (1 if 2 * rest >= value.denominator else 0)


def rate_for_minutes(hourly_rate_pence: int, minutes: int) -> int:
    """The charge for `minutes` at an hourly rate: exact, then half-up to the penny."""
    return round_half_up(Fraction(hourly_rate_pence * minutes, 60))


def hours_label(minutes: int) -> str:
    """Minutes as hours for people: 90 -> '1.5', 180 -> '3', 20 -> '0.33'."""
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return f"{hours:f}"
