"""What every finance service shares: permission checks, numbering, history attribution."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Max

from consortia.models import Membership
from partnerships.models import Partnership

from ..access import FinanceViewer, viewer_for
from ..models import Budget


def attribute(obj, by):
    """Record `by` as the author of this change in the row's history (outside a request too)."""
    if by is not None:
        obj._history_user = by
    return obj


def require(viewer: FinanceViewer, allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def manager(by, partnership: Partnership) -> FinanceViewer:
    viewer = viewer_for(by, partnership)
    require(viewer, viewer.can_manage)
    return viewer


def approver(by, partnership: Partnership) -> FinanceViewer:
    viewer = viewer_for(by, partnership)
    require(viewer, viewer.can_approve)
    return viewer


def locked_budget(budget: Budget) -> Budget:
    """The budget row locked: numbering charges and payments, and statement versions, go one at a time."""
    return Budget.objects.select_for_update().select_related("partnership").get(
        consortium_id=budget.consortium_id, pk=budget.pk)


def next_number(model, budget: Budget) -> int:
    """Call with the budget locked (locked_budget)."""
    latest = model.objects.filter(consortium_id=budget.consortium_id, budget=budget).aggregate(n=Max("number"))["n"]
    return (latest or 0) + 1


def is_member_of_consortium(user, consortium_id: int) -> bool:
    return Membership.objects.filter(consortium_id=consortium_id, user=user, is_active=True).exists()
