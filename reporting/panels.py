"""The "Reports" panel on the partnership page (registered from ReportingConfig.ready())."""

from __future__ import annotations

from partnerships.models import current_academic_year

from . import selectors
from .forms import GenerateForm
from .sections import ReportYear

PANEL_BUILDS = 12


def reports_panel(request, partnership) -> dict | None:
    if not selectors.can_view_reports(request.user, partnership):
        return None
    can_generate = selectors.can_generate(request.user, partnership)
    builds = list(selectors.builds_for(partnership)[:PANEL_BUILDS])
    for build in builds:
        build.partnership = partnership
    language = "cy" if (getattr(request, "LANGUAGE_CODE", "") or "").startswith("cy") else "en"
    return {
        "builds": builds, "can_generate": can_generate,
        "can_delete": selectors.can_delete(request.user, partnership.consortium),
        "form": GenerateForm(auto_id="report_%s",
                             initial={"academic_year": current_academic_year(), "language": language})
        if can_generate else None,
        "partnership": partnership,
        "year_label": ReportYear(current_academic_year()).label,
    }
