"""Importing people in the admin: matched by email, their employer recorded, their own profile respected."""

import csv
import io

import openpyxl
import pytest
import tablib
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consortia.models import Invitation, Membership
from consortia.services import membership_end, membership_ensure
from partnerships.models import Employment
from partnerships.resources import PersonResource

from ..factories import EmploymentFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
IMPORT_URL = reverse("admin:partnerships_employment_import")
CONFIRM_URL = reverse("admin:partnerships_employment_process_import")
CSV_FORMAT, XLSX_FORMAT = "0", "1"
HEADERS = ["email", "full_name", "job_title", "preferred_language", "organisation"]


@pytest.fixture
def ysgol(consortium):
    return OrganisationFactory(consortium=consortium, name="Ysgol y Cwm", school_code="6762001")


def person(**values):
    row = {"email": "rhian.jones@ysgolycwm.cymru", "full_name": "Rhian Jones", "job_title": "Headteacher",
           "preferred_language": "cy", "organisation": "6762001"}
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


def run(consortium, rows, dry_run=False, headers=HEADERS):
    return PersonResource(consortium=consortium).import_data(dataset(rows, headers), dry_run=dry_run)


def errors_by_row(result):
    return {row.number: row.error_dict for row in result.invalid_rows}


def current_employment(user, consortium):
    return Employment.objects.get(consortium=consortium, user=user, ended_on__isnull=True)


# --- Through the admin -------------------------------------------------------------------------

def test_people_are_imported_after_a_dry_run(client, consortium, consortium_admin, ysgol):
    client.force_login(consortium_admin)
    content = csv_bytes([
        person(),
        person(email="Dai.Evans@YsgolyCwm.cymru", full_name="Dai Evans", job_title="Mentor",
               preferred_language="English", organisation="ysgol y cwm"),
    ])

    response = client.post(IMPORT_URL, {"consortium": consortium.pk, "format": CSV_FORMAT, "resource": "0",
                                        "import_file": SimpleUploadedFile("people.csv", content)})

    assert not response.context["result"].has_validation_errors()
    assert not User.objects.filter(email="rhian.jones@ysgolycwm.cymru").exists()

    response = client.post(CONFIRM_URL, response.context["confirm_form"].initial)

    assert response.status_code == 302
    rhian = User.objects.get(email="rhian.jones@ysgolycwm.cymru")
    assert (rhian.full_name, rhian.preferred_language, rhian.language_confirmed) == ("Rhian Jones", "cy", True)
    assert not rhian.has_usable_password()
    assert Membership.objects.get(consortium=consortium, user=rhian).is_active
    employment = current_employment(rhian, consortium)
    assert (employment.organisation, employment.job_title) == (ysgol, "Headteacher")
    dai = User.objects.get(email="dai.evans@ysgolycwm.cymru")
    assert (dai.preferred_language, current_employment(dai, consortium).job_title) == ("en", "Mentor")


def test_an_xlsx_file_of_people_imports(client, consortium, consortium_admin, ysgol):
    client.force_login(consortium_admin)
    book = openpyxl.Workbook()
    book.active.append(["Email", "Full name", "Job title", "Preferred language", "Organisation"])
    book.active.append(["ceri@ysgolycwm.cymru", "Ceri Morgan", "Induction tutor", "cy", 6762001])
    content = io.BytesIO()
    book.save(content)

    response = client.post(IMPORT_URL, {"consortium": consortium.pk, "format": XLSX_FORMAT, "resource": "0",
                                        "import_file": SimpleUploadedFile("people.xlsx", content.getvalue())})
    client.post(CONFIRM_URL, response.context["confirm_form"].initial)

    ceri = User.objects.get(email="ceri@ysgolycwm.cymru")
    assert current_employment(ceri, consortium).organisation == ysgol


def test_the_dry_run_lists_errors_by_row_and_column(client, consortium, consortium_admin, ysgol):
    client.force_login(consortium_admin)
    content = csv_bytes([person(), person(email="not an email"), person(email="b@ysgol.cymru", preferred_language="fr",
                                                                        organisation="Hogwarts")])

    response = client.post(IMPORT_URL, {"consortium": consortium.pk, "format": CSV_FORMAT, "resource": "0",
                                        "import_file": SimpleUploadedFile("people.csv", content)})

    errors = errors_by_row(response.context["result"])
    assert set(errors) == {2, 3}
    assert set(errors[2]) == {"email"}
    assert set(errors[3]) == {"preferred_language", "organisation"}
    assert "confirm_form" not in response.context
    assert '<tr class="import-error"><td>4</td><td>organisation</td>' in response.content.decode()
    assert not User.objects.filter(email="rhian.jones@ysgolycwm.cymru").exists()


