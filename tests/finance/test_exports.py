"""Charges and shares export as CSV and XLSX for a school's finance system: numbers stay numbers and no
cell can run as a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from finance import services
from finance.exports import safe_cell

from .conftest import issued_charges

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"])
def test_text_that_could_run_as_a_formula_is_escaped(text):
    assert safe_cell(text) == "'" + text


def test_ordinary_text_and_numbers_are_left_alone():
    from decimal import Decimal

    assert safe_cell("Ysgol Gynradd Cwm Glas") == "Ysgol Gynradd Cwm Glas"
    assert safe_cell(Decimal("-12.50")) == Decimal("-12.50")


def test_the_charges_export_lists_amounts_as_numbers_and_escapes_text(client, consortium, budget, finance_admin,
                                                                      approver, schools):
    _act, charges = issued_charges(budget, finance_admin, approver, title="=cmd|' /C calc'!A0")
    services.charge_record_purchase_order(charge=charges[0], by=finance_admin, purchase_order_ref="-PO-1")
    client.force_login(finance_admin)
    url = f"/{consortium.slug}/finance/budgets/{budget.pk}/charges/"

    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content)).active

    header = rows[0]
    assert len(rows) == 6
    descriptions = {row[header.index("Description")] for row in rows[1:]}
    assert descriptions == {"'=cmd|' /C calc'!A0"}
    assert sorted(float(row[header.index("Amount (£)")]) for row in rows[1:]) == sorted(
        c.amount_pence / 100 for c in charges)
    assert any(row[header.index("Purchase order")] == "'-PO-1" for row in rows[1:])
    amounts = [cell.value for cell in next(sheet.iter_cols(min_col=9, max_col=9, min_row=2))]
    assert all(isinstance(value, int | float) for value in amounts)


def test_the_shares_export_shows_each_weight_and_its_figures(client, consortium, budget, finance_admin, approver,
                                                             schools):
    issued_charges(budget, finance_admin, approver)
    client.force_login(finance_admin)

    content = client.get(f"/{consortium.slug}/finance/budgets/{budget.pk}/shares/export/", {"format": "csv"})

    rows = list(csv.DictReader(io.StringIO(content.content.decode("utf-8-sig"))))
    parc = next(r for r in rows if r["School"] == "Parc Primary School")
    assert (parc["Weight"], parc["Total weight"], parc["Share (£)"], parc["Figures from"]) == (
        "346", "1132", "305.65", "2025/26")
