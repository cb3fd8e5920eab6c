"""The joint plan's export, as CSV and as XLSX: every project's status and milestones, and no cell
a spreadsheet would run as a formula; only people of the partnership get it."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consortia.services import membership_ensure
from programmes.models import ProgressUpdate
from programmes.services import plans as services

from ..factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def plan(consortium):
    partnership = PartnershipFactory(consortium=consortium, kind="strategic", name="Cross-regional")
    plan = services.joint_plan_save(partnership=partnership, name="Joint plan")
    project = services.project_edit(plan=plan, name="=HYPERLINK(\"http://evil\")", overview="O",
                                    sponsor=UserFactory(full_name="@Sponsor"), manager=UserFactory(full_name="-Jo"))
    services.milestone_save(project=project, name="+Launch", baseline_on=TODAY - dt.timedelta(days=2))
    ProgressUpdate.objects.create(consortium_id=plan.consortium_id, project=project, author=project.manager,
                                  period_start=TODAY, period_end=TODAY, status="at_risk", narrative="n")
    services.project_edit(plan=plan, name="Communications", overview="O")
    return plan


def test_the_csv_has_every_project_and_no_formula(client, consortium_admin, plan):
    client.force_login(consortium_admin)

    response = client.get(reverse("plan_export", args=[plan.consortium.slug, plan.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert rows[0][0] == "Project" and len(rows) == 3
    assert rows[1][:5] == ["'=HYPERLINK(\"http://evil\")", "At risk", "'@Sponsor", "'-Jo", "'+Launch"]
    assert rows[1][-1] == "2"
    assert rows[2][0] == "Communications" and rows[2][1] == "Not started"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_xlsx_has_the_same_rows_as_text_not_formulas(client, consortium_admin, plan):
    client.force_login(consortium_admin)

    response = client.get(reverse("plan_export_xlsx", args=[plan.consortium.slug, plan.pk]))

    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert len(rows) == 3 and rows[1][0] == "'=HYPERLINK(\"http://evil\")" and rows[1][4] == "'+Launch"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert rows[1][5].date() == TODAY - dt.timedelta(days=2) and rows[1][-1] == 2


def test_someone_outside_the_partnership_gets_no_export(client, consortium, plan):
    outsider = UserFactory()
    membership_ensure(consortium=consortium, user=outsider)
    client.force_login(outsider)

    for name in ("plan_export", "plan_export_xlsx"):
        assert client.get(reverse(name, args=[consortium.slug, plan.pk])).status_code == 403


def test_another_consortiums_export_is_404(client, consortium, consortium_admin, other_consortium):
    theirs = services.joint_plan_save(partnership=PartnershipFactory(consortium=other_consortium), name="Theirs")
    client.force_login(consortium_admin)

    for name in ("plan_export", "plan_export_xlsx"):
        assert client.get(reverse(name, args=[consortium.slug, theirs.pk])).status_code == 404
