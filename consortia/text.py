"""Text people type is cleaned in one place: no control characters and no bidirectional overrides.

Terminal escapes (ESC), bells, NULs, stray carriage returns and the Unicode controls that reverse
how text is shown (U+202E and its kin) have no place in a meeting title or a reason. They make
calendar files invalid, break email headers and can disguise what a text says. `clean_text`
removes them; line breaks are kept (as "\n") in multi-line text and become spaces elsewhere.

`install()` runs from `ConsortiaConfig.ready()` and puts `clean_text` into every text field of
every form (the site's, the admin's, allauth's) and every text field of the REST API, so a new
app gets it without doing anything. Password fields are left exactly as typed. Anything that
writes text another way (an import, a calendar file) calls `clean_text` itself.
"""

from __future__ import annotations

import re

# C0 controls other than tab and line feed, DEL, C1 controls, and the bidirectional embeddings,
# overrides and isolates. Carriage returns and Unicode line separators are made line feeds first.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
_SINGLE_LINE_BREAKS = re.compile("[\t\n]+")


def clean_text(value: str, *, multiline: bool) -> str:
    value = _LINE_BREAKS.sub("\n", value)
    if not multiline:
        value = _SINGLE_LINE_BREAKS.sub(" ", value)
    return _UNSAFE.sub("", value)


def is_clean(value: str, *, multiline: bool = True) -> bool:
    return clean_text(value, multiline=multiline) == value


def install() -> None:
    """Clean every form and API text field as it is read. Safe to call more than once."""
    from django import forms
    from rest_framework import fields

    if getattr(forms.CharField.to_python, "cleans_text", False):
        return

    django_to_python = forms.CharField.to_python

    def to_python(self, value):
        value = django_to_python(self, value)
        if not isinstance(value, str) or not value or isinstance(self.widget, forms.PasswordInput):
            return value
        value = clean_text(value, multiline=isinstance(self.widget, forms.Textarea))
        value = value.strip() if self.strip else value
        return value or self.empty_value

    to_python.cleans_text = True
    forms.CharField.to_python = to_python

    drf_run_validation = fields.CharField.run_validation

    def run_validation(self, data=fields.empty):
        if isinstance(data, str) and self.style.get("input_type") != "password":
            # Text without a length limit (a reason, a description) may run over several lines.
            multiline = self.style.get("base_template") == "textarea.html" or self.max_length is None
            data = clean_text(data, multiline=multiline)
        return drf_run_validation(self, data)

    fields.CharField.run_validation = run_validation
