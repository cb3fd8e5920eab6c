"""The consortium overview's CSV and Excel exports never hold a formula, whatever a partnership is called."""

import csv
import io

import pytest
from openpyxl import load_workbook

from partnerships.models import Partnership
from reporting.models import ReportBuild

from .conftest import YEAR
from .test_overview import FIGURES, url

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example","Report")'


@pytest.fixture
def hostile_build(partnership):
    Partnership.objects.filter(pk=partnership.pk).update(name=HOSTILE)
    return ReportBuild.objects.create(consortium=partnership.consortium, partnership=partnership, academic_year=YEAR,
                                      language="en", status="ready", figures=FIGURES)


def test_the_overview_csv_escapes_a_formula(client, consortium_admin, consortium, hostile_build):
    client.force_login(consortium_admin)

    rows = list(csv.reader(io.StringIO(client.get(url(consortium, "csv")).content.decode())))

    assert rows[1][0] == "'" + HOSTILE


def test_the_overview_xlsx_holds_no_formula(client, consortium_admin, consortium, hostile_build):
    client.force_login(consortium_admin)

    sheet = load_workbook(io.BytesIO(client.get(url(consortium, "xlsx")).content)).active

    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert sheet["A2"].value == "'" + HOSTILE
