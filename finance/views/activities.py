"""Costed activities: create, edit, who shares them, share the cost, raise the charges."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import selectors, services
from ..forms import ActivityForm, MembersForm
from ..models import CostedActivity
from ._common import VIEW, budget_of, need, not_post, run, status_for, viewer

FIELDS = ("title", "title_cy", "kind", "held_on", "cost_pence", "basis", "academic_year", "budget_line", "description")


def _activity(request, pk) -> CostedActivity:
    activity = get_for_consortium(CostedActivity.objects.select_related("budget__partnership", "budget__holder",
                                                                        "budget_line"), request.consortium, pk=pk)
    activity.budget.partnership.consortium = request.consortium
    return activity


@requires(VIEW)
def finance_activity_create(request, consortium_slug, pk):
    budget = budget_of(request, pk)
    need(viewer(request, budget.partnership).can_manage)
    form = ActivityForm(request.POST or None, budget=budget,
                        initial={"basis": budget.partnership.default_cost_basis, "kind": "other"})
    created = []
    if request.method == "POST" and form.is_valid() and run(form, lambda: created.append(services.activity_create(
            budget=budget, by=request.user, **form.cleaned_data))):
        messages.success(request, _("The activity is added, shared by the partnership's current members. Check "
                                    "who shares it, then share the cost."))
        return redirect("finance_activity", consortium_slug, created[0].pk)
    return render(request, "finance/activity_form.html", {"budget": budget, "partnership": budget.partnership,
                                                          "form": form}, status=status_for(form))


@requires(VIEW)
def finance_activity(request, consortium_slug, pk):
    activity = _activity(request, pk)
    person = viewer(request, activity.budget.partnership)
    need(person.can_view)
    calculation = selectors.current_calculation(activity)
    shares = []
    if calculation is not None:
        shares = [s for s in calculation.shares.all() if person.sees(s.organisation_id)]
    return render(request, "finance/activity.html", {
        "activity": activity, "budget": activity.budget, "partnership": activity.budget.partnership,
        "viewer": person, "members": selectors.activity_members(activity) if person.sees_every_member else [],
        "calculation": calculation, "shares": shares, "history": selectors.calculation_history(activity),
        "charges": list(selectors.activity_charges(activity, person)),
        "locked": selectors.activity_is_locked(activity),
    })


@requires(VIEW)
def finance_activity_edit(request, consortium_slug, pk):
    activity = _activity(request, pk)
    need(viewer(request, activity.budget.partnership).can_manage)
    form = ActivityForm(request.POST or None, budget=activity.budget,
                        initial={name: getattr(activity, name) for name in FIELDS})
    if request.method == "POST" and form.is_valid() and run(form, lambda: services.activity_update(
            activity=activity, by=request.user, **form.cleaned_data)):
        messages.success(request, _("The activity is saved."))
        return redirect("finance_activity", consortium_slug, activity.pk)
    return render(request, "finance/activity_form.html", {"budget": activity.budget, "activity": activity,
                                                          "partnership": activity.budget.partnership, "form": form},
                  status=status_for(form))


@requires(VIEW)
def finance_activity_members(request, consortium_slug, pk):
    activity = _activity(request, pk)
    budget = activity.budget
    need(viewer(request, budget.partnership).can_manage)
    candidates = selectors.statement_members(budget)
    from partnerships.models import Organisation

    queryset = Organisation.objects.filter(consortium_id=request.consortium.pk, pk__in=[o.pk for o in candidates]
                                           ).order_by("name")
    form = MembersForm(request.POST or None, activity=activity, candidates=queryset,
                       members=selectors.activity_members(activity))
    if request.method == "POST" and form.is_valid() and run(form, lambda: services.activity_members_set(
            activity=activity, by=request.user, organisations=list(form.cleaned_data["organisations"]),
            fixed_pence=form.fixed_pence())):
        messages.success(request, _("The members sharing the activity are saved. Share the cost to see each "
                                    "school's share."))
        return redirect("finance_activity", consortium_slug, activity.pk)
    return render(request, "finance/activity_members.html", {"activity": activity, "budget": budget,
                                                             "partnership": budget.partnership, "form": form},
                  status=status_for(form))


def _post_action(request, pk, action, success):
    activity = _activity(request, pk)
    need(viewer(request, activity.budget.partnership).can_manage)
    if (refused := not_post(request)) is not None:
        return refused
    try:
        action(activity)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("finance_activity", request.consortium.slug, activity.pk)


@requires(VIEW)
def finance_activity_share(request, consortium_slug, pk):
    return _post_action(request, pk, lambda a: services.activity_share(activity=a, by=request.user),
                        _("The cost is shared. The shares add up exactly to the cost."))


@requires(VIEW)
def finance_activity_charge(request, consortium_slug, pk):
    return _post_action(request, pk, lambda a: services.activity_charges_raise(activity=a, by=request.user),
                        _("Draft charges are raised. Someone else must approve them before they are issued."))
