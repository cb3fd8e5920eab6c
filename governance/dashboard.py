"""The governance panel on the consortium dashboard: what needs the person now.

Replies the person owes, papers to read before their next meetings, an overdue register of
interests, minutes newly circulated to them (observers read these), meetings this fortnight and
their actions due. Five queries, however many meetings, papers or partnerships there are.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from . import rules, selectors
from .models import Action

FORTNIGHT = dt.timedelta(days=14)
NEW_MINUTES = dt.timedelta(days=30)


def dashboard_context(request) -> dict:
    user, consortium = request.user, request.consortium
    now = timezone.now()
    today = timezone.localdate()
    meetings = list(
        selectors.meeting_list(user, consortium, when="upcoming")
        .filter(Q(starts_at__lte=now + FORTNIGHT) | Q(reply_needed=True)).exclude(status="cancelled")[:8]
    )
    soon = [m for m in meetings if m.starts_at <= now + FORTNIGHT]
    papers = selectors.papers_to_read(user, consortium, [m.pk for m in soon if m.invited])
    actions = list(
        selectors.my_actions(user, consortium)
        .filter(status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS], due_on__lte=today + FORTNIGHT)[:5]
    )
    interests = selectors.my_interests_status(user, consortium, today)
    return {
        "replies_needed": [m for m in meetings if m.reply_needed],
        "meetings": soon[:5],
        "papers": papers,
        "interests_status": interests,
        "interests_year": rules.academic_year_label(rules.academic_year_of(today)),
        "new_minutes": selectors.minutes_circulated_to(user, consortium, since=now - NEW_MINUTES),
        "actions": actions,
        "today": today,
    }
