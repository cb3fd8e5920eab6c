"""The programmes panels on the consortium dashboard: what needs the person now."""

from __future__ import annotations

from .selectors import access as access_selectors
from .selectors import me
from .selectors.events import upcoming_for


def _has_any(request) -> bool:
    return access_selectors.access(request.user, request.consortium).has_any


def next_events(request) -> dict | None:
    if not _has_any(request):
        return None
    # A fellow's sessions have their own panel; this one is the events the person takes part in.
    events = upcoming_for(request.user, request.consortium, limit=5, facilitating=False)
    return {"events": events} if events else None


def my_engagement(request) -> dict | None:
    if not _has_any(request):
        return None
    enrolments = [e for e in me.my_participation(request.user, request.consortium) if e.status == "active"]
    return {"enrolments": enrolments} if enrolments else None


def at_risk(request) -> dict | None:
    allowed = access_selectors.access(request.user, request.consortium)
    if not allowed.programme_ids(access_selectors.SEE_PARTICIPANTS) and not allowed.is_admin:
        return None
    participants = me.at_risk_for(request.user, request.consortium)
    if not participants:
        return None
    return {"participants": participants[:5], "count": len(participants)}


def next_sessions(request) -> dict | None:
    if not _has_any(request):
        return None
    sessions = me.my_next_sessions(request.user, request.consortium)
    return {"sessions": sessions} if sessions else None


def _ite_panels(request, programmes) -> dict | None:
    """The ITE figures of each programme whose every trainee the person may see (the partnership
    office, university tutors, the consortium's administrators); nothing for anyone else."""
    from django.utils import timezone

    from .rules import academic_year_label
    from .selectors import ite as ite_selectors

    allowed = access_selectors.access(request.user, request.consortium)
    if not allowed.has_any:
        return None
    today = timezone.localdate()
    summaries = []
    for programme in programmes:
        if not allowed.can(access_selectors.SEE_PARTICIPANTS, programme.pk):
            continue
        summary = ite_selectors.ite_summary(programme, ite_selectors.panel_year(programme, today))
        summary["year_label"] = academic_year_label(summary["year"])
        summary["can_run"] = allowed.can(access_selectors.RUN, programme.pk)  # the board is the office's
        summaries.append(summary)
    return {"summaries": summaries} if summaries else None


def ite_overview(request) -> dict | None:
    """Initial teacher education on the consortium dashboard."""
    from .models import Programme

    if not access_selectors.access(request.user, request.consortium).has_any:
        return None
    return _ite_panels(request, Programme.objects.filter(
        consortium_id=request.consortium.pk, kind=Programme.Kind.ITE).order_by("name", "pk"))


def ite_partnership(request, partnership) -> dict | None:
    """The same figures on the partnership page of the ITE partnership."""
    from .models import Programme

    if not access_selectors.access(request.user, partnership.consortium).has_any:
        return None
    return _ite_panels(request, Programme.objects.filter(
        consortium_id=partnership.consortium_id, partnership=partnership, kind=Programme.Kind.ITE,
    ).order_by("name", "pk"))
