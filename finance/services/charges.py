"""Charges and credit notes: approve (issue), cancel a draft, credit and correct, purchase orders, payment.

NOTE: the person who raised a charge never approves it, and nobody approves a charge to an
organisation they have an interest in (finance.selectors.interest_reasons). The database
repeats the first rule as a check constraint.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import viewer_for
from ..models import Charge
from ._common import approver, attribute, locked_budget, manager, next_number


def _locked(charge: Charge) -> Charge:
    return (Charge.objects.select_for_update(of=("self",))
            .select_related("budget__partnership__consortium", "organisation", "reverses")
            .get(consortium_id=charge.consortium_id, pk=charge.pk))


def approval_refusal(*, by, raised_by_id: int, organisation, on: dt.date | None = None,
                     conflicted: set[int] | None = None) -> str | None:
    """Why `by` may not approve money raised by `raised_by_id` for `organisation`; None when they may."""
    from ..selectors import interest_reasons

    if raised_by_id == by.pk:
        return _("You raised this, so someone else must approve it.")
    if conflicted is not None:
        if organisation.pk in conflicted:
            return _("You have an interest in %(organisation)s, so someone else must approve it.") % {
                "organisation": organisation.name}
        return None
    reasons = interest_reasons(by, organisation, on)
    if reasons:
        return _("You cannot approve this for %(organisation)s: %(reasons)s. Ask another approver.") % {
            "organisation": organisation.name, "reasons": "; ".join(reasons)}
    return None


@transaction.atomic
def charge_approve(*, charge: Charge, by) -> Charge:
    """Approve a draft charge or credit note: it is issued to the school."""
    charge = _locked(charge)
    approver(by, charge.budget.partnership)
    if charge.status != Charge.Status.DRAFT:
        raise ValidationError(_("Only a draft can be approved; this one is %(status)s.") % {
            "status": charge.get_status_display().lower()})
    refusal = approval_refusal(by=by, raised_by_id=charge.raised_by_id, organisation=charge.organisation)
    if refusal:
        raise ValidationError(refusal)
    now = timezone.now()
    if charge.kind == Charge.Kind.CREDIT_NOTE:
        original = Charge.objects.select_for_update().get(consortium_id=charge.consortium_id, pk=charge.reverses_id)
        if original.status not in (Charge.Status.ISSUED, Charge.Status.PAID):
            raise ValidationError(_("The charge this credits is no longer issued."))
        if original.status == Charge.Status.ISSUED:
            original.status, original.closed_at = Charge.Status.CREDITED, now
            attribute(original, by).save(update_fields=["status", "closed_at"])
    charge.status, charge.approved_by, charge.issued_at = Charge.Status.ISSUED, by, now
    attribute(charge, by).save(update_fields=["status", "approved_by", "issued_at"])
    return charge


def charges_approve(*, charges: list[Charge], by) -> tuple[list[Charge], list[tuple[Charge, str]]]:
    """Approve several drafts; each is its own transaction, and each refusal is reported with its reason."""
    approved, refused = [], []
    for charge in charges:
        try:
            approved.append(charge_approve(charge=charge, by=by))
        except ValidationError as exc:
            refused.append((charge, " ".join(exc.messages)))
    return approved, refused


@transaction.atomic
def charge_cancel(*, charge: Charge, by, reason: str = "") -> Charge:
    charge = _locked(charge)
    manager(by, charge.budget.partnership)
    if charge.status != Charge.Status.DRAFT:
        raise ValidationError(_("An issued charge cannot be cancelled: give it a credit note instead."))
    charge.status, charge.closed_at, charge.reason = Charge.Status.CANCELLED, timezone.now(), reason.strip()
    attribute(charge, by).save(update_fields=["status", "closed_at", "reason"])
    return charge


@transaction.atomic
def charge_credit(*, charge: Charge, by, reason: str, replacement_pence: int | None = None
                  ) -> tuple[Charge, Charge | None]:
    """A draft credit note reversing an issued charge, and optionally a draft corrected charge.

    Both go to another person for approval, as any charge does.
    """
    charge = _locked(charge)
    manager(by, charge.budget.partnership)
    if charge.kind != Charge.Kind.CHARGE or charge.status not in (Charge.Status.ISSUED, Charge.Status.PAID):
        raise ValidationError(_("Only an issued or paid charge can be credited."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the charge is being credited.")})
    if Charge.objects.filter(consortium_id=charge.consortium_id, reverses=charge).exclude(
            status=Charge.Status.CANCELLED).exists():
        raise ValidationError(_("This charge already has a credit note."))
    if replacement_pence is not None and replacement_pence <= 0:
        raise ValidationError({"replacement_pence": _("Enter the corrected amount, above zero, or leave it empty.")})
    budget = locked_budget(charge.budget)
    number = next_number(Charge, budget)
    now = timezone.now()
    credit = Charge(consortium_id=charge.consortium_id, budget=budget, organisation=charge.organisation, number=number,
                    kind=Charge.Kind.CREDIT_NOTE, activity=charge.activity, share=charge.share,
                    delivery=charge.delivery, reverses=charge, description=f"Credit note for {charge.reference}",
                    amount_pence=-charge.amount_pence, raised_by=by, raised_at=now, reason=reason.strip())
    attribute(credit, by).save()
    replacement = None
    if replacement_pence is not None:
        replacement = Charge(consortium_id=charge.consortium_id, budget=budget, organisation=charge.organisation,
                             number=number + 1, activity=charge.activity, share=charge.share,
                             delivery=charge.delivery, replaces=charge, description=charge.description,
                             amount_pence=replacement_pence, raised_by=by, raised_at=now, reason=reason.strip())
        attribute(replacement, by).save()
    return credit, replacement


@transaction.atomic
def charge_record_purchase_order(*, charge: Charge, by, purchase_order_ref: str) -> Charge:
    """The school's purchase-order number: its representative or the finance administrator records it."""
    charge = _locked(charge)
    viewer = viewer_for(by, charge.budget.partnership)
    if not (viewer.can_manage or charge.organisation_id in viewer.organisation_ids):
        raise PermissionDenied
    if charge.status == Charge.Status.CANCELLED:
        raise ValidationError(_("This charge is cancelled."))
    charge.purchase_order_ref = purchase_order_ref.strip()[:60]
    attribute(charge, by).save(update_fields=["purchase_order_ref"])
    return charge


@transaction.atomic
def charge_mark_paid(*, charge: Charge, by, paid_on: dt.date, payment_reference: str = "") -> Charge:
    """The school paid the charge (or, for a credit note, the partnership refunded it)."""
    charge = _locked(charge)
    manager(by, charge.budget.partnership)
    if charge.status != Charge.Status.ISSUED:
        raise ValidationError(_("Only an issued charge can be marked as paid."))
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The date paid cannot be in the future.")})
    if paid_on < timezone.localtime(charge.issued_at).date():
        raise ValidationError({"paid_on": _("The date paid cannot be before the charge was issued.")})
    charge.status, charge.paid_on, charge.payment_reference = Charge.Status.PAID, paid_on, payment_reference.strip()
    attribute(charge, by).save(update_fields=["status", "paid_on", "payment_reference"])
    return charge
