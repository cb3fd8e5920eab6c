"""Importing organisations in the admin: a dry run that lists every problem, then all or nothing."""

import csv
import io
import time
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.tmp_storages import TempFolderStorage

from partnerships.models import Organisation, OrganisationYear
from partnerships.resources import OrganisationResource

from ..conftest import with_mfa
from ..factories import LocalAuthorityFactory, OrganisationFactory, OrganisationYearFactory, UserFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:partnerships_organisation_import")
CONFIRM_URL = reverse("admin:partnerships_organisation_process_import")
CSV_FORMAT, XLSX_FORMAT = "0", "1"
HEADERS = ["kind", "name", "name_cy", "phase", "school_code", "local_authority", "email", "phone", "address",
           "website", "academic_year", "pupils", "budget"]


def school(**values):
    row = dict.fromkeys(HEADERS, "")
    row.update(kind="school", name="Ysgol Gymraeg Aberdâr", phase="primary", school_code="6762001",
               academic_year="2025/26", pupils="312", budget="1,250,000.00")
    row.update(values)
    return row


def csv_bytes(rows, headers=HEADERS):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def dataset(rows, headers=HEADERS):
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append([row.get(column, "") for column in headers])
    return data


def dry_run(client, consortium, content, name="organisations.csv", file_format=CSV_FORMAT):
    return client.post(IMPORT_URL, {
        "consortium": consortium.pk, "format": file_format, "resource": "0",
        "import_file": SimpleUploadedFile(name, content),
    })


def confirm(client, response):
    return client.post(CONFIRM_URL, response.context["confirm_form"].initial)


def errors_by_row(result):
    return {row.number: row.error_dict for row in result.invalid_rows}


# --- Through the admin -------------------------------------------------------------------------

def test_an_import_saves_nothing_until_it_is_confirmed(client, consortium, consortium_admin):
    LocalAuthorityFactory(consortium=consortium, name="Rhondda Cynon Taf")
    client.force_login(consortium_admin)
    content = csv_bytes([
        school(local_authority="rhondda cynon taf", email="admin@aberdar.cymru"),
        school(kind="HEI", name="Prifysgol De Cymru", phase="", school_code="", academic_year="", pupils="",
               budget=""),
    ])

    response = dry_run(client, consortium, content)

    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new", "new"]
    # The preview shows the computed columns too: the local authority's name and the year's figures.
    preview = dict(zip(result.diff_headers, result.rows[0].diff, strict=True))
    assert "Rhondda Cynon Taf" in preview["local_authority"]
    assert "312" in preview["pupils"] and "1250000.00" in preview["budget"]
    assert "confirm_form" in response.context
    assert not Organisation.objects.filter(kind="school").exists()

    response = confirm(client, response)

    assert response.status_code == 302
    assert response.url == reverse("admin:partnerships_organisation_changelist")
    school_row = Organisation.objects.get(consortium=consortium, school_code="6762001")
    assert school_row.name == "Ysgol Gymraeg Aberdâr"
    assert school_row.local_authority.name == "Rhondda Cynon Taf"
    assert school_row.email == "admin@aberdar.cymru"
    year = school_row.years.get()
    assert (year.academic_year, year.pupils, year.budget) == (2025, 312, Decimal("1250000.00"))
    assert year.consortium_id == consortium.pk
    assert Organisation.objects.get(consortium=consortium, kind="hei").name == "Prifysgol De Cymru"
    assert LogEntry.objects.filter(user=consortium_admin).count() == 2


def test_the_dry_run_lists_every_error_by_row_and_column(client, consortium, consortium_admin):
    client.force_login(consortium_admin)
    content = csv_bytes([
        school(),
        school(name="Ysgol Two", school_code="6762002", kind="castle", pupils="-4"),
        school(name="Ysgol Three", school_code="6762003", budget="lots", email="not-an-email"),
        school(name="Ysgol Four", school_code="6762004", local_authority="Atlantis"),
    ])

    response = dry_run(client, consortium, content)

    result = response.context["result"]
    errors = errors_by_row(result)
    assert set(errors) == {2, 3, 4}
    assert set(errors[2]) == {"kind", "pupils"}
    assert set(errors[3]) == {"budget", "email"}
    assert set(errors[4]) == {"local_authority"}
    assert "confirm_form" not in response.context
    page = response.content.decode()
    # Rows are numbered as in the spreadsheet, with the headings on row 1.
    assert '<tr class="import-error"><td>3</td><td>kind</td>' in page
    assert '<tr class="import-error"><td>5</td><td>local_authority</td>' in page
    assert "Atlantis" in page
    assert not Organisation.objects.exists()


