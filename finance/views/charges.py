"""Charges and credit notes: the list (filters, export, approving drafts), one charge and what can be done to it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import exports, presentation, selectors, services
from ..forms import ChargeFilterForm, CreditForm, PaidForm, PurchaseOrderForm
from ..models import Charge
from ..money import pounds
from ._common import VIEW, budget_of, need, not_post, run, status_for, viewer


def _charge(request, pk) -> Charge:
    charge = get_for_consortium(Charge.objects.select_related("budget__partnership", "organisation"),
                                request.consortium, pk=pk)
    charge.budget.partnership.consortium = request.consortium
    person = viewer(request, charge.budget.partnership)
    # Another school's charge is hidden as if it were not there.
    if not person.sees(charge.organisation_id):
        from django.http import Http404

        raise Http404
    return charge


def _export_charges(budget, charges, export_format):
    header = [_("Reference"), _("Kind"), _("Status"), _("School"), _("School code"), _("Description"),
              _("How it was worked out"), _("Purchase order"), _("Amount (£)"), _("Issued"), _("Paid on"),
              _("Payment reference"), _("Raised by"), _("Approved by")]
    rows = ([c.reference, c.get_kind_display(), c.get_status_display(), c.organisation.name,
             c.organisation.school_code, presentation.charge_text(c), presentation.charge_explanation(c),
             c.purchase_order_ref, pounds(c.amount_pence),
             timezone.localtime(c.issued_at).date().isoformat() if c.issued_at else "",
             c.paid_on.isoformat() if c.paid_on else "", c.payment_reference,
             c.raised_by.get_full_name(), c.approved_by.get_full_name() if c.approved_by_id else ""]
            for c in charges.select_related("share__calculation", "share__source_year", "delivery__leader",
                                            "delivery__rate"))
    return exports.table_response(header=header, rows=rows, export_format=export_format,
                                  filename=f"charges-{budget.partnership_id}-{budget.year}", sheet=_("Charges"))


@requires(VIEW)
def finance_charges(request, consortium_slug, pk):
    budget = budget_of(request, pk)
    person = viewer(request, budget.partnership)
    need(person.can_view)
    filters = ChargeFilterForm(request.GET)
    data = filters.cleaned_data if filters.is_valid() else {}
    charges = selectors.charges_of(budget, person, status=data.get("status") or "",
                                   organisation_id=data.get("organisation"), query=data.get("q") or "")
    if request.GET.get("format") in ("csv", "xlsx"):
        return _export_charges(budget, charges, request.GET["format"])
    if request.method == "POST":
        need(person.can_approve)
        chosen = list(charges.filter(status=Charge.Status.DRAFT, pk__in=[
            int(v) for v in request.POST.getlist("charge") if v.isdigit()]))
        if not chosen:
            messages.error(request, _("Choose the draft charges to approve."))
        else:
            approved, refused = services.charges_approve(charges=chosen, by=request.user)
            if approved:
                messages.success(request, ngettext("%(count)s charge approved and issued.",
                                                   "%(count)s charges approved and issued.", len(approved))
                                 % {"count": len(approved)})
            for charge, reason in refused:
                messages.error(request, f"{charge.reference}: {reason}")
        return redirect(request.get_full_path())
    page = Paginator(charges, 50).get_page(request.GET.get("page"))
    conflicted = (selectors.conflicted_organisation_ids(request.user, request.consortium.pk)
                  if person.can_approve else set())
    for charge in page.object_list:
        charge.can_approve_here = (person.can_approve and charge.status == Charge.Status.DRAFT
                                   and charge.raised_by_id != request.user.pk
                                   and charge.organisation_id not in conflicted)
    organisations = selectors.statement_members(budget) if person.sees_every_member else []
    return render(request, "finance/charges.html", {
        "budget": budget, "partnership": budget.partnership, "viewer": person, "page": page, "filters": data,
        "statuses": Charge.Status.choices, "organisations": organisations,
        "any_approvable": any(c.can_approve_here for c in page.object_list),
    })


@requires(VIEW)
def finance_charge(request, consortium_slug, pk):
    charge = selectors.charge_detail(_charge(request, pk))
    charge.budget.partnership.consortium = request.consortium
    person = viewer(request, charge.budget.partnership)
    refusal = None
    if person.can_approve and charge.status == Charge.Status.DRAFT:
        refusal = services.approval_refusal(by=request.user, raised_by_id=charge.raised_by_id,
                                            organisation=charge.organisation)
    return render(request, "finance/charge.html", {
        "charge": charge, "budget": charge.budget, "partnership": charge.budget.partnership, "viewer": person,
        "refusal": refusal, "po_form": PurchaseOrderForm(initial={"purchase_order_ref": charge.purchase_order_ref}),
        "can_record_po": charge.status != Charge.Status.CANCELLED and (
            person.can_manage or charge.organisation_id in person.organisation_ids),
    })


def _act(request, pk, action, success, *, allowed):
    charge = _charge(request, pk)
    need(allowed(viewer(request, charge.budget.partnership)))
    if (refused := not_post(request)) is not None:
        return refused
    try:
        action(charge)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("finance_charge", request.consortium.slug, charge.pk)


@requires(VIEW)
def finance_charge_approve(request, consortium_slug, pk):
    return _act(request, pk, lambda c: services.charge_approve(charge=c, by=request.user),
                _("Approved: the charge is issued to the school."), allowed=lambda v: v.can_approve)


@requires(VIEW)
def finance_charge_cancel(request, consortium_slug, pk):
    return _act(request, pk, lambda c: services.charge_cancel(charge=c, by=request.user,
                                                              reason=request.POST.get("reason", "")),
                _("The draft charge is cancelled."), allowed=lambda v: v.can_manage)


@requires(VIEW)
def finance_charge_purchase_order(request, consortium_slug, pk):
    charge = _charge(request, pk)
    if (refused := not_post(request)) is not None:
        return refused
    form = PurchaseOrderForm(request.POST)
    if form.is_valid():
        try:
            services.charge_record_purchase_order(charge=charge, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The purchase order number is saved."))
    return redirect("finance_charge", consortium_slug, charge.pk)


@requires(VIEW)
def finance_charge_credit(request, consortium_slug, pk):
    charge = _charge(request, pk)
    need(viewer(request, charge.budget.partnership).can_manage)
    form = CreditForm(request.POST or None)
    made = []
    if request.method == "POST" and form.is_valid() and run(form, lambda: made.append(services.charge_credit(
            charge=charge, by=request.user, **form.cleaned_data))):
        credit, replacement = made[0]
        messages.success(request, _("A draft credit note and a corrected charge are raised. Someone else must "
                                    "approve them.") if replacement else
                         _("A draft credit note is raised. Someone else must approve it."))
        return redirect("finance_charge", consortium_slug, credit.pk)
    return render(request, "finance/charge_form.html", {
        "charge": charge, "budget": charge.budget, "partnership": charge.budget.partnership, "form": form,
        "title": _("Credit %(reference)s") % {"reference": charge.reference},
        "intro": _("An issued charge is never changed. A credit note reverses it in full; give the corrected amount "
                   "to raise a new charge at the same time."),
        "submit": _("Raise the credit note")}, status=status_for(form))


@requires(VIEW)
def finance_charge_paid(request, consortium_slug, pk):
    charge = _charge(request, pk)
    need(viewer(request, charge.budget.partnership).can_manage)
    form = PaidForm(request.POST or None, initial={"paid_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and run(form, lambda: services.charge_mark_paid(
            charge=charge, by=request.user, **form.cleaned_data)):
        messages.success(request, _("%(reference)s is marked as paid.") % {"reference": charge.reference})
        return redirect("finance_charge", consortium_slug, charge.pk)
    is_credit = charge.kind == Charge.Kind.CREDIT_NOTE
    return render(request, "finance/charge_form.html", {
        "charge": charge, "budget": charge.budget, "partnership": charge.budget.partnership, "form": form,
        "title": (_("Record the refund for %(reference)s") if is_credit else _("Record payment of %(reference)s")) % {
            "reference": charge.reference},
        "intro": "", "submit": _("Save")}, status=status_for(form))

