"""Payments out of the budget: requested, approved by someone else, paid with a reference."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.scoping import require_same_consortium
from partnerships.models import Organisation

from ..models import Budget, BudgetLine, CostedActivity, Payment
from ._common import approver, attribute, locked_budget, manager, next_number
from .charges import approval_refusal


def _locked(payment: Payment) -> Payment:
    return (Payment.objects.select_for_update(of=("self",)).select_related("budget__partnership__consortium", "payee")
            .get(consortium_id=payment.consortium_id, pk=payment.pk))


@transaction.atomic
def payment_request(*, budget: Budget, by, payee: Organisation, kind: str, amount_pence: int, description: str,
                    invoice_ref: str = "", budget_line: BudgetLine | None = None,
                    activity: CostedActivity | None = None) -> Payment:
    manager(by, budget.partnership)
    require_same_consortium(budget.consortium_id, payee, budget_line, activity)
    if kind not in Payment.Kind.values:
        raise ValidationError({"kind": _("Choose who is being paid.")})
    if amount_pence <= 0:
        raise ValidationError({"amount_pence": _("Enter an amount above zero.")})
    if not description.strip():
        raise ValidationError({"description": _("Say what the payment is for.")})
    if budget_line is not None and (budget_line.budget_id != budget.pk
                                    or budget_line.kind != BudgetLine.Kind.SPENDING):
        raise ValidationError({"budget_line": _("Choose a spending line of this budget.")})
    if activity is not None and activity.budget_id != budget.pk:
        raise ValidationError({"activity": _("Choose an activity of this budget.")})
    budget = locked_budget(budget)
    payment = Payment(consortium_id=budget.consortium_id, budget=budget, number=next_number(Payment, budget),
                      payee=payee, kind=kind, budget_line=budget_line, activity=activity,
                      description=description.strip(), amount_pence=amount_pence, invoice_ref=invoice_ref.strip(),
                      requested_by=by, requested_at=timezone.now())
    attribute(payment, by).save()
    return payment


@transaction.atomic
def payment_approve(*, payment: Payment, by) -> Payment:
    payment = _locked(payment)
    approver(by, payment.budget.partnership)
    if payment.status != Payment.Status.REQUESTED:
        raise ValidationError(_("Only a requested payment can be approved."))
    refusal = approval_refusal(by=by, raised_by_id=payment.requested_by_id, organisation=payment.payee)
    if refusal:
        raise ValidationError(refusal)
    payment.status, payment.approved_by, payment.approved_at = Payment.Status.APPROVED, by, timezone.now()
    attribute(payment, by).save(update_fields=["status", "approved_by", "approved_at"])
    return payment


@transaction.atomic
def payment_mark_paid(*, payment: Payment, by, paid_on: dt.date, payment_reference: str) -> Payment:
    payment = _locked(payment)
    manager(by, payment.budget.partnership)
    if payment.status != Payment.Status.APPROVED:
        raise ValidationError(_("Only an approved payment can be marked as paid."))
    if not payment_reference.strip():
        raise ValidationError({"payment_reference": _("Give the payment's reference, so the school can match it.")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The date paid cannot be in the future.")})
    payment.status, payment.paid_on, payment.payment_reference = Payment.Status.PAID, paid_on, payment_reference.strip()
    attribute(payment, by).save(update_fields=["status", "paid_on", "payment_reference"])
    return payment


@transaction.atomic
def payment_cancel(*, payment: Payment, by, reason: str) -> Payment:
    payment = _locked(payment)
    manager(by, payment.budget.partnership)
    if payment.status not in (Payment.Status.REQUESTED, Payment.Status.APPROVED):
        raise ValidationError(_("A paid payment cannot be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the payment is cancelled.")})
    payment.status, payment.cancelled_at, payment.reason = Payment.Status.CANCELLED, timezone.now(), reason.strip()
    attribute(payment, by).save(update_fields=["status", "cancelled_at", "reason"])
    return payment
