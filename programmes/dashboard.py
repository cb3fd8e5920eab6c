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
