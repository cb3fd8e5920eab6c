"""Every importable field is imported whatever its heading's wording, and unused columns are named."""

import csv
import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from partnerships.models import Organisation
from partnerships.resources import OrganisationResource, PersonResource

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:partnerships_organisation_import")


def dataset(headers, *rows):
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append(row)
    return data


def test_a_name_welsh_column_is_the_welsh_name(consortium):
    data = dataset(["Kind", "Name", "Name (Welsh)", "School code"],
                   ["School", "Aberdare Community School", "Ysgol Gymuned Aberdâr", "6764001"])

    result = OrganisationResource(consortium=consortium).import_data(data, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.unused_columns == []
    organisation = Organisation.objects.get(consortium=consortium, school_code="6764001")
    assert organisation.name_cy == "Ysgol Gymuned Aberdâr"


def test_headings_written_in_welsh_are_read(consortium):
    data = dataset(["Math", "Enw", "Enw Cymraeg", "Cod ysgol", "Nifer y disgyblion", "Blwyddyn academaidd"],
                   ["Ysgol", "Aberdare Park Primary", "Ysgol Gynradd Parc Aberdâr", "6762010", "198", "2025/26"])

    result = OrganisationResource(consortium=consortium).import_data(data, dry_run=False)

    assert not result.has_validation_errors(), [row.error_dict for row in result.invalid_rows]
    organisation = Organisation.objects.get(consortium=consortium, school_code="6762010")
    assert (organisation.name, organisation.name_cy) == ("Aberdare Park Primary", "Ysgol Gynradd Parc Aberdâr")
    assert organisation.years.get().pupils == 198


def test_a_column_that_is_not_used_is_reported_and_the_rest_imports(consortium):
    data = dataset(["kind", "name", "Head teacher", "Notes"],
                   ["school", "Ysgol Santes Tudful", "Mrs Ann Evans", "Federated in 2024"])

    result = OrganisationResource(consortium=consortium).import_data(data, dry_run=True)

    assert result.unused_columns == ["Head teacher", "Notes"]
    assert not result.has_validation_errors()
    assert "name_cy" in result.known_columns


def test_a_heading_given_twice_is_read_once_and_the_second_reported(consortium):
    data = dataset(["kind", "name", "Welsh name", "name_cy"],
                   ["school", "Ysgol Rhydywaun", "Ysgol Gyfun Rhydywaun", "Something else"])

    result = OrganisationResource(consortium=consortium).import_data(data, dry_run=False)

    assert result.unused_columns == ["name_cy"]
    assert Organisation.objects.get(consortium=consortium, name="Ysgol Rhydywaun").name_cy == "Ysgol Gyfun Rhydywaun"


def test_the_dry_run_page_warns_about_columns_it_does_not_use(client, consortium, consortium_admin):
    client.force_login(consortium_admin)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kind", "name", "Name (Welsh)", "Governors' notes"])
    writer.writerow(["school", "Ysgol y Graig", "Ysgol y Graig", "—"])

    response = client.post(IMPORT_URL, {"consortium": consortium.pk, "format": "0", "resource": "0",
                                        "import_file": SimpleUploadedFile("orgs.csv", out.getvalue().encode())})

    page = response.content.decode()
    assert response.status_code == 200 and "confirm_form" in response.context
    assert "not used" in page and "“Governors&#x27; notes”" in page
    assert "Name (Welsh)" not in page.split("not used", 1)[1].split("</li>", 1)[0]


def test_people_import_every_field_including_phone(consortium):
    OrganisationFactory(consortium=consortium, name="Ysgol y Cwm", school_code="6762020")
    data = dataset(["Email address", "Full name", "Job title", "Phone", "Language", "School"],
                   ["eleri@ysgolycwm.cymru", "Eleri Rees", "Deputy head", "01443 123456", "Cymraeg", "6762020"])

    result = PersonResource(consortium=consortium).import_data(data, dry_run=False)

    assert not result.has_validation_errors(), [row.error_dict for row in result.invalid_rows]
    assert result.unused_columns == []
    person = User.objects.get(email="eleri@ysgolycwm.cymru")
    assert (person.full_name, person.phone, person.preferred_language) == ("Eleri Rees", "01443 123456", "cy")
    assert person.employments.get().organisation.school_code == "6762020"
