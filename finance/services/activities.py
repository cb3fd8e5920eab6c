"""Costed activities: who shares them, sharing the cost to the penny, and raising the charges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from consortia.scoping import require_same_consortium
from partnerships.models import Organisation, OrganisationYear

from .. import sharing, terms
from ..models import ActivityMember, Budget, BudgetLine, Charge, CostedActivity, CostShare, ShareCalculation
from ..models.activities import Basis
from ._common import attribute, locked_budget, manager, next_number

ACTIVITY_FIELDS = {"title", "title_cy", "kind", "description", "held_on", "cost_pence", "basis", "academic_year",
                   "budget_line"}
# Changing any of these changes the shares: allowed only until charges are issued.
SHARING_FIELDS = {"cost_pence", "basis", "academic_year"}


def _year_label(year: int) -> str:
    return terms.year_label(terms.ACADEMIC, year)


# --- Weights -----------------------------------------------------------------------------------------

def share_weights(*, consortium_id: int, basis: str, academic_year: int, organisations: list[Organisation],
                  fixed: dict[int, int | None] | None = None) -> tuple[dict[int, int], dict[int, OrganisationYear]]:
    """Each member's weight for the basis, and the year's figures it came from.

    A member without the figure the basis needs is named in the error, never given nothing.
    """
    if not organisations:
        raise ValidationError(_("Choose at least one member to share the cost."))
    if basis == Basis.EQUAL:
        return {o.pk: 1 for o in organisations}, {}
    if basis == Basis.FIXED:
        fixed = fixed or {}
        missing = sorted(o.name for o in organisations if fixed.get(o.pk) is None)
        if missing:
            raise ValidationError(_("Enter the agreed amount for: %(names)s.") % {"names": ", ".join(missing)})
        return {o.pk: int(fixed[o.pk]) for o in organisations}, {}
    years = {y.organisation_id: y for y in OrganisationYear.objects.for_consortium(consortium_id).filter(
        organisation_id__in=[o.pk for o in organisations], academic_year=academic_year)}
    weights, sources, missing = {}, {}, []
    for organisation in organisations:
        year = years.get(organisation.pk)
        figure = None if year is None else (year.budget if basis == Basis.BUDGET else year.pupils)
        if figure is None:
            missing.append(organisation.name)
            continue
        # Budgets in pounds and pence become whole pence: all the arithmetic stays exact.
        weights[organisation.pk] = int(Decimal(figure) * 100) if basis == Basis.BUDGET else int(figure)
        sources[organisation.pk] = year
    if missing:
        message = (_("These members have no budget recorded for %(year)s: %(names)s. Record their figures for "
                     "the year, or take them off this activity.") if basis == Basis.BUDGET else
                   _("These members have no pupil numbers recorded for %(year)s: %(names)s. Record their figures "
                     "for the year, or take them off this activity."))
        raise ValidationError(message % {"year": _year_label(academic_year), "names": ", ".join(sorted(missing))})
    return weights, sources


def compute_shares(*, consortium_id: int, cost_pence: int, basis: str, academic_year: int,
                   organisations: list[Organisation], fixed: dict[int, int | None] | None = None):
    """(shares by organisation id, weights, sources, total weight) for these inputs. Pure apart from reading
    the year's figures."""
    weights, sources = share_weights(consortium_id=consortium_id, basis=basis, academic_year=academic_year,
                                     organisations=organisations, fixed=fixed)
    if basis == Basis.FIXED:
        total = sum(weights.values())
        if total != cost_pence:
            from ..money import format_pence

            raise ValidationError(_("The agreed amounts add up to %(total)s but the cost is %(cost)s: they must "
                                    "match to the penny.") % {"total": format_pence(total),
                                                             "cost": format_pence(cost_pence)})
        return dict(weights), weights, sources, total
    try:
        shares = sharing.apportion(cost_pence, weights)
    except sharing.SharingError as exc:
        raise ValidationError(_("Every member's figure for %(year)s is zero, so there is nothing to share the cost "
                                "by. Choose equal shares or fixed amounts.") % {"year": _year_label(academic_year)}
                              ) from exc
    return shares, weights, sources, sum(weights.values())


# --- Activities ------------------------------------------------------------------------------------------

def _validate(activity: CostedActivity) -> None:
    if activity.cost_pence is None or activity.cost_pence < 0:
        raise ValidationError({"cost_pence": _("Enter a cost of zero or more.")})
    if activity.budget_line is not None and activity.budget_line.budget_id != activity.budget_id:
        raise ValidationError({"budget_line": _("Choose a line of this budget.")})
    if not 2000 <= (activity.academic_year or 0) <= 2100:
        raise ValidationError({"academic_year": _("Choose an academic year between 2000 and 2100.")})
    if not activity.title.strip():
        raise ValidationError({"title": _("Give the activity a title.")})


