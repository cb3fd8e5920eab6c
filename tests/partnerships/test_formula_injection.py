"""No cell the product writes runs as a formula, and an import says so of a value that would.

A spreadsheet runs a cell beginning with =, +, -, @, a tab or a carriage return: the exports write
such text with a leading apostrophe, through one helper (consortia.spreadsheets).
"""

import csv
import io

import openpyxl
import pytest
import tablib
from django.urls import reverse

from consortia import spreadsheets
from partnerships.models import Organisation, Partnership
from partnerships.resources import OrganisationResource

from ..factories import OrganisationFactory
from .test_export import CSV_FORMAT, ORGANISATIONS_URL, XLSX_FORMAT, export

pytestmark = pytest.mark.django_db

HOSTILE = ["=HYPERLINK(\"https://evil.example\",\"Click\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_the_helper_escapes_every_formula_start(value):
    assert spreadsheets.safe_cell(value) == "'" + value
    assert spreadsheets.unescape_cell(spreadsheets.safe_cell(value)) == value


def test_numbers_and_ordinary_text_are_left_alone():
    assert spreadsheets.safe_row([-5, 3.5, "Ysgol y Cwm", "", None]) == [-5, 3.5, "Ysgol y Cwm", "", None]


def test_the_partnership_list_csv_escapes_a_formula(client, consortium_admin, partnership):
    Partnership.objects.filter(pk=partnership.pk).update(name=HOSTILE[0])
    client.force_login(consortium_admin)

    response = client.get(reverse("partnership_list", args=[partnership.consortium.slug]) + "?format=csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "'" + HOSTILE[0]


@pytest.fixture
def hostile_organisation(consortium):
    return OrganisationFactory(consortium=consortium, name="=cmd|' /C calc'!A0", phone="+44 29 2000 0000")


def test_the_admin_csv_export_escapes_formulas(client, consortium_admin, hostile_organisation):
    client.force_login(consortium_admin)

    rows = list(csv.DictReader(io.StringIO(export(client, ORGANISATIONS_URL, OrganisationResource).content.decode())))

    assert rows[0]["name"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["phone"] == "'+44 29 2000 0000"


def test_the_admin_xlsx_export_holds_no_formula(client, consortium_admin, hostile_organisation):
    client.force_login(consortium_admin)

    response = export(client, ORGANISATIONS_URL, OrganisationResource, file_format=XLSX_FORMAT)

    cells = [cell for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "'=cmd|' /C calc'!A0" in [cell.value for cell in cells]


def test_an_import_warns_of_a_formula_and_keeps_it_as_text(consortium):
    data = tablib.Dataset(headers=["kind", "name"])
    data.append(["school", "=1+1"])

    result = OrganisationResource(consortium=consortium).import_data(data)

    assert not result.has_validation_errors()
    assert len(result.warnings) == 1 and "would run it as a formula" in result.warnings[0]
    assert Organisation.objects.get(consortium=consortium).name == "=1+1"


def test_an_exported_file_imports_back_as_it_was(client, consortium, consortium_admin, hostile_organisation):
    client.force_login(consortium_admin)
    exported = export(client, ORGANISATIONS_URL, OrganisationResource, file_format=CSV_FORMAT).content.decode()
    Organisation.objects.all().delete()

    OrganisationResource(consortium=consortium).import_data(tablib.Dataset().load(exported, format="csv"))

    assert Organisation.objects.get(consortium=consortium).name == "=cmd|' /C calc'!A0"