def test_the_import_page_says_profiles_are_not_overwritten(client, consortium_admin):
    client.force_login(consortium_admin)

    page = client.get(IMPORT_URL).content.decode()

    assert "never overwrites" in page


def test_a_consortium_admin_cannot_import_people_into_another_consortium(client, consortium_admin,
                                                                         other_consortium):
    client.force_login(consortium_admin)

    response = client.post(IMPORT_URL, {"consortium": other_consortium.pk, "format": CSV_FORMAT, "resource": "0",
                                        "import_file": SimpleUploadedFile("people.csv", csv_bytes([person()]))})

    assert "consortium" in response.context["form"].errors
    assert not User.objects.filter(email="rhian.jones@ysgolycwm.cymru").exists()


# --- The resource ------------------------------------------------------------------------------

@pytest.mark.parametrize("column,value", [
    ("email", ""),
    ("email", "rhian@"),
    ("email", "rhian jones@ysgol.cymru"),
    ("preferred_language", "fr"),
    ("organisation", "9999999"),
    ("full_name", "x" * 201),
])
def test_a_bad_value_is_an_error_in_its_row_and_column(consortium, ysgol, column, value):
    result = run(consortium, [person(email="first@ysgol.cymru"), person(**{column: value})], dry_run=True)

    assert list(errors_by_row(result)) == [2]
    assert column in errors_by_row(result)[2]


def test_another_consortiums_organisation_is_unknown(consortium, other_consortium):
    OrganisationFactory(consortium=other_consortium, school_code="6762001")

    result = run(consortium, [person()], dry_run=True)

    assert set(errors_by_row(result)[1]) == {"organisation"}


def test_a_name_shared_by_two_organisations_must_be_given_as_a_code(consortium, ysgol):
    OrganisationFactory(consortium=consortium, kind="trust", name="Ysgol y Cwm", phase="", school_code="")

    result = run(consortium, [person(organisation="Ysgol y Cwm")], dry_run=True)

    assert "school code" in errors_by_row(result)[1]["organisation"][0]


def test_an_email_twice_in_the_file_names_the_earlier_row(consortium, ysgol):
    result = run(consortium, [person(), person(email="RHIAN.JONES@ysgolycwm.cymru")], dry_run=True)

    assert errors_by_row(result)[2]["email"] == ["RHIAN.JONES@ysgolycwm.cymru is also on row 2."]


def test_one_invalid_row_means_nobody_is_saved(consortium, ysgol):
    result = run(consortium, [person(), person(email="dai@ysgol.cymru"), person(email="x@y.cymru", organisation="?")])

    assert list(errors_by_row(result)) == [3]
    assert not User.objects.filter(email__in=["rhian.jones@ysgolycwm.cymru", "dai@ysgol.cymru"]).exists()
    assert not Employment.objects.exists()


def test_a_reimport_matches_by_email_whatever_its_capitals(consortium, ysgol):
    run(consortium, [person()])

    result = run(consortium, [person(email="Rhian.Jones@YSGOLYCWM.cymru", job_title="Executive headteacher")])

    assert [row.import_type for row in result.rows] == ["update"]
    assert User.objects.filter(email__iexact="rhian.jones@ysgolycwm.cymru").count() == 1
    rhian = User.objects.get(email="rhian.jones@ysgolycwm.cymru")
    assert Employment.objects.filter(user=rhian).count() == 1
    assert current_employment(rhian, consortium).job_title == "Executive headteacher"


def test_a_new_employer_ends_the_previous_employment(consortium, ysgol):
    run(consortium, [person()])
    OrganisationFactory(consortium=consortium, name="Ysgol Newydd", school_code="6762002")

    run(consortium, [person(organisation="6762002")])

    rhian = User.objects.get(email="rhian.jones@ysgolycwm.cymru")
    history = list(Employment.objects.filter(user=rhian).order_by("pk").values_list(
        "organisation__school_code", "ended_on"))
    assert [code for code, _ended in history] == ["6762001", "6762002"]
    assert history[0][1] is not None and history[1][1] is None


