"""Reading spreadsheet cells (text, numbers, money, academic years) and the import preview's diff."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _
from import_export import resources

from consortia import spreadsheets
from consortia.text import clean_text

MAX_BUDGET = Decimal("9999999999.99")  # OrganisationYear.budget: 12 digits, 2 after the point
_ACADEMIC_YEAR = re.compile(r"(\d{4})(?:\s*[/-]\s*(\d{4}|\d{2}))?")


def _text(value, *, multiline: bool = False) -> str:
    """A cell as text, cleaned of control characters. Spreadsheets give numbers (a school code, a year)
    as int or float; a cell our own export escaped ("'=…") reads back as it was."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(spreadsheets.unescape_cell(str(value).strip()), multiline=multiline).strip()


def _column(heading) -> str:
    """Headings are matched loosely, so "School code" is the school_code column."""
    return re.sub(r"[\s\-]+", "_", _text(heading).casefold())


def _choice_lookup(choices) -> dict[str, str]:
    """A choice's code and its English and Welsh labels, each mapped to the code."""
    lookup = {}
    for code, label in choices:
        lookup[code.casefold()] = code
        for language in ("en", "cy"):
            with translation.override(language):
                lookup[str(label).casefold()] = code
    return lookup


def _whole_number(value) -> int | None:
    text = _text(value).replace(",", "")
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        raise ValueError(_("Enter a whole number.")) from None
    if number < 0:
        raise ValueError(_("This cannot be negative."))
    return number


def _money(value) -> Decimal | None:
    text = re.sub(r"[£,\s]", "", _text(value))
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValueError(_("Enter an amount in pounds, such as 1250000 or 1,250,000.00."))
    if amount < 0:
        raise ValueError(_("This cannot be negative."))
    # Spreadsheets store money as binary floats (1234.5000000001): round to the penny.
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount > MAX_BUDGET:
        raise ValueError(_("This is more than the largest budget that can be recorded."))
    return amount


def _academic_year(value) -> int | None:
    text = _text(value)
    if not text:
        return None
    match = _ACADEMIC_YEAR.fullmatch(text)
    if match is None:
        raise ValueError(_("Enter the year the academic year starts, such as 2025 or 2025/26."))
    start, end = int(match[1]), match[2]
    if end and int(end) != (start + 1) % 10 ** len(end):
        raise ValueError(_("An academic year runs into the next year, such as 2025/26."))
    if not 2000 <= start <= 2100:
        raise ValueError(_("Enter a year between 2000 and 2100."))
    return start


class _Diff(resources.Diff):
    """The preview shows values as the export writes them, computed columns included."""

    # import-export's Diff calls Diff._read_field_values by name, so both callers are replaced.
    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = self._read_field_values(resource, instance)

    def compare_with(self, resource, instance):
        self.right = self._read_field_values(resource, instance)

    @classmethod
    def _read_field_values(cls, resource, instance):
        return [resource.export_field(field, instance) for field in resource.get_import_fields()]
