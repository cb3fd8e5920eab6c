"""A confirmation of an import names a file this person's dry run checked, in its format: anything else,
or a file already imported, is a clear error and saves nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.models import Employment

from .test_import_people import CONFIRM_URL, CSV_FORMAT, IMPORT_URL, csv_bytes, person

pytestmark = pytest.mark.django_db

NOT_MATCHED = "This confirmation does not match a file checked here. Upload the file again."


@pytest.fixture
def confirmation(client, consortium, consortium_admin):
    from ..factories import OrganisationFactory

    OrganisationFactory(consortium=consortium, name="Ysgol y Cwm", school_code="6762001")
    client.force_login(consortium_admin)
    preview = client.post(IMPORT_URL, {"consortium": consortium.pk, "format": CSV_FORMAT, "resource": "0",
                                       "import_file": SimpleUploadedFile("people.csv", csv_bytes([person()]))})
    return dict(preview.context["confirm_form"].initial)


@pytest.mark.parametrize("tampered", [{"import_file_name": "../../etc/passwd"}, {"import_file_name": "not-ours"},
                                      {"format": "7"}, {"format": "csv"}, {"format": "1"}],
                         ids=["a path", "another file", "no such format", "not a number", "another format"])
def test_a_tampered_confirmation_is_refused_in_words(client, confirmation, tampered):
    response = client.post(CONFIRM_URL, {**confirmation, **tampered})

    assert response.status_code == 200  # the import page again, with the error
    assert NOT_MATCHED in response.content.decode()
    assert not Employment.objects.exists()


def test_confirming_the_same_file_twice_imports_it_once(client, confirmation):
    client.post(CONFIRM_URL, confirmation)

    again = client.post(CONFIRM_URL, confirmation, follow=True)

    assert "That file is no longer waiting to be imported. Upload it again." in again.content.decode()
    assert Employment.objects.count() == 1


def test_another_admins_dry_run_cannot_be_confirmed(client, confirmation, consortium, other_admin):
    from consortia.services import consortium_role_grant

    consortium_role_grant(consortium=consortium, user=other_admin, role="consortium_admin")
    client.force_login(other_admin)

    response = client.post(CONFIRM_URL, confirmation)

    assert NOT_MATCHED in response.content.decode()
    assert not Employment.objects.exists()
