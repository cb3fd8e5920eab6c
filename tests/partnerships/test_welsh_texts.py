"""What a partnership publishes is written in English and Welsh side by side and read in the reader's language."""

import re

import pytest
from django.urls import reverse

from partnerships.models import Organisation, PartnershipItem
from partnerships.services import membership_add, partnership_items_replace, partnership_role_grant

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

SETTINGS = {"kind": "school_improvement", "min_strategic_meetings": 3, "notice_days": 7, "quorum_rule": "majority",
            "default_cost_basis": "pupils"}


def url(name, partnership):
    return reverse(name, args=[partnership.consortium.slug, partnership.pk])


def welsh(user):
    user.preferred_language = "cy"
    user.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def texts(partnership):
    partnership.name_cy = "Partneriaeth Gwella Ysgolion Cynradd"
    partnership.purpose = "Six primary schools improving together."
    partnership.purpose_cy = "Chwe ysgol gynradd yn gwella gyda'i gilydd."
    partnership.terms_of_reference = "Headteachers meet three times a year."
    partnership.save()
    partnership_items_replace(partnership=partnership, list_kind="principle",
                              texts=["Decisions are collegiate.", "Trust between members."],
                              texts_cy=["Gwneir penderfyniadau ar y cyd.", "Ymddiriedaeth rhwng aelodau."])
    return partnership


def test_the_edit_form_puts_each_welsh_text_beside_its_english(client, chair, partnership):
    client.force_login(chair)

    page = client.get(url("partnership_edit", partnership)).content.decode()

    for field in ("name", "purpose", "terms_of_reference"):
        pair = re.search(rf'<div class="app-bilingual">(.*?)id="id_{field}_cy"', page, re.S)
        assert pair and f'id="id_{field}"' in pair.group(1), field
    assert re.search(r'<textarea[^>]*name="purpose_cy"[^>]*lang="cy"|<textarea[^>]*lang="cy"[^>]*name="purpose_cy"',
                     page)


def test_the_welsh_texts_are_saved(client, chair, partnership):
    client.force_login(chair)

    response = client.post(url("partnership_edit", partnership), {
        **SETTINGS, "name": partnership.name, "purpose": "Improving together.", "purpose_cy": "Gwella gyda'n gilydd.",
        "terms_of_reference": "We meet.", "terms_of_reference_cy": "Rydym yn cwrdd."})

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.purpose_cy, partnership.terms_of_reference_cy) == ("Gwella gyda'n gilydd.", "Rydym yn cwrdd.")


def test_a_welsh_reader_reads_the_welsh(client, representative, texts):
    client.force_login(welsh(representative))

    page = client.get(url("partnership_detail", texts)).content.decode()

    assert "Chwe ysgol gynradd yn gwella gyda&#x27;i gilydd." in page
    assert "Gwneir penderfyniadau ar y cyd." in page and "Decisions are collegiate." not in page
    assert "Six primary schools" not in page
    assert "<h1" in page and "Partneriaeth Gwella Ysgolion Cynradd</h1>" in page


def test_english_stands_in_for_missing_welsh_marked_as_english(client, representative, texts):
    client.force_login(welsh(representative))

    page = client.get(url("partnership_detail", texts)).content.decode()

    terms = page.split('id="tor-heading"', 1)[1]
    assert re.search(r'<div class="app-bilingual-text" lang="en"><p class="govuk-body">Headteachers meet', terms)
    assert "Nid yw hwn wedi’i ysgrifennu yn Gymraeg eto, felly caiff ei ddangos yn Saesneg." in terms


def test_an_english_reader_reads_the_english(client, representative, texts):
    client.force_login(representative)

    page = client.get(url("partnership_detail", texts)).content.decode()

    assert "Six primary schools improving together." in page and "Decisions are collegiate." in page
    assert "Chwe ysgol" not in page and "app-fallback-note" not in page


def test_the_lists_are_saved_line_for_line_in_both_languages(client, chair, partnership):
    client.force_login(chair)

    client.post(url("partnership_lists_edit", partnership), {
        "principles": "Decisions are collegiate.\nTrust between members.",
        "principles_cy": "Gwneir penderfyniadau ar y cyd.\nYmddiriedaeth rhwng aelodau.",
        "responsibilities": "Attend meetings.", "responsibilities_cy": ""})

    principles = PartnershipItem.objects.filter(partnership=partnership, list_kind="principle")
    assert [(i.text, i.text_cy) for i in principles] == [
        ("Decisions are collegiate.", "Gwneir penderfyniadau ar y cyd."),
        ("Trust between members.", "Ymddiriedaeth rhwng aelodau.")]
    assert PartnershipItem.objects.get(list_kind="responsibility").text_cy == ""


def test_a_welsh_list_that_does_not_match_the_english_is_refused_and_nothing_is_saved(client, chair, texts):
    client.force_login(chair)

    response = client.post(url("partnership_lists_edit", texts), {
        "principles": "One.\nTwo.\nThree.", "principles_cy": "Un.\nDau.",
        "responsibilities": "", "responsibilities_cy": ""})

    assert response.status_code == 400
    assert "The Welsh list has 2 entries and the English 3" in response.content.decode()
    assert list(PartnershipItem.objects.filter(partnership=texts).values_list("text", flat=True)) == [
        "Decisions are collegiate.", "Trust between members."]


def test_the_welsh_dashboard_names_the_partnership_in_welsh_everywhere(client, texts):
    school = Organisation.objects.create(consortium=texts.consortium, kind="school", name="Bryn Taf Primary",
                                         name_cy="Ysgol Gynradd Bryn Taf")
    membership_add(partnership=texts, organisation=school)
    head = UserFactory(email="pennaeth@bryntaf.cymru")
    partnership_role_grant(partnership=texts, user=head, role="representative", organisation=school)
    client.force_login(welsh(head))

    page = client.get(reverse("dashboard", args=[texts.consortium.slug])).content.decode()

    assert page.count("Partneriaeth Gwella Ysgolion Cynradd") >= 2
    assert texts.name not in page
    assert "Ysgol Gynradd Bryn Taf" in page and "Bryn Taf Primary" not in page


def test_the_api_reads_and_writes_the_welsh_texts(client, chair, texts):
    from rest_framework.authtoken.models import Token

    headers = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=chair).key}"}
    address = f"/api/v1/{texts.consortium.slug}/partnerships/{texts.pk}/"

    data = client.get(address, **headers).json()
    response = client.patch(address, {"terms_of_reference_cy": "Mae penaethiaid yn cwrdd."},
                            content_type="application/json", **headers)

    assert data["purpose_cy"] == "Chwe ysgol gynradd yn gwella gyda'i gilydd."
    assert data["principles"][0] == {"position": 0, "text": "Decisions are collegiate.",
                                     "text_cy": "Gwneir penderfyniadau ar y cyd."}
    assert response.status_code == 200
    texts.refresh_from_db()
    assert texts.terms_of_reference_cy == "Mae penaethiaid yn cwrdd."
