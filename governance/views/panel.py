"""The governance panel on the partnership page."""

from __future__ import annotations

from django.utils import timezone

from partnerships.selectors import has_partnership_perm

from .. import selectors
from ..models import Meeting, Subscription
from ._common import MANAGE, READ


def partnership_panel(request, partnership):
    """The governance panel on the partnership page: compliance this year and the next meetings."""
    if not has_partnership_perm(request.user, READ, partnership):
        return None
    upcoming = list(selectors.meetings_base(partnership.consortium_id).filter(
        partnership=partnership, starts_at__gte=timezone.now()).exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")[:3])
    return {
        "governance_partnership": partnership,
        "compliance": selectors.partnership_compliance(partnership),
        "upcoming": upcoming,
        "can_manage": has_partnership_perm(request.user, MANAGE, partnership),
        "subscribed": Subscription.objects.for_consortium(partnership.consortium_id).filter(
            partnership=partnership, user=request.user).exists(),
    }
