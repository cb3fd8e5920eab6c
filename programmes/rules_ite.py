"""The numbers and derivations of ITE placements and joint-plan milestones, in one place.

Pure functions of recorded facts: nothing here reads the database or the clock itself.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

# RTT's MINIMUM_PLACEMENTS: two schools, none for assessment-only routes.
MINIMUM_PLACEMENTS = 2
NO_PLACEMENT_ROUTES = frozenset({"assessment_only"})

# Size bands from the pupils recorded for the academic year (OrganisationYear).
SIZE_BANDS = ((600, "small", _("small (under 600 pupils)")), (1200, "medium", _("medium (600 to 1,199)")),
              (None, "large", _("large (1,200 or more)")))

# RTT's state machine (PROGRAMMES.md §1.4): from each state, where a trainee may go next.
TRANSITIONS = {
    "draft": {"submitted_for_trn"},
    "submitted_for_trn": {"trn_received", "withdrawn", "deferred"},
    "trn_received": {"trn_received", "recommended_for_award", "withdrawn", "deferred"},
    "deferred": {"submitted_for_trn", "trn_received", "withdrawn"},
    "recommended_for_award": {"awarded"},
    "withdrawn": set(),
    "awarded": set(),
}

WITHDRAWAL_REASONS = {
    "record_added_in_error": _("Record added in error"),
    "stopped_responding_to_messages": _("Stopped responding to messages"),
    "unacceptable_behaviour": _("Unacceptable behaviour"),
    "lack_of_progress_during_placements": _("Lack of progress during placements"),
    "did_not_make_progress": _("Did not make progress"),
    "not_meeting_qts_standards": _("Not meeting the QTS standards"),
    "safeguarding_concerns": _("Safeguarding concerns"),
    "trainee_workload_issues": _("Workload issues"),
    "change_in_personal_or_health_circumstances": _("Change in personal or health circumstances"),
    "does_not_want_to_become_a_teacher": _("Does not want to become a teacher"),
    "moved_to_different_itt_course": _("Moved to a different ITT course"),
    "had_to_withdraw_trainee_another_reason": _("Another reason (provider)"),
    "trainee_chose_to_withdraw_another_reason": _("Another reason (trainee)"),
}


def size_band(pupils: int | None) -> str:
    if pupils is None:
        return ""
    for limit, code, _label in SIZE_BANDS:
        if limit is None or pupils < limit:
            return code
    return ""


def milestone_lateness(baseline: dt.date, forecast: dt.date | None, actual: dt.date | None,
                       today: dt.date) -> dict:
    """The milestone's state and its days late against the baseline, on `today`.

    Achieved: late by actual − baseline (never negative). Not achieved: overdue once today is
    past the baseline (late by today − baseline, or the forecast's slip if later); before the
    baseline, "late" when the forecast slips past it, else on track. On the baseline day itself
    a milestone not yet achieved is due, not overdue.
    """
    if actual is not None:
        days = max((actual - baseline).days, 0)
        return {"state": "achieved_late" if days else "achieved", "days": days}
    slip = max((forecast - baseline).days, 0) if forecast else 0
    if today > baseline:
        return {"state": "overdue", "days": max((today - baseline).days, slip)}
    if slip:
        return {"state": "forecast_late", "days": slip}
    return {"state": "due" if today == baseline else "on_track", "days": 0}


def contrast(attributes: list[str], first: dict, second: dict) -> list[str]:
    """The attributes of the partnership's rule on which two schools' recorded profiles differ.

    An attribute not recorded for either school never counts as a difference: the system only
    says a contrast holds when the records show it.
    """
    return [name for name in attributes
            if first.get(name) and second.get(name) and first[name] != second[name]]


def contrast_holds(attributes: list[str], minimum: int, first: dict, second: dict) -> bool:
    return len(contrast(attributes, first, second)) >= minimum


def term_dates(academic_year: int, term: str) -> tuple[dt.date, dt.date]:
    """A placement's default dates in a term; the office changes them to the schools' own."""
    if term == "autumn":
        return dt.date(academic_year, 9, 8), dt.date(academic_year, 12, 12)
    if term == "spring":
        return dt.date(academic_year + 1, 1, 12), dt.date(academic_year + 1, 3, 27)
    return dt.date(academic_year + 1, 4, 20), dt.date(academic_year + 1, 7, 10)
