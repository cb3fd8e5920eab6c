"""Widgets whose markup GOV.UK Frontend defines as several inputs: dates and times.

A date is three text inputs (day, month, year), as GOV.UK's date input pattern asks, so it
works the same on every phone without a browser date picker. The posted value is put back
together as ISO text for the form field to parse, so a wrong day is the field's usual "Enter a
valid date" error, never a 500.

NOTE: a client may still post the single ISO value under the field's own name (the API-style
posts in tests and scripts do); that value wins when present.
"""

from __future__ import annotations

import datetime as dt

from django import forms


class DateInput(forms.MultiWidget):
    """Day, month and year as three inputs named `<name>_day`, `<name>_month`, `<name>_year`."""

    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        widgets = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            "month": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            "year": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if data.get(name):
            return data.get(name)
        day, month, year = (str(data.get(f"{name}_{part}", "") or "").strip() for part in self.parts)
        if not (day or month or year):
            return ""
        # A missing or non-numeric part leaves text the DateField cannot parse: its own error.
        if day.isdigit() and month.isdigit() and year.isdigit():
            return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{part}" in data for part in self.parts)

    template_name = "ui/widgets/date_input.html"

    def id_for_label(self, id_):
        # The error summary links here: the day, the first of the three inputs.
        return f"{id_}_0" if id_ else id_


class TimeInput(forms.TimeInput):
    """A 24-hour time typed as 16:00; phones show a numeric keyboard with a colon."""

    def __init__(self, attrs=None, format="%H:%M"):  # noqa: A002 (Django's own argument name)
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 5, **(attrs or {})},
                         format=format)
