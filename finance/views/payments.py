"""Payments out of the budget: the list, a request, and approving, paying or cancelling one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import selectors, services
from ..forms import PaymentForm, PaymentPaidForm, ReasonForm
from ..models import Payment
from ._common import VIEW, budget_of, need, not_post, run, status_for, viewer


def _payment(request, pk) -> Payment:
    payment = get_for_consortium(Payment.objects.select_related(
        "budget__partnership", "payee", "budget_line", "activity", "requested_by", "approved_by"),
        request.consortium, pk=pk)
    payment.budget.partnership.consortium = request.consortium
    if not viewer(request, payment.budget.partnership).sees(payment.payee_id):
        raise Http404
    return payment


@requires(VIEW)
def finance_payments(request, consortium_slug, pk):
    budget = budget_of(request, pk)
    person = viewer(request, budget.partnership)
    need(person.can_view)
    status = request.GET.get("status", "")
    status = status if status in Payment.Status.values else ""
    page = Paginator(selectors.payments_of(budget, person, status=status), 50).get_page(request.GET.get("page"))
    return render(request, "finance/payments.html", {
        "budget": budget, "partnership": budget.partnership, "viewer": person, "page": page, "status": status,
        "statuses": Payment.Status.choices})


@requires(VIEW)
def finance_payment_create(request, consortium_slug, pk):
    budget = budget_of(request, pk)
    need(viewer(request, budget.partnership).can_manage)
    form = PaymentForm(request.POST or None, budget=budget)
    made = []
    if request.method == "POST" and form.is_valid() and run(form, lambda: made.append(services.payment_request(
            budget=budget, by=request.user, **form.cleaned_data))):
        messages.success(request, _("The payment is requested. Someone else must approve it before it is paid."))
        return redirect("finance_payment", consortium_slug, made[0].pk)
    return render(request, "finance/payment_form.html", {"budget": budget, "partnership": budget.partnership,
                                                         "form": form}, status=status_for(form))


@requires(VIEW)
def finance_payment(request, consortium_slug, pk):
    payment = _payment(request, pk)
    person = viewer(request, payment.budget.partnership)
    refusal = None
    if person.can_approve and payment.status == Payment.Status.REQUESTED:
        refusal = services.approval_refusal(by=request.user, raised_by_id=payment.requested_by_id,
                                            organisation=payment.payee)
    return render(request, "finance/payment.html", {
        "payment": payment, "budget": payment.budget, "partnership": payment.budget.partnership, "viewer": person,
        "refusal": refusal, "paid_form": PaymentPaidForm(initial={"paid_on": timezone.localdate()}),
        "cancel_form": ReasonForm()})


@requires(VIEW)
def finance_payment_approve(request, consortium_slug, pk):
    payment = _payment(request, pk)
    need(viewer(request, payment.budget.partnership).can_approve)
    if (refused := not_post(request)) is not None:
        return refused
    try:
        services.payment_approve(payment=payment, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The payment is approved."))
    return redirect("finance_payment", consortium_slug, payment.pk)


def _form_action(request, pk, form_class, action, success):
    payment = _payment(request, pk)
    person = viewer(request, payment.budget.partnership)
    need(person.can_manage)
    if (refused := not_post(request)) is not None:
        return refused
    form = form_class(request.POST)
    if form.is_valid() and run(form, lambda: action(payment, form.cleaned_data)):
        messages.success(request, success)
        return redirect("finance_payment", request.consortium.slug, payment.pk)
    forms = {"paid_form": PaymentPaidForm(initial={"paid_on": timezone.localdate()}), "cancel_form": ReasonForm()}
    forms["paid_form" if form_class is PaymentPaidForm else "cancel_form"] = form
    return render(request, "finance/payment.html", {
        "payment": payment, "budget": payment.budget, "partnership": payment.budget.partnership, "viewer": person,
        "refusal": None, **forms}, status=400)


@requires(VIEW)
def finance_payment_paid(request, consortium_slug, pk):
    return _form_action(request, pk, PaymentPaidForm,
                        lambda p, data: services.payment_mark_paid(payment=p, by=request.user, **data),
                        _("The payment is recorded as paid."))


@requires(VIEW)
def finance_payment_cancel(request, consortium_slug, pk):
    return _form_action(request, pk, ReasonForm,
                        lambda p, data: services.payment_cancel(payment=p, by=request.user, **data),
                        _("The payment is cancelled."))
