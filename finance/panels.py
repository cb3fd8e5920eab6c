"""The finance panels: on the dashboard (what needs the person now) and on the partnership page."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils import timezone

from consortia import roles as role_registry
from consortia.permissions import has_consortium_perm
from partnerships.selectors import held_roles

from . import selectors
from .access import APPROVE, MANAGE, viewer_for
from .models import Charge, Payment


def dashboard_context(request) -> dict | None:
    """Drafts and payments waiting for this person's approval, and what their schools owe this year.

    Four queries at most, however many partnerships, charges or schools.
    """
    consortium, user = request.consortium, request.user
    held = [(r.partnership_id, r.role, r.organisation_id) for r in held_roles(user, consortium)]
    is_admin = has_consortium_perm(user, "consortia.administer_consortium", consortium)
    approves = {p for p, role, _o in held if APPROVE in role_registry.permissions_for({role})}
    manages = {p for p, role, _o in held if MANAGE in role_registry.permissions_for({role})}
    represents = {(p, o) for p, role, o in held if role == "representative" and o}
    if not (is_admin or approves or manages or represents):
        return None
    context: dict = {"approvals": 0, "payments": 0, "to_pay": 0, "schools": []}
    if is_admin or approves or manages:
        scope = Q() if is_admin else Q(budget__partnership_id__in=approves | manages)
        context["approvals"] = (Charge.objects.for_consortium(consortium).filter(scope, status=Charge.Status.DRAFT)
                                .exclude(raised_by=user).count())
        payments = Payment.objects.for_consortium(consortium).filter(scope).aggregate(
            waiting=Count("pk", filter=Q(status=Payment.Status.REQUESTED) & ~Q(requested_by=user)),
            to_pay=Count("pk", filter=Q(status=Payment.Status.APPROVED)))
        context["payments"], context["to_pay"] = payments["waiting"], payments["to_pay"]
    if represents:
        today = timezone.localdate()
        rows = (Charge.objects.for_consortium(consortium)
                .filter(budget__starts_on__lte=today, budget__ends_on__gte=today, status__in=selectors.COUNTED,
                        organisation_id__in={o for _p, o in represents},
                        budget__partnership_id__in={p for p, _o in represents})
                .values("budget_id", "budget__partnership_id", "organisation_id", "organisation__name")
                .annotate(charged=Sum("amount_pence"),
                          received=Sum("amount_pence", filter=Q(status=Charge.Status.PAID)))
                .order_by("organisation__name"))
        context["schools"] = [
            {"name": r["organisation__name"], "balance": (r["charged"] or 0) - (r["received"] or 0),
             "budget_id": r["budget_id"], "organisation_id": r["organisation_id"]}
            for r in rows if (r["budget__partnership_id"], r["organisation_id"]) in represents]
    if not (context["approvals"] or context["payments"] or context["to_pay"] or context["schools"]):
        return None
    return context


def partnership_context(request, partnership) -> dict | None:
    """This year's budget of the partnership, in totals, for anyone with a role in it."""
    viewer = viewer_for(request.user, partnership)
    if not viewer.can_view:
        return None
    budget = selectors.budget_on(partnership, timezone.localdate())
    return {"finance_partnership": partnership, "budget": budget, "viewer": viewer,
            "summary": selectors.budget_summary(budget) if budget else None}
