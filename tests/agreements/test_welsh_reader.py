"""Agreement texts are read in the reader's language; English stands in, marked, where there is no Welsh."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from .helpers import FELLOW_HEADING, SCHOOL_HEADING, SCHOOL_HEADING_CY

pytestmark = pytest.mark.django_db


def welsh(user):
    user.preferred_language = "cy"
    user.save(update_fields=["preferred_language"])
    return user


def version_page(client, consortium, version):
    return client.get(reverse("agreement_version", args=[consortium.slug, version.pk])).content.decode()


def test_a_welsh_reader_sees_the_welsh_text(client, consortium, published, head):
    client.force_login(welsh(head))

    page = version_page(client, consortium, published)

    assert "Cytundeb partneriaeth" in page and SCHOOL_HEADING_CY in page and "Cofrestru&#x27;r ECT" in page
    assert SCHOOL_HEADING not in page


def test_english_stands_in_for_missing_welsh_and_says_so(client, consortium, published, head):
    client.force_login(welsh(head))

    page = version_page(client, consortium, published)

    # The visiting fellows' section has no Welsh: it is shown in English, marked as English.
    fellows = page.split(FELLOW_HEADING, 1)[1].split("</details>", 1)[0]
    assert re.search(r'lang="en"[^>]*>\s*<li>Attend the facilitator briefing', fellows)
    assert "Nid yw hwn wedi’i ysgrifennu yn Gymraeg eto" in fellows
    # So is the introduction, which has no Welsh either.
    assert re.search(r'<div class="app-bilingual-text" lang="en"><p class="govuk-body">Between the hub', page)


def test_an_english_reader_sees_english_with_no_note(client, consortium, published, head):
    client.force_login(head)

    page = version_page(client, consortium, published)

    assert SCHOOL_HEADING in page and SCHOOL_HEADING_CY not in page
    assert "app-fallback-note" not in page


def test_the_readers_own_commitments_come_first_and_the_others_are_folded(client, consortium, published, head):
    client.force_login(head)

    page = version_page(client, consortium, published)

    assert page.index(SCHOOL_HEADING) < page.index("The other parties")
    assert re.search(r'<summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
                     + FELLOW_HEADING, page)


def test_the_welsh_pdf_has_the_welsh_text_and_english_where_there_is_no_welsh(client, consortium, chair,
                                                                               published):
    client.force_login(chair)

    response = client.get(reverse("agreement_pdf", args=[consortium.slug, published.pk]) + "?lang=cy")

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert SCHOOL_HEADING_CY in text and SCHOOL_HEADING not in text
    assert FELLOW_HEADING in text  # no Welsh was written for it


def test_a_missed_tick_is_summarised_at_the_top_with_a_link_to_the_box(client, consortium, published, head,
                                                                       school_party):
    client.force_login(head)

    response = client.post(reverse("agreement_accept", args=[consortium.slug, published.pk]),
                           {"accept-party": school_party.pk})

    page = response.content.decode()
    main = page.split('<main', 1)[1]
    assert response.status_code == 400
    assert main.index("govuk-error-summary") < main.index("<h1")
    assert '<a href="#id_accept-confirm">Tick the box to confirm you accept.</a>' in main
    assert 'id="id_accept-confirm"' in main
    assert not school_party.responses.exists()


def test_the_api_gives_the_texts_in_both_languages(client, consortium, published, chair):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=chair)

    data = client.get(f"/api/v1/{consortium.slug}/agreement-versions/{published.pk}/",
                      HTTP_AUTHORIZATION=f"Token {token.key}").json()

    school = next(section for section in data["sections"] if section["role"] == "school")
    assert (school["heading"], school["heading_cy"]) == (SCHOOL_HEADING, SCHOOL_HEADING_CY)
    assert data["intro"] == "Between the hub, schools and fellows." and data["intro_cy"] == ""