@transaction.atomic
def activity_create(*, budget: Budget, by, title: str, cost_pence: int, basis: str, kind: str = "other",
                    title_cy: str = "", description: str = "", held_on: dt.date | None = None,
                    academic_year: int | None = None, budget_line: BudgetLine | None = None,
                    organisations: list[Organisation] | None = None) -> CostedActivity:
    """A new activity, shared by default by the partnership's current members."""
    from ..selectors import current_members

    manager(by, budget.partnership)
    require_same_consortium(budget.consortium_id, budget_line, *(organisations or []))
    if academic_year is None:
        academic_year = terms.academic_year_of(held_on) if held_on else budget.academic_year
    activity = CostedActivity(consortium_id=budget.consortium_id, budget=budget, title=title.strip(),
                              title_cy=title_cy.strip(), kind=kind, description=description, held_on=held_on,
                              cost_pence=cost_pence, basis=basis, academic_year=academic_year,
                              budget_line=budget_line, created_by=by)
    _validate(activity)
    activity.full_clean()
    attribute(activity, by).save()
    members = organisations if organisations is not None else list(current_members(budget.partnership, held_on))
    bulk_create_with_history([ActivityMember(consortium_id=budget.consortium_id, activity=activity, organisation=o)
                              for o in members], ActivityMember, default_user=by)
    return activity


def _retire_current(activity: CostedActivity, *, reason: str, by) -> None:
    """The current shares no longer stand: keep them as history and cancel the draft charges raised from them."""
    current = ShareCalculation.objects.select_for_update().filter(
        consortium_id=activity.consortium_id, activity=activity, delivery__isnull=True, is_current=True).first()
    if current is None:
        return
    current.is_current = False
    attribute(current, by).save(update_fields=["is_current"])
    for charge in Charge.objects.select_for_update().filter(consortium_id=activity.consortium_id,
                                                            share__calculation=current, status=Charge.Status.DRAFT):
        charge.status, charge.closed_at, charge.reason = Charge.Status.CANCELLED, timezone.now(), reason
        attribute(charge, by).save(update_fields=["status", "closed_at", "reason"])


def _refuse_if_locked(activity: CostedActivity) -> None:
    from ..selectors import activity_is_locked

    if activity_is_locked(activity):
        raise ValidationError(_("Charges have been issued from these shares, so they cannot change. To correct a "
                                "school's charge, give it a credit note and a new charge."))


def _locked_activity(activity: CostedActivity) -> CostedActivity:
    return (CostedActivity.objects.select_for_update(of=("self",))
            .select_related("budget__partnership", "budget_line")
            .get(consortium_id=activity.consortium_id, pk=activity.pk))


@transaction.atomic
def activity_update(*, activity: CostedActivity, by, **fields) -> CostedActivity:
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    activity = _locked_activity(activity)
    manager(by, activity.budget.partnership)
    require_same_consortium(activity.consortium_id, fields.get("budget_line"))
    changes_shares = any(name in fields and fields[name] != getattr(activity, name) for name in SHARING_FIELDS)
    if changes_shares:
        _refuse_if_locked(activity)
    for name, value in fields.items():
        setattr(activity, name, value.strip() if isinstance(value, str) and name != "kind" else value)
    _validate(activity)
    activity.full_clean()
    attribute(activity, by).save()
    if changes_shares:
        _retire_current(activity, reason=_("The activity's cost or basis changed."), by=by)
    return activity


@transaction.atomic
def activity_members_set(*, activity: CostedActivity, by, organisations: list[Organisation],
                         fixed_pence: dict[int, int | None] | None = None) -> list[ActivityMember]:
    """Who shares the cost (and, on fixed amounts, how much each agreed). Allowed until charges are issued."""
    activity = _locked_activity(activity)
    manager(by, activity.budget.partnership)
    require_same_consortium(activity.consortium_id, *organisations)
    _refuse_if_locked(activity)
    if not organisations:
        raise ValidationError({"organisations": _("Choose at least one member to share the cost.")})
    fixed_pence = fixed_pence or {}
    if any(amount is not None and amount < 0 for amount in fixed_pence.values()):
        raise ValidationError(_("An agreed amount cannot be negative."))
    existing = {m.organisation_id: m for m in ActivityMember.objects.select_for_update().filter(
        consortium_id=activity.consortium_id, activity=activity)}
    wanted = {o.pk for o in organisations}
    changed = False
    for organisation_id, member in existing.items():
        if organisation_id not in wanted:
            attribute(member, by).delete()
            changed = True
    for organisation in organisations:
        member = existing.get(organisation.pk)
        amount = fixed_pence.get(organisation.pk)
        if member is None:
            member = ActivityMember(consortium_id=activity.consortium_id, activity=activity, organisation=organisation)
        elif member.fixed_pence == amount:
            continue
        member.fixed_pence = amount
        attribute(member, by).save()
        changed = True
    if changed:
        _retire_current(activity, reason=_("The members sharing the activity changed."), by=by)
    return list(ActivityMember.objects.filter(consortium_id=activity.consortium_id, activity=activity))


