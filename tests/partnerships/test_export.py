"""Exporting organisations and people from the admin: only the rows the admin may see."""

import csv
import io

import openpyxl
import pytest
import tablib
from django.urls import reverse

from consortia.services import membership_end, membership_ensure
from partnerships.models import Organisation
from partnerships.resources import OrganisationResource, PersonResource

from ..factories import (
    EmploymentFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    OrganisationYearFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS_URL = reverse("admin:partnerships_organisation_export")
PEOPLE_URL = reverse("admin:partnerships_employment_export")
CSV_FORMAT, XLSX_FORMAT = "0", "1"


def export(client, url, resource, file_format=CSV_FORMAT, query=""):
    fields = {f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()}
    response = client.post(url + query, {"format": file_format, "resource": "0", **fields})
    assert response.status_code == 200, response.content[:500]
    return response


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(headers, row, strict=True)) for row in rows]


@pytest.fixture
def organisations(consortium, other_consortium):
    council = LocalAuthorityFactory(consortium=consortium, name="Rhondda Cynon Taf")
    mine = OrganisationFactory(consortium=consortium, name="Ysgol y Cwm", school_code="6762001",
                               local_authority=council)
    OrganisationYearFactory(organisation=mine, academic_year=2024, pupils=300, budget="1200000.00")
    OrganisationYearFactory(organisation=mine, academic_year=2025, pupils=310, budget="1234567.89")
    OrganisationFactory(consortium=other_consortium, name="Their school", school_code="6769999")
    return mine


@pytest.fixture
def people(consortium, other_consortium, organisations):
    rhian = UserFactory(email="rhian@ysgolycwm.cymru", full_name="Rhian Jones", job_title="Teacher")
    membership_ensure(consortium=consortium, user=rhian)
    EmploymentFactory(organisation=organisations, user=rhian, job_title="Headteacher")
    left = UserFactory(email="left@ysgolycwm.cymru")
    membership_ensure(consortium=consortium, user=left)
    membership_end(consortium=consortium, user=left)
    theirs = UserFactory(email="theirs@exceed.cymru")
    membership_ensure(consortium=other_consortium, user=theirs)
    return rhian


def test_the_organisation_export_has_only_my_consortiums_rows(client, consortium_admin, organisations):
    client.force_login(consortium_admin)

    rows = csv_rows(export(client, ORGANISATIONS_URL, OrganisationResource))

    assert {row["name"] for row in rows} == {"Rhondda Cynon Taf", "Ysgol y Cwm"}
    school = next(row for row in rows if row["name"] == "Ysgol y Cwm")
    assert school["local_authority"] == "Rhondda Cynon Taf"
    # The latest year's figures, in the columns the import reads.
    assert (school["academic_year"], school["pupils"], school["budget"]) == ("2025", "310", "1234567.89")
    assert (school["kind"], school["phase"], school["consortium"]) == ("school", "primary", "taf-valley")


def test_the_organisation_export_as_xlsx(client, consortium_admin, organisations):
    client.force_login(consortium_admin)

    rows = xlsx_rows(export(client, ORGANISATIONS_URL, OrganisationResource, XLSX_FORMAT))

    assert {row["name"] for row in rows} == {"Rhondda Cynon Taf", "Ysgol y Cwm"}
    school = next(row for row in rows if row["name"] == "Ysgol y Cwm")
    assert (school["academic_year"], school["pupils"]) == (2025, 310)
    assert {row["consortium"] for row in rows} == {"taf-valley"}


def test_the_export_follows_the_changelist_filter(client, consortium_admin, organisations):
    client.force_login(consortium_admin)

    rows = csv_rows(export(client, ORGANISATIONS_URL, OrganisationResource, query="?kind__exact=school"))

    assert [row["name"] for row in rows] == ["Ysgol y Cwm"]


def test_an_exported_file_imports_back_without_duplicates(client, consortium, consortium_admin, organisations):
    client.force_login(consortium_admin)
    content = export(client, ORGANISATIONS_URL, OrganisationResource).content.decode()

    result = OrganisationResource(consortium=consortium).import_data(tablib.Dataset().load(content, "csv"))

    assert not result.has_validation_errors()
    assert result.totals["skip"] == 2  # nothing changed, so nothing is saved again
    assert Organisation.objects.filter(consortium=consortium).count() == 2


def test_the_people_export_lists_my_members_with_their_employer(client, consortium_admin, people):
    client.force_login(consortium_admin)

    rows = csv_rows(export(client, PEOPLE_URL, PersonResource))

    assert {row["email"] for row in rows} == {"rhian@ysgolycwm.cymru", "admin@taf.cymru"}
    rhian = next(row for row in rows if row["email"] == "rhian@ysgolycwm.cymru")
    assert rhian == {"email": "rhian@ysgolycwm.cymru", "full_name": "Rhian Jones", "job_title": "Headteacher",
                     "phone": "", "preferred_language": "en", "organisation": "6762001", "consortium": "taf-valley"}
    admin = next(row for row in rows if row["email"] == "admin@taf.cymru")
    assert admin["organisation"] == ""


def test_the_people_export_as_xlsx(client, consortium_admin, people):
    client.force_login(consortium_admin)

    rows = xlsx_rows(export(client, PEOPLE_URL, PersonResource, XLSX_FORMAT))

    assert {row["email"] for row in rows} == {"rhian@ysgolycwm.cymru", "admin@taf.cymru"}


def test_the_people_export_of_another_admin_has_only_theirs(client, other_admin, people):
    client.force_login(other_admin)

    rows = csv_rows(export(client, PEOPLE_URL, PersonResource))

    assert {row["email"] for row in rows} == {"theirs@exceed.cymru", "admin@exceed.cymru"}
    assert {row["consortium"] for row in rows} == {"exceed-hub"}


def test_exported_people_import_back_as_updates(client, consortium, consortium_admin, people):
    client.force_login(consortium_admin)
    content = export(client, PEOPLE_URL, PersonResource).content.decode()

    result = PersonResource(consortium=consortium).import_data(tablib.Dataset().load(content, "csv"))

    assert not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"update"}
    assert people.employments.filter(ended_on__isnull=True).count() == 1