def test_a_replayed_confirm_of_a_file_with_an_invalid_row_saves_nothing(client, consortium, consortium_admin):
    # The dry run never offers to confirm such a file; posting the confirm step anyway must save nothing.
    client.force_login(consortium_admin)
    storage = TempFolderStorage(encoding="utf-8-sig", read_mode="r")
    storage.save(csv_bytes([school(), school(name="Ysgol Two", school_code="6762002", budget="-1")]))

    response = client.post(CONFIRM_URL, {
        "import_file_name": storage.name, "original_file_name": "organisations.csv", "format": CSV_FORMAT,
        "resource": "0", "consortium": consortium.pk,
    }, follow=True)

    assert not Organisation.objects.exists()
    # A file no dry run of this person's checked is refused before it is read.
    assert "This confirmation does not match a file checked here." in response.content.decode()


def test_an_xlsx_file_imports_with_numbers_as_the_spreadsheet_stores_them(client, consortium, consortium_admin):
    client.force_login(consortium_admin)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Kind", "Name", "Phase", "School code", "Academic year", "Pupils", "Budget"])
    sheet.append(["School", "Ysgol y Cwm", "Secondary", 6764010, 2025, 1020, 5400000.5])
    sheet.append([None] * 7)  # spreadsheets keep formatted blank lines at the end
    content = io.BytesIO()
    book.save(content)

    response = dry_run(client, consortium, content.getvalue(), name="organisations.xlsx", file_format=XLSX_FORMAT)
    assert not response.context["result"].has_validation_errors()
    confirm(client, response)

    organisation = Organisation.objects.get(consortium=consortium, school_code="6764010")
    assert (organisation.name, organisation.phase) == ("Ysgol y Cwm", "secondary")
    year = organisation.years.get()
    assert (year.academic_year, year.pupils, year.budget) == (2025, 1020, Decimal("5400000.50"))


def test_a_consortium_admin_cannot_import_into_another_consortium(client, consortium, other_consortium,
                                                                  consortium_admin):
    client.force_login(consortium_admin)

    form = client.get(IMPORT_URL).context["form"]
    assert list(form.fields["consortium"].queryset) == [consortium]

    response = dry_run(client, other_consortium, csv_bytes([school()]))

    assert response.status_code == 200
    assert "consortium" in response.context["form"].errors
    assert "result" not in response.context
    assert not Organisation.objects.exists()


def test_the_confirm_step_refuses_another_consortium(client, consortium, other_consortium, consortium_admin):
    client.force_login(consortium_admin)
    response = dry_run(client, consortium, csv_bytes([school()]))
    tampered = {**response.context["confirm_form"].initial, "consortium": other_consortium.pk}

    response = client.post(CONFIRM_URL, tampered)

    assert response.status_code == 200
    assert "consortium" in response.context["confirm_form"].errors
    assert not Organisation.objects.exists()


def test_a_superuser_may_choose_any_consortium(client, consortium, other_consortium):
    superuser = with_mfa(UserFactory(email="root@partneriaeth.cymru", is_superuser=True, is_staff=True))
    client.force_login(superuser)

    form = client.get(IMPORT_URL).context["form"]

    assert set(form.fields["consortium"].queryset) == {consortium, other_consortium}


def test_the_import_page_explains_the_columns(client, consortium_admin):
    client.force_login(consortium_admin)

    page = client.get(IMPORT_URL).content.decode()

    assert "A blank school code never removes one already recorded" in page


# --- The resource: errors ----------------------------------------------------------------------

@pytest.mark.parametrize("column,value", [
    ("kind", "castle"),
    ("kind", ""),
    ("phase", "college"),
    ("email", "head at ysgol"),
    ("website", "not a website"),
    ("pupils", "-1"),
    ("pupils", "three hundred"),
    ("pupils", "12.5"),
    ("budget", "-100"),
    ("budget", "a lot"),
    ("budget", "NaN"),
    ("budget", "100000000000"),
    ("academic_year", "last year"),
    ("academic_year", "2025/27"),
    ("academic_year", "1999"),
    ("local_authority", "Nowhere Council"),
    ("name", ""),
])
def test_a_bad_value_is_an_error_in_its_row_and_column(consortium, column, value):
    rows = [school(school_code="6762001", name="Ysgol One"), school(school_code="6762002", **{column: value})]

    result = OrganisationResource(consortium=consortium).import_data(dataset(rows), dry_run=True)

    assert list(errors_by_row(result)) == [2]
    assert column in errors_by_row(result)[2]


