"""The agreements panel on the consortium dashboard: agreements waiting for my acceptance."""

from .selectors import agreements_awaiting


def dashboard_context(request) -> dict | None:
    awaiting = list(agreements_awaiting(request.user, request.consortium)[:5])
    return {"awaiting": awaiting} if awaiting else None
