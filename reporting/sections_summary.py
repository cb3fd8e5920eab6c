"""The year's summary in the partnership's own words, first in the report (reporting.models.ReportSummary)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership

from .sections import ReportYear, Section, register


def gather_summary(partnership: Partnership, year: ReportYear) -> dict | None:
    from .selectors import summary_for  # selectors import sections: read them at call time

    entry = summary_for(partnership, year.year)
    if entry is None or not (entry.summary or entry.summary_cy):
        return None  # no summary written: the report opens with its figures, without an empty heading
    return {"entry": entry}


def register_summary_section() -> None:
    register(Section(key="summary", order=5, title=_("The year in summary"), gather=gather_summary,
                     template="reporting/sections/summary.html"))
