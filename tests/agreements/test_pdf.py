"""A version downloads as a PDF with its acceptance record, in English or Welsh."""

import io

import pytest
from pypdf import PdfReader

from agreements import services

from .helpers import SCHOOL_HEADING, SCHOOL_HEADING_CY

pytestmark = pytest.mark.django_db


def pdf_text(response):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def accepted(published, school_party, head):
    services.agreement_accept(party=school_party, user=head)
    return published


def test_the_pdf_holds_the_text_and_who_accepted(client, consortium, chair, accepted):
    client.force_login(chair)

    response = client.get(f"/{consortium.slug}/agreements/versions/{accepted.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "Rhian Davies" in text
    assert "Version 1" in text
    assert SCHOOL_HEADING in text
    assert "Acceptance record" in text


def test_the_welsh_pdf_has_the_welsh_text(client, consortium, chair, accepted):
    client.force_login(chair)

    response = client.get(f"/{consortium.slug}/agreements/versions/{accepted.pk}/pdf/?lang=cy")

    text = pdf_text(response)
    assert SCHOOL_HEADING_CY in text
    assert "Cytundeb partneriaeth" in text


def test_a_party_downloads_their_own_record_only(client, consortium, accepted, fellow):
    client.force_login(fellow)

    response = client.get(f"/{consortium.slug}/agreements/versions/{accepted.pk}/pdf/")

    text = pdf_text(response)
    assert "Dafydd Price" in text
    assert "Ysgol y Cwm" not in text
