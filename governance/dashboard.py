"""The governance panel on the consortium dashboard: meetings this fortnight and my actions due."""

import datetime as dt

from django.utils import timezone

from . import selectors
from .models import Action


def dashboard_context(request) -> dict:
    now = timezone.now()
    meetings = list(
        selectors.meeting_list(request.user, request.consortium, when="upcoming")
        .filter(starts_at__lte=now + dt.timedelta(days=14))[:5]
    )
    actions = list(
        selectors.my_actions(request.user, request.consortium)
        .filter(status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS],
                due_on__lte=timezone.localdate() + dt.timedelta(days=14))[:5]
    )
    return {"meetings": meetings, "actions": actions, "today": timezone.localdate()}