def test_figures_without_a_year_are_an_error_on_the_year(consortium):
    result = OrganisationResource(consortium=consortium).import_data(
        dataset([school(academic_year="")]), dry_run=True)

    assert set(errors_by_row(result)[1]) == {"academic_year"}


def test_a_school_code_twice_in_the_file_names_the_earlier_row(consortium):
    rows = [school(), school(name="Another school")]

    result = OrganisationResource(consortium=consortium).import_data(dataset(rows), dry_run=True)

    assert errors_by_row(result)[2]["school_code"] == ["School code 6762001 is also on row 2."]


def test_a_file_without_the_required_columns_is_refused(consortium):
    result = OrganisationResource(consortium=consortium).import_data(
        dataset([{"name": "Ysgol"}], headers=["name", "phase"]), dry_run=False)

    assert result.has_errors()
    assert "kind" in str(result.base_errors[0].error)
    assert not Organisation.objects.exists()


def test_one_invalid_row_means_nothing_is_saved(consortium):
    rows = [school(), school(name="Ysgol Two", school_code="6762002"),
            school(name="Ysgol Three", school_code="6762003", pupils="-5")]

    result = OrganisationResource(consortium=consortium).import_data(dataset(rows), dry_run=False)

    assert list(errors_by_row(result)) == [3]
    assert not Organisation.objects.exists()
    assert not OrganisationYear.objects.exists()


def test_a_local_authority_added_on_an_earlier_row_can_be_used(consortium):
    rows = [school(kind="local_authority", name="Merthyr Tudful", phase="", school_code="", academic_year="",
                   pupils="", budget=""),
            school(local_authority="Merthyr Tudful")]

    result = OrganisationResource(consortium=consortium).import_data(dataset(rows), dry_run=False)

    assert not result.has_validation_errors()
    assert Organisation.objects.get(school_code="6762001").local_authority.name == "Merthyr Tudful"


def test_another_consortiums_local_authority_is_unknown(consortium, other_consortium):
    LocalAuthorityFactory(consortium=other_consortium, name="Caerdydd")

    result = OrganisationResource(consortium=consortium).import_data(
        dataset([school(local_authority="Caerdydd")]), dry_run=True)

    assert set(errors_by_row(result)[1]) == {"local_authority"}


# --- The resource: re-importing ----------------------------------------------------------------

def test_a_reimport_updates_by_school_code(consortium):
    existing = OrganisationFactory(consortium=consortium, school_code="6762001", name="Old name")

    result = OrganisationResource(consortium=consortium).import_data(
        dataset([school(name="New name", phone="01685 123456")]), dry_run=False)

    assert [row.import_type for row in result.rows] == ["update"]
    assert Organisation.objects.filter(consortium=consortium).count() == 1
    existing.refresh_from_db()
    assert (existing.name, existing.phone) == ("New name", "01685 123456")


def test_an_unchanged_row_is_skipped_and_adds_no_history(consortium):
    OrganisationResource(consortium=consortium).import_data(dataset([school()]), dry_run=False)
    organisation = Organisation.objects.get(consortium=consortium)

    result = OrganisationResource(consortium=consortium).import_data(
        dataset([school(pupils="312", budget="1250000")]), dry_run=False)

    assert result.totals["skip"] == 1
    assert organisation.history.count() == 1


def test_a_reimport_without_a_code_matches_kind_and_name(consortium):
    existing = OrganisationFactory(consortium=consortium, kind="hei", name="Prifysgol Caerdydd", phase="",
                                   school_code="")
    row = school(kind="hei", name="prifysgol caerdydd", phase="", school_code="", website="https://cardiff.ac.uk")

    OrganisationResource(consortium=consortium).import_data(dataset([row]), dry_run=False)

    assert Organisation.objects.filter(consortium=consortium).count() == 1
    existing.refresh_from_db()
    assert existing.website == "https://cardiff.ac.uk"