@transaction.atomic
def activity_share(*, activity: CostedActivity, by) -> ShareCalculation:
    """Share the cost between its members by the largest-remainder method; a re-share keeps the old one as history."""
    activity = _locked_activity(activity)
    manager(by, activity.budget.partnership)
    _refuse_if_locked(activity)
    members = list(ActivityMember.objects.filter(consortium_id=activity.consortium_id, activity=activity)
                   .select_related("organisation"))
    organisations = [m.organisation for m in members]
    shares, weights, sources, total = compute_shares(
        consortium_id=activity.consortium_id, cost_pence=activity.cost_pence, basis=activity.basis,
        academic_year=activity.academic_year, organisations=organisations,
        fixed={m.organisation_id: m.fixed_pence for m in members})
    previous = ShareCalculation.objects.filter(consortium_id=activity.consortium_id, activity=activity,
                                               delivery__isnull=True).order_by("-number").first()
    _retire_current(activity, reason=_("The cost was shared again."), by=by)
    calculation = ShareCalculation(
        consortium_id=activity.consortium_id, activity=activity, number=(previous.number + 1) if previous else 1,
        cost_pence=activity.cost_pence, basis=activity.basis, academic_year=activity.academic_year,
        total_weight=total, algorithm="fixed" if activity.basis == Basis.FIXED else sharing.ALGORITHM,
        calculated_by=by)
    attribute(calculation, by).save()
    save_shares(calculation, by=by, rows=[
        CostShare(consortium_id=activity.consortium_id, calculation=calculation, organisation_id=organisation_id,
                  amount_pence=amount, weight=weights[organisation_id], source_year=sources.get(organisation_id),
                  source_academic_year=sources[organisation_id].academic_year if organisation_id in sources else None)
        for organisation_id, amount in shares.items()
    ])
    return calculation


def save_shares(calculation: ShareCalculation, *, by, rows: list[CostShare]) -> None:
    bulk_create_with_history(rows, CostShare, default_user=by)


@transaction.atomic
def activity_charges_raise(*, activity: CostedActivity, by) -> list[Charge]:
    """A draft charge to each member with a share above zero, for someone else to approve."""
    activity = _locked_activity(activity)
    manager(by, activity.budget.partnership)
    calculation = ShareCalculation.objects.filter(consortium_id=activity.consortium_id, activity=activity,
                                                  delivery__isnull=True, is_current=True).first()
    if calculation is None:
        raise ValidationError(_("Share the cost first; the charges are raised from the shares."))
    if Charge.objects.filter(consortium_id=activity.consortium_id, share__calculation=calculation).exclude(
            status=Charge.Status.CANCELLED).exists():
        raise ValidationError(_("Charges have already been raised from these shares."))
    shares = list(CostShare.objects.filter(consortium_id=activity.consortium_id, calculation=calculation,
                                           amount_pence__gt=0).select_related("organisation"))
    return raise_charges(budget=activity.budget, by=by, shares=shares, activity=activity,
                         description=activity.title)


def raise_charges(*, budget: Budget, by, shares: list[CostShare], activity: CostedActivity, description: str,
                  delivery=None) -> list[Charge]:
    """Draft charges from shares, numbered in the budget's sequence (call inside a transaction)."""
    budget = locked_budget(budget)
    number = next_number(Charge, budget)
    now = timezone.now()
    charges = []
    for offset, share in enumerate(sorted(shares, key=lambda s: (s.organisation.name, s.organisation_id))):
        charge = Charge(consortium_id=budget.consortium_id, budget=budget, organisation=share.organisation,
                        number=number + offset, activity=activity, share=share, delivery=delivery,
                        description=description[:300], amount_pence=share.amount_pence, raised_by=by, raised_at=now)
        attribute(charge, by).save()
        charges.append(charge)
    return charges
