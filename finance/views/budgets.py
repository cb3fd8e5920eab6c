"""The finance home, a partnership's finance page and settings, budgets and their lines."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import charts, selectors, services, terms
from ..forms import BudgetForm, LineForm, RateForm, SettingsForm
from ..models import BudgetLine
from ..money import hours_label
from ._common import VIEW, budget_of, need, not_post, partnership_of, run, status_for, viewer


@requires(VIEW)
def finance_home(request, consortium_slug):
    """Each partnership the person sees, its budget this year, and for representatives what their school owes."""
    rows = selectors.finance_home(request.user, request.consortium, timezone.localdate())
    return render(request, "finance/home.html", {"rows": rows})


@requires(VIEW)
def finance_partnership(request, consortium_slug, pk):
    partnership = partnership_of(request, pk)
    person = viewer(request, partnership)
    need(person.can_view)
    settings = selectors.settings_for(partnership)
    today = timezone.localdate()
    return render(request, "finance/partnership.html", {
        "partnership": partnership, "viewer": person, "settings": settings,
        "free_hours": hours_label(settings.free_release_minutes),
        "budgets": list(selectors.budgets_of(partnership)), "rate": selectors.rate_on(partnership, today),
        "term": selectors.term_on(request.consortium.pk, today),
    })


@requires(VIEW)
def finance_settings(request, consortium_slug, pk):
    partnership = partnership_of(request, pk)
    need(viewer(request, partnership).can_manage)
    current = selectors.settings_for(partnership)
    step = request.POST.get("step")
    form = SettingsForm(request.POST if step == "settings" else None, initial={
        "year_basis": current.year_basis, "open_books": current.open_books,
        "free_release_hours": hours_label(current.free_release_minutes)})
    rate_form = RateForm(request.POST if step == "rate" else None, prefix="rate")
    if step == "settings" and form.is_valid() and run(form, lambda: services.finance_settings_update(
            partnership=partnership, by=request.user, year_basis=form.cleaned_data["year_basis"],
            open_books=form.cleaned_data["open_books"],
            free_release_minutes=form.cleaned_data["free_release_hours"])):
        messages.success(request, _("The finance settings are saved."))
        return redirect("finance_settings", consortium_slug, partnership.pk)
    if step == "rate" and rate_form.is_valid() and run(rate_form, lambda: services.release_rate_set(
            partnership=partnership, by=request.user, hourly_rate_pence=rate_form.cleaned_data["hourly_rate"],
            effective_from=rate_form.cleaned_data["effective_from"])):
        messages.success(request, _("The new hourly rate is saved. Charges already raised keep their rate."))
        return redirect("finance_settings", consortium_slug, partnership.pk)
    status = 400 if (form.is_bound and form.errors) or (rate_form.is_bound and rate_form.errors) else 200
    return render(request, "finance/settings.html", {
        "partnership": partnership, "form": form, "rate_form": rate_form, "rates": selectors.rates_of(partnership),
    }, status=status)


@requires(VIEW)
def finance_budget_create(request, consortium_slug, pk):
    partnership = partnership_of(request, pk)
    need(viewer(request, partnership).can_manage)
    form = BudgetForm(request.POST or None, consortium_id=request.consortium.pk,
                      initial={"year": terms.financial_year_of(selectors.settings_for(partnership).year_basis,
                                                               timezone.localdate()),
                               "administrator": request.user.pk})
    if request.method == "POST" and form.is_valid():
        created = []
        if run(form, lambda: created.append(services.budget_create(partnership=partnership, by=request.user,
                                                                   **form.cleaned_data))):
            messages.success(request, _("The budget is created. Add its planned income and spending."))
            return redirect("finance_budget", consortium_slug, created[0].pk)
    return render(request, "finance/budget_form.html", {"partnership": partnership, "form": form},
                  status=status_for(form))


@requires(VIEW)
def finance_budget(request, consortium_slug, pk):
    budget = budget_of(request, pk)
    person = viewer(request, budget.partnership)
    need(person.can_view)
    summary = selectors.budget_summary(budget)
    return render(request, "finance/budget.html", {
        "budget": budget, "partnership": budget.partnership, "viewer": person, "summary": summary,
        "chart": charts.planned_against_actual(summary),
        "activities": list(selectors.activities_of(budget)),
    })


@requires(VIEW)
def finance_budget_edit(request, consortium_slug, pk):
    budget = budget_of(request, pk)
    need(viewer(request, budget.partnership).can_manage)
    form = BudgetForm(request.POST or None, consortium_id=request.consortium.pk, with_year=False, initial={
        "holder": budget.holder_id, "administrator": budget.administrator_id, "notes": budget.notes})
    if request.method == "POST" and form.is_valid() and run(form, lambda: services.budget_update(
            budget=budget, by=request.user, **form.cleaned_data)):
        messages.success(request, _("The budget is saved."))
        return redirect("finance_budget", consortium_slug, budget.pk)
    return render(request, "finance/budget_form.html", {"partnership": budget.partnership, "budget": budget,
                                                        "form": form}, status=status_for(form))


def _line_form(request, budget, line):
    need(viewer(request, budget.partnership).can_manage)
    initial = {"kind": line.kind, "category": line.category, "description": line.description,
               "planned_pence": line.planned_pence} if line else {"kind": BudgetLine.Kind.SPENDING}
    form = LineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and run(form, lambda: services.budget_line_save(
            budget=budget, by=request.user, line=line, **form.cleaned_data)):
        messages.success(request, _("The budget line is saved."))
        return redirect("finance_budget", request.consortium.slug, budget.pk)
    return render(request, "finance/line_form.html", {"budget": budget, "partnership": budget.partnership,
                                                      "line": line, "form": form}, status=status_for(form))


@requires(VIEW)
def finance_line_create(request, consortium_slug, pk):
    return _line_form(request, budget_of(request, pk), None)


@requires(VIEW)
def finance_line_edit(request, consortium_slug, pk):
    line = get_for_consortium(BudgetLine, request.consortium, pk=pk)
    return _line_form(request, budget_of(request, line.budget_id), line)


@requires(VIEW)
def finance_line_delete(request, consortium_slug, pk):
    line = get_for_consortium(BudgetLine, request.consortium, pk=pk)
    budget = budget_of(request, line.budget_id)
    need(viewer(request, budget.partnership).can_manage)
    if (refused := not_post(request)) is not None:
        return refused
    from django.core.exceptions import ValidationError

    try:
        services.budget_line_delete(line=line, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The budget line is removed."))
    return redirect("finance_budget", consortium_slug, budget.pk)