def test_a_code_is_added_to_an_organisation_that_had_none(consortium):
    existing = OrganisationFactory(consortium=consortium, name="Ysgol Gymraeg Aberdâr", school_code="")

    OrganisationResource(consortium=consortium).import_data(dataset([school()]), dry_run=False)

    existing.refresh_from_db()
    assert existing.school_code == "6762001"
    assert Organisation.objects.filter(consortium=consortium).count() == 1


def test_a_blank_code_does_not_remove_the_recorded_one(consortium):
    existing = OrganisationFactory(consortium=consortium, name="Ysgol Gymraeg Aberdâr", school_code="6762001")

    OrganisationResource(consortium=consortium).import_data(dataset([school(school_code="")]), dry_run=False)

    existing.refresh_from_db()
    assert existing.school_code == "6762001"


def test_a_new_code_for_a_name_that_has_another_code_is_an_error(consortium):
    OrganisationFactory(consortium=consortium, name="Ysgol Gymraeg Aberdâr", school_code="6760000")

    result = OrganisationResource(consortium=consortium).import_data(dataset([school()]), dry_run=True)

    assert set(errors_by_row(result)[1]) == {"name"}


def test_the_same_code_in_another_consortium_is_not_matched(consortium, other_consortium):
    theirs = OrganisationFactory(consortium=other_consortium, school_code="6762001", name="Theirs")

    OrganisationResource(consortium=consortium).import_data(dataset([school()]), dry_run=False)

    theirs.refresh_from_db()
    assert theirs.name == "Theirs"
    assert Organisation.objects.get(consortium=consortium).school_code == "6762001"


def test_a_new_year_is_added_and_earlier_years_are_kept(consortium):
    organisation = OrganisationFactory(consortium=consortium, school_code="6762001")
    OrganisationYearFactory(organisation=organisation, academic_year=2024, pupils=300, budget="1200000.00")
    resource_rows = [school(academic_year="2025", pupils="310", budget="1230000")]

    OrganisationResource(consortium=consortium).import_data(dataset(resource_rows), dry_run=False)
    OrganisationResource(consortium=consortium).import_data(
        dataset([school(academic_year="2025/26", pupils="315", budget="1240000")]), dry_run=False)

    years = {year.academic_year: (year.pupils, year.budget) for year in organisation.years.all()}
    assert years == {2024: (300, Decimal("1200000.00")), 2025: (315, Decimal("1240000.00"))}


def test_a_figure_whose_column_is_left_out_keeps_its_recorded_value(consortium):
    organisation = OrganisationFactory(consortium=consortium, school_code="6762001")
    OrganisationYearFactory(organisation=organisation, academic_year=2025, pupils=300, budget="1200000.00")
    headers = ["kind", "name", "school_code", "academic_year", "pupils"]

    OrganisationResource(consortium=consortium).import_data(
        dataset([school(pupils="320")], headers=headers), dry_run=False)

    year = organisation.years.get()
    assert (year.pupils, year.budget) == (320, Decimal("1200000.00"))


# --- A large file --------------------------------------------------------------------------------

def test_a_2000_row_file_with_one_bad_row_saves_nothing_and_names_the_row(client, consortium, consortium_admin):
    LocalAuthorityFactory(consortium=consortium, name="Rhondda Cynon Taf")
    rows = [school(name=f"Ysgol {n}", school_code=f"67{n:05d}", local_authority="Rhondda Cynon Taf",
                   email=f"admin@ysgol{n}.cymru") for n in range(2000)]
    rows[1233]["budget"] = "-1"
    content = csv_bytes(rows)
    client.force_login(consortium_admin)
    client.get(IMPORT_URL)  # the session's one-off second-factor check, outside the timing

    started = time.perf_counter()
    dry = dry_run(client, consortium, content)
    dry_seconds = time.perf_counter() - started
    started = time.perf_counter()
    result = OrganisationResource(consortium=consortium).import_data(
        dataset(rows), dry_run=False, raise_errors=False)
    import_seconds = time.perf_counter() - started

    assert list(errors_by_row(dry.context["result"])) == [1234]
    assert '<tr class="import-error"><td>1235</td><td>budget</td>' in dry.content.decode()
    assert "confirm_form" not in dry.context
    assert list(errors_by_row(result)) == [1234]
    assert Organisation.objects.filter(consortium=consortium).count() == 1  # the local authority
    assert not OrganisationYear.objects.exists()
    print(f"2,000 rows: dry run through the admin {dry_seconds:.1f}s, import {import_seconds:.1f}s")
    assert dry_seconds + import_seconds < 20
