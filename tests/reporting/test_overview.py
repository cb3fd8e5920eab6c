"""The consortium overview: every partnership's report of the year side by side, exported to CSV and Excel."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting.models import ReportBuild

from .conftest import YEAR

pytestmark = pytest.mark.django_db

FIGURES = {"members": 12, "meetings_held": 2, "meetings_minimum": 3, "notice_rate": 0.5, "attendance_rate": 0.75}


@pytest.fixture
def builds(partnership, other_partnership):
    mine = ReportBuild.objects.create(consortium=partnership.consortium, partnership=partnership, academic_year=YEAR,
                                      language="en", status="ready", figures=FIGURES)
    theirs = ReportBuild.objects.create(consortium=other_partnership.consortium, partnership=other_partnership,
                                        academic_year=YEAR, language="en", status="ready", figures=FIGURES)
    return mine, theirs


def url(consortium, fmt=""):
    return reverse("report_overview", args=[consortium.slug]) + f"?year={YEAR}" + (f"&format={fmt}" if fmt else "")


def test_the_overview_shows_my_partnerships_figures(client, consortium_admin, consortium, builds):
    client.force_login(consortium_admin)

    html = client.get(url(consortium)).content.decode()

    assert "Primary School Improvement Partnership" in html and "ECT Programme" not in html
    assert "75%" in html and "50%" in html


def test_the_csv_export_holds_only_my_consortium(client, consortium_admin, consortium, builds):
    client.force_login(consortium_admin)

    response = client.get(url(consortium, "csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert response["Content-Type"].startswith("text/csv")
    assert [row[0] for row in rows[1:]] == ["Primary School Improvement Partnership"]
    assert "75%" in rows[1] and "2024/25" in rows[1]


def test_the_excel_export_holds_only_my_consortium(client, consortium_admin, consortium, builds):
    client.force_login(consortium_admin)

    response = client.get(url(consortium, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active

    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Primary School Improvement Partnership"]


def test_only_admins_see_the_overview(client, chair, consortium):
    client.force_login(chair)

    assert client.get(url(consortium)).status_code == 403
