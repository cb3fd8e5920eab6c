"""The admin pages consortium admins use are Welsh for a Welsh reader, third-party strings included."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_admin(client, consortium_admin):
    consortium_admin.preferred_language = "cy"
    consortium_admin.save(update_fields=["preferred_language"])
    client.force_login(consortium_admin)
    return client


def test_the_import_page_is_welsh(welsh_admin):
    page = welsh_admin.get(reverse("admin:partnerships_organisation_import")).content.decode()

    assert "Ffeil i’w mewnforio" in page and "Fformat" in page and 'value="Anfon"' in page
    assert "File to import" not in page and 'value="Submit"' not in page


def test_the_dry_run_and_its_confirmation_are_welsh(welsh_admin, consortium):
    content = b"kind,name\nschool,Ysgol y Graig\n"

    response = welsh_admin.post(reverse("admin:partnerships_organisation_import"), {
        "consortium": consortium.pk, "format": "0", "resource": "0",
        "import_file": SimpleUploadedFile("orgs.csv", content)})

    page = response.content.decode()
    assert "Cadarnhau’r mewnforio" in page and "Rhagolwg" in page and "Newydd" in page
    assert "Confirm import" not in page and ">Preview<" not in page


def test_the_list_pages_actions_are_welsh(welsh_admin, consortium):
    OrganisationFactory(consortium=consortium)

    page = welsh_admin.get(reverse("admin:partnerships_organisation_changelist")).content.decode()

    assert "Dileu y sefydliadau â ddewiswyd" in page and "Mewnforio" in page and "Allforio" in page
    assert "Delete selected" not in page and ">Import<" not in page and ">Export<" not in page


def test_our_own_admin_actions_are_welsh(welsh_admin, consortium):
    page = welsh_admin.get(reverse("admin:consortia_consortiumrole_changelist")).content.decode()

    assert "rolau a ddewiswyd i ben" in page
    assert "End the selected roles" not in page
