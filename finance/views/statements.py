"""Statements: each school's account page, its PDF (built on the pdf queue, with live status), emailing it,
and the exports of shares for a school's finance system."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from consortia.permissions import requires
from consortia.scoping import get_for_consortium
from partnerships.models import Organisation

from .. import exports, presentation, selectors, services
from ..models import Statement
from ..money import pounds
from ._common import VIEW, budget_of, need, not_post, viewer


def _school(request, budget, organisation_pk) -> Organisation:
    organisation = get_for_consortium(Organisation, request.consortium, pk=organisation_pk)
    if not viewer(request, budget.partnership).sees(organisation.pk):
        raise Http404
    return organisation


def _statement(request, pk) -> Statement:
    statement = get_for_consortium(Statement.objects.select_related("budget__partnership", "organisation"),
                                   request.consortium, pk=pk)
    statement.budget.partnership.consortium = request.consortium
    if not viewer(request, statement.budget.partnership).sees(statement.organisation_id):
        raise Http404
    return statement


def _language(request) -> str:
    wanted = request.POST.get("language") or request.GET.get("language") or get_language() or "en"
    return "cy" if wanted.startswith("cy") else "en"


@requires(VIEW)
def finance_statements(request, consortium_slug, pk):
    budget = budget_of(request, pk)
    person = viewer(request, budget.partnership)
    need(person.can_view)
    balances = selectors.balances_of(budget)
    latest = selectors.latest_statements(budget)
    rows = [{"organisation": o, "figures": balances.get(o.pk, {"charged": 0, "received": 0, "balance": 0}),
             "en": latest.get((o.pk, "en")), "cy": latest.get((o.pk, "cy"))}
            for o in selectors.statement_members(budget) if person.sees(o.pk)]
    return render(request, "finance/statements.html", {
        "budget": budget, "partnership": budget.partnership, "viewer": person, "rows": rows,
        "summary": selectors.budget_summary(budget)})


@requires(VIEW)
def finance_statement(request, consortium_slug, pk, organisation_pk):
    budget = budget_of(request, pk)
    organisation = _school(request, budget, organisation_pk)
    person = viewer(request, budget.partnership)
    ledger = selectors.ledger_for(budget, organisation)
    latest = selectors.latest_statements_for(budget, organisation)
    return render(request, "finance/statement.html", {
        "budget": budget, "partnership": budget.partnership, "organisation": organisation, "viewer": person,
        "ledger": ledger, "rows": [{"entry": e, "text": presentation.charge_text(e.charge)
                                    if e.kind in ("charge", "credit_note") else "",
                                    "explanation": presentation.charge_explanation(e.charge)
                                    if e.kind in ("charge", "credit_note") else ""} for e in ledger.entries],
        "statements": latest, "fingerprint": ledger.fingerprint(),
        "summary": selectors.budget_summary(budget),
    })


@requires(VIEW)
def finance_statement_build(request, consortium_slug, pk, organisation_pk):
    budget = budget_of(request, pk)
    organisation = _school(request, budget, organisation_pk)
    if (refused := not_post(request)) is not None:
        return refused
    statement = services.statement_request(budget=budget, organisation=organisation, language=_language(request),
                                           by=request.user)
    if statement.status == Statement.Status.READY:
        return redirect("finance_statement_download", consortium_slug, statement.pk)
    return redirect("finance_statement_status", consortium_slug, statement.pk)


@requires(VIEW)
def finance_statement_email(request, consortium_slug, pk, organisation_pk):
    budget = budget_of(request, pk)
    need(viewer(request, budget.partnership).can_manage)
    organisation = _school(request, budget, organisation_pk)
    if (refused := not_post(request)) is not None:
        return refused
    try:
        built = services.statements_email(budget=budget, organisation=organisation, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, ngettext(
            "The statement is emailed to %(school)s as soon as it is built. Emailing it again sends nothing new "
            "unless the figures change.",
            "The statement is emailed to %(school)s in %(count)s languages as soon as it is built. Emailing it again "
            "sends nothing new unless the figures change.", len(built)) % {"school": organisation.name,
                                                                            "count": len(built)})
    return redirect("finance_statement", consortium_slug, budget.pk, organisation.pk)


@requires(VIEW)
def finance_statement_status(request, consortium_slug, pk):
    statement = _statement(request, pk)
    person = viewer(request, statement.budget.partnership)
    template = "finance/_statement_build.html" if request.htmx else "finance/statement_status.html"
    response = render(request, template, {"statement": statement, "viewer": person,
                                          "budget": statement.budget, "partnership": statement.budget.partnership})
    patch_vary_headers(response, ["HX-Request"])
    return response


@requires(VIEW)
def finance_statement_download(request, consortium_slug, pk):
    statement = _statement(request, pk)
    if statement.status != Statement.Status.READY or not statement.file:
        raise Http404
    try:
        handle = statement.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=statement.filename(), content_type="application/pdf")


@requires(VIEW)
def finance_statement_retry(request, consortium_slug, pk):
    statement = _statement(request, pk)
    need(viewer(request, statement.budget.partnership).can_manage)
    if (refused := not_post(request)) is not None:
        return refused
    try:
        services.statement_retry(statement=statement, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("finance_statement_status", consortium_slug, statement.pk)


@requires(VIEW)
def finance_shares_export(request, consortium_slug, pk):
    budget = budget_of(request, pk)
    person = viewer(request, budget.partnership)
    need(person.can_view)
    export_format = request.GET.get("format", "csv")
    if export_format not in ("csv", "xlsx"):
        raise Http404
    header = [_("Activity"), _("PD delivery"), _("School"), _("School code"), _("Basis"), _("Figures from"),
              _("Weight"), _("Total weight"), _("Amount shared (£)"), _("Share (£)"), _("Exact share (£)"),
              _("Method"), _("Calculation")]
    rows = ([s.calculation.activity.display_title(),
             (f"{s.calculation.delivery.leader.get_full_name()} {s.calculation.delivery.delivered_on.isoformat()}"
              if s.calculation.delivery_id else ""),
             s.organisation.name, s.organisation.school_code, s.calculation.get_basis_display(),
             presentation.year_label(s.source_academic_year), s.weight, s.calculation.total_weight,
             pounds(s.calculation.cost_pence), pounds(s.amount_pence),
             presentation.exact_pounds(s.exact_pence()).replace("£", "").replace(",", ""),
             s.calculation.algorithm, s.calculation.number]
            for s in selectors.shares_of(budget, person))
    return exports.table_response(header=header, rows=rows, export_format=export_format,
                                  filename=f"shares-{budget.partnership_id}-{budget.year}", sheet=_("Shares"))
