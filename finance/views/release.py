"""PD release: each leader's hours this term, recording deliveries, raising the term's charges; term dates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consortia.permissions import has_consortium_perm, requires
from consortia.scoping import get_for_consortium

from .. import selectors, services, terms
from ..forms import DeliveryForm, TermsForm
from ..models import PDDelivery, Term
from ..money import hours_label
from ._common import VIEW, need, not_post, partnership_of, run, status_for, viewer


def _term(request, term_id: str | None) -> Term | None:
    if term_id and term_id.isdigit():
        return get_for_consortium(Term, request.consortium, pk=term_id)
    return selectors.term_on(request.consortium.pk, timezone.localdate())


@requires(VIEW)
def finance_release(request, consortium_slug, pk):
    partnership = partnership_of(request, pk)
    person = viewer(request, partnership)
    need(person.can_view)
    term = _term(request, request.GET.get("term"))
    allowance = selectors.settings_for(partnership).free_release_minutes
    leaders = selectors.release_summary(partnership, term, allowance) if term else []
    if not person.sees_every_member:
        # A representative sees the deliveries their own school gave or received.
        mine = person.organisation_ids
        for row in leaders:
            row.deliveries = [d for d in row.deliveries if d.leader_school_id in mine
                              or mine & {r.organisation_id for r in d.recipients.all()}]
        leaders = [row for row in leaders if row.deliveries]
    academic_year = term.academic_year if term else terms.academic_year_of(timezone.localdate())
    return render(request, "finance/release.html", {
        "partnership": partnership, "viewer": person, "term": term, "leaders": leaders,
        "terms": selectors.terms_of(request.consortium.pk, academic_year),
        "academic_year": academic_year, "allowance_hours": hours_label(allowance),
        "rate": selectors.rate_on(partnership, timezone.localdate()),
        "chargeable_left": any(d.chargeable_minutes and not d.is_charged for row in leaders for d in row.deliveries),
        "can_set_terms": has_consortium_perm(request.user, "consortia.administer_consortium", request.consortium),
    })


@requires(VIEW)
def finance_release_record(request, consortium_slug, pk):
    partnership = partnership_of(request, pk)
    need(viewer(request, partnership).can_manage)
    members = selectors.current_members(partnership)
    form = DeliveryForm(request.POST or None, partnership=partnership, members=members)
    saved = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["minutes"] = data.pop("hours")
        data["recipients"] = list(data["recipients"])
        if run(form, lambda: saved.append(services.pd_delivery_record(partnership=partnership, by=request.user,
                                                                      **data))):
            delivery = saved[0]
            if delivery.chargeable_minutes:
                messages.success(request, _("Recorded. %(free)s hours were free and %(chargeable)s hours are "
                                            "chargeable this term.") % {
                    "free": hours_label(delivery.free_minutes), "chargeable": hours_label(delivery.chargeable_minutes)})
            else:
                messages.success(request, _("Recorded. All %(hours)s hours were within the free time for the term.")
                                 % {"hours": hours_label(delivery.minutes)})
            return redirect(f"{_release_url(consortium_slug, partnership.pk)}?term={delivery.term_id}")
    return render(request, "finance/release_form.html", {"partnership": partnership, "form": form},
                  status=status_for(form))


def _release_url(slug, pk):
    from django.urls import reverse

    return reverse("finance_release", args=[slug, pk])


@requires(VIEW)
def finance_release_charge(request, consortium_slug, pk):
    partnership = partnership_of(request, pk)
    need(viewer(request, partnership).can_manage)
    if (refused := not_post(request)) is not None:
        return refused
    term = get_for_consortium(Term, request.consortium, pk=request.POST.get("term"))
    try:
        raised = services.pd_release_charges_raise(partnership=partnership, by=request.user, term=term)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, ngettext(
            "%(count)s draft charge is raised for the term's chargeable PD. Someone else must approve it.",
            "%(count)s draft charges are raised for the term's chargeable PD. Someone else must approve them.",
            len(raised)) % {"count": len(raised)})
    return redirect(f"{_release_url(consortium_slug, partnership.pk)}?term={term.pk}")


@requires(VIEW)
def finance_release_delete(request, consortium_slug, pk):
    delivery = get_for_consortium(PDDelivery.objects.select_related("partnership", "term"), request.consortium, pk=pk)
    delivery.partnership.consortium = request.consortium
    need(viewer(request, delivery.partnership).can_manage)
    if (refused := not_post(request)) is not None:
        return refused
    try:
        services.pd_delivery_delete(delivery=delivery, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The delivery is removed; the term's free time is worked out again."))
    return redirect(f"{_release_url(consortium_slug, delivery.partnership_id)}?term={delivery.term_id}")


@requires("consortia.administer_consortium")
def finance_terms(request, consortium_slug):
    """The consortium's term dates for an academic year, with the default offered."""
    year_param = request.GET.get("year", "")
    academic_year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else \
        terms.academic_year_of(timezone.localdate())
    current = selectors.terms_of(request.consortium.pk, academic_year)
    form = TermsForm(request.POST if request.POST.get("step") == "dates" else None, academic_year=academic_year,
                     current=current)
    if request.method == "POST":
        if request.POST.get("step") == "default":
            try:
                services.terms_use_default(consortium=request.consortium, by=request.user, academic_year=academic_year)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The default terms are set for %(year)s.") % {
                    "year": terms.year_label(terms.ACADEMIC, academic_year)})
            return redirect(f"{request.path}?year={academic_year}")
        if form.is_valid() and run(form, lambda: services.terms_set(consortium=request.consortium, by=request.user,
                                                                   academic_year=academic_year, dates=form.dates())):
            messages.success(request, _("The term dates are saved."))
            return redirect(f"{request.path}?year={academic_year}")
    return render(request, "finance/terms.html", {
        "form": form, "academic_year": academic_year, "current": current,
        "year_label": terms.year_label(terms.ACADEMIC, academic_year),
        "years": [(y, terms.year_label(terms.ACADEMIC, y)) for y in range(academic_year - 2, academic_year + 3)],
        "defaults": terms.default_terms(academic_year),
    }, status=status_for(form))
