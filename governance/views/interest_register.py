"""A person's register of interests and its yearly confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consortia.permissions import has_consortium_perm, requires
from consortia.scoping import get_for_consortium

from .. import forms, selectors, services
from ._common import VIEW, _run


@requires(VIEW)
def interests(request, consortium_slug):
    add_form = forms.StandingInterestForm(request.POST if request.POST.get("step") == "add" else None,
                                          consortium=request.consortium)
    confirm_form = forms.ConfirmInterestsForm(request.POST if request.POST.get("step") == "confirm" else None)
    status = 200
    if request.method == "POST":
        step = request.POST.get("step")
        if step == "add" and add_form.is_valid() and _run(add_form, lambda: services.standing_interest_add(
                consortium=request.consortium, user=request.user, **add_form.cleaned_data)):
            messages.success(request, _("The interest has been added to your register."))
            return redirect("interests", consortium_slug)
        if step == "confirm" and confirm_form.is_valid() and _run(confirm_form, lambda: services.interests_confirm(
                consortium=request.consortium, user=request.user, **confirm_form.cleaned_data)):
            messages.success(request, _("Thank you: your register of interests is confirmed for this year."))
            return redirect("interests", consortium_slug)
        if step == "end":
            from ..models import StandingInterest

            interest = get_for_consortium(StandingInterest, request.consortium, pk=request.POST.get("interest"),
                                          user=request.user)
            services.standing_interest_end(interest=interest)
            messages.success(request, _("The interest has been marked as ended."))
            return redirect("interests", consortium_slug)
        status = 400
    context = selectors.interest_register(request.user, request.consortium)
    is_admin = has_consortium_perm(request.user, "consortia.administer_consortium", request.consortium)
    if is_admin:
        context["compliance"] = selectors.interests_compliance(request.consortium.pk)
    return render(request, "governance/interests.html", {**context, "add_form": add_form,
                                                         "confirm_form": confirm_form, "is_admin": is_admin},
                  status=status)