def test_a_blank_organisation_leaves_the_employment_as_it_is(consortium, ysgol):
    run(consortium, [person()])

    run(consortium, [person(organisation="", job_title="")])

    assert current_employment(User.objects.get(email="rhian.jones@ysgolycwm.cymru"), consortium).organisation == ysgol


def test_someone_with_an_account_elsewhere_is_invited_and_their_profile_left_alone(consortium, other_consortium,
                                                                                   ysgol):
    rhian = UserFactory(email="rhian.jones@ysgolycwm.cymru", full_name="Rhian Jones-Price", job_title="Head",
                        preferred_language="en", language_confirmed=True)
    membership_ensure(consortium=other_consortium, user=rhian)

    result = run(consortium, [person(full_name="R Jones", job_title="Headteacher", preferred_language="cy")])

    assert result.rows == []  # nothing of theirs is shown, not even in the preview
    assert result.warnings == ["Row 2: rhian.jones@ysgolycwm.cymru already has an account, so they will be sent an "
                               "invitation and join when they accept it. Nothing else on this row is saved until then."]
    rhian.refresh_from_db()
    assert (rhian.full_name, rhian.job_title, rhian.preferred_language) == ("Rhian Jones-Price", "Head", "en")
    assert not Membership.objects.filter(consortium=consortium, user=rhian).exists()
    assert not Employment.objects.filter(consortium=consortium, user=rhian).exists()
    invitation = Invitation.objects.get(consortium=consortium, email="rhian.jones@ysgolycwm.cymru")
    assert (invitation.role, invitation.full_name, invitation.language) == ("consortium_member", "R Jones", "cy")


def test_a_dry_run_invites_nobody(consortium, other_consortium, ysgol):
    membership_ensure(consortium=other_consortium, user=UserFactory(email="rhian.jones@ysgolycwm.cymru"))

    result = run(consortium, [person()], dry_run=True)

    assert len(result.warnings) == 1
    assert not Invitation.objects.exists()


def test_a_member_s_empty_profile_is_filled_in(consortium, ysgol):
    membership_ensure(consortium=consortium, user=UserFactory(email="rhian.jones@ysgolycwm.cymru", full_name="",
                                                              job_title=""))

    run(consortium, [person()])

    rhian = User.objects.get(email="rhian.jones@ysgolycwm.cymru")
    assert (rhian.full_name, rhian.job_title) == ("Rhian Jones", "Headteacher")


def test_someone_removed_from_the_consortium_is_invited_back(consortium, ysgol):
    rhian = UserFactory(email="rhian.jones@ysgolycwm.cymru")
    membership_ensure(consortium=consortium, user=rhian)
    membership_end(consortium=consortium, user=rhian)

    run(consortium, [person()])

    assert not Membership.objects.get(consortium=consortium, user=rhian).is_active
    assert Invitation.objects.filter(consortium=consortium, email=rhian.email, status="pending").exists()


def test_another_consortiums_employment_is_left_alone(consortium, other_consortium, ysgol):
    theirs = EmploymentFactory(organisation=OrganisationFactory(consortium=other_consortium),
                               user=UserFactory(email="rhian.jones@ysgolycwm.cymru"), job_title="Their title")
    membership_ensure(consortium=consortium, user=theirs.user)

    run(consortium, [person()])

    theirs.refresh_from_db()
    assert (theirs.ended_on, theirs.job_title) == (None, "Their title")
    assert current_employment(theirs.user, consortium).organisation == ysgol




def test_the_admin_is_told_who_is_invited_and_shown_nothing_of_theirs(client, consortium, other_consortium,
                                                                     consortium_admin, ysgol):
    rhian = UserFactory(email="rhian.jones@ysgolycwm.cymru", full_name="Rhian Jones-Price")
    membership_ensure(consortium=other_consortium, user=rhian)
    client.force_login(consortium_admin)

    preview = client.post(IMPORT_URL, {"consortium": consortium.pk, "format": CSV_FORMAT, "resource": "0",
                                       "import_file": SimpleUploadedFile("people.csv", csv_bytes([person()]))})
    confirmed = client.post(CONFIRM_URL, preview.context["confirm_form"].initial, follow=True)

    assert "Rhian Jones-Price" not in preview.content.decode()
    assert "will be sent an invitation" in preview.content.decode()
    assert "will be sent an invitation" in confirmed.content.decode()
    assert Invitation.objects.get(consortium=consortium, email=rhian.email).invited_by == consortium_admin
