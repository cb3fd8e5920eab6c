"""Planned against actual: income from charges issued, spending from payments approved, right for a year in
progress as well as a finished one; the annual report's finance section says the same."""

import datetime as dt

import pytest
from django.utils import timezone

from finance import selectors, services
from finance.models import BudgetLine
from reporting import pdf as report_pdf
from reporting.sections import ReportYear

from .conftest import YEAR, activity, issued_charges

pytestmark = pytest.mark.django_db


def plan(budget, by):
    lines = {}
    for kind, category, description, pence in [("income", "contributions", "Member contributions", 200_000),
                                               ("income", "grant", "Regional grant", 50_000),
                                               ("spending", "training", "INSET", 100_000),
                                               ("spending", "fellows", "Visiting fellows", 60_000)]:
        lines[description] = services.budget_line_save(budget=budget, by=by, kind=kind, category=category,
                                                       description=description, planned_pence=pence)
    return lines


def test_actual_income_is_charges_issued_net_of_credits_and_spending_is_payments_approved(
        budget, finance_admin, approver, schools):
    # Given a plan, £1,000 of charges issued (one credited) and payments requested, approved and paid
    lines = plan(budget, finance_admin)
    _act, charges = issued_charges(budget, finance_admin, approver, budget_line=lines["INSET"])
    credit, _none = services.charge_credit(charge=charges[0], by=finance_admin, reason="Error")
    services.charge_approve(charge=credit, by=approver)
    services.charge_mark_paid(charge=charges[1], by=finance_admin, paid_on=timezone.localdate())
    approved = services.payment_request(budget=budget, by=finance_admin, payee=schools[0], kind="visiting_fellow",
                                        amount_pence=45_000, description="VF", budget_line=lines["Visiting fellows"])
    services.payment_approve(payment=approved, by=approver)
    services.payment_request(budget=budget, by=finance_admin, payee=schools[1], kind="host", amount_pence=9_999,
                             description="Still only requested")

    # When the budget is summed up
    summary = selectors.budget_summary(budget)

    # Then income is what was charged less the credit, and spending what was approved
    actual = {row.label: row.actual_pence for row in summary.income + summary.spending}
    assert actual == {"Member contributions": 100_000 - charges[0].amount_pence, "Regional grant": None,
                      "INSET": 0, "Visiting fellows": 45_000}
    assert summary.received_pence == charges[1].amount_pence
    assert (summary.planned_income_pence, summary.planned_spending_pence) == (250_000, 160_000)
    assert summary.payments_awaiting == 1


def test_a_year_in_progress_counts_what_is_issued_so_far(current_budget, finance_admin, approver, schools):
    act = activity(current_budget, finance_admin, academic_year=current_budget.academic_year)
    services.activity_share(activity=act, by=finance_admin)
    drafts = services.activity_charges_raise(activity=act, by=finance_admin)
    services.charge_approve(charge=drafts[0], by=approver)

    summary = selectors.budget_summary(current_budget)

    assert summary.charged_pence == drafts[0].amount_pence and summary.draft_charges == 4


def test_the_report_section_for_a_finished_year(partnership, budget, finance_admin, approver, schools, rep):
    plan(budget, finance_admin)
    issued_charges(budget, finance_admin, approver)

    data = report_pdf.gather(partnership, ReportYear(YEAR))
    finance = next(entry["data"] for entry in data if entry["section"].key == "finance")

    block = finance["blocks"][0]
    assert finance["in_progress"] is False
    assert block["summary"].charged_pence == 100_000
    assert {m["name"]: m["charged"] for m in block["members"]}["Parc Primary School"] == 30_565


def test_the_report_section_for_a_year_in_progress_says_so(partnership, current_budget, finance_admin, approver):
    year = ReportYear(current_budget.academic_year)

    data = report_pdf.gather(partnership, year)

    finance = next(entry["data"] for entry in data if entry["section"].key == "finance")
    assert finance["in_progress"] is (year.as_of < year.end)
    assert finance["blocks"][0]["budget"] == current_budget


def test_the_report_pdf_has_the_finance_section_in_welsh(partnership, budget, finance_admin, approver, schools):
    import io

    from pypdf import PdfReader

    issued_charges(budget, finance_admin, approver)

    built = report_pdf.build(partnership, ReportYear(YEAR), "cy")

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(built.pdf)).pages)
    assert "Cyllid" in text and "£1,000.00" in text
    assert built.figures["finance_charged"] == "£1,000.00"


def test_an_april_to_march_budget_keeps_its_own_dates(partnership, finance_admin, council, schools):
    services.finance_settings_update(partnership=partnership, by=finance_admin, year_basis="april", open_books=False,
                                     free_release_minutes=180)

    budget = services.budget_create(partnership=partnership, by=finance_admin, year=2026, holder=council)

    assert (budget.starts_on, budget.ends_on, budget.year_basis) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31),
                                                                     "april")


def test_a_line_with_payments_cannot_be_deleted(budget, finance_admin, schools):
    from django.core.exceptions import ValidationError

    line = plan(budget, finance_admin)["Visiting fellows"]
    services.payment_request(budget=budget, by=finance_admin, payee=schools[0], kind="visiting_fellow",
                             amount_pence=100, description="VF", budget_line=line)

    with pytest.raises(ValidationError, match="move them"):
        services.budget_line_delete(line=line, by=finance_admin)
    assert BudgetLine.objects.filter(pk=line.pk).exists()
