"""A published version's text never changes: services refuse, and the admin shows it read-only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements import services
from agreements.models import AgreementSection

pytestmark = pytest.mark.django_db


def test_a_published_section_cannot_be_changed(published):
    section = published.sections.first()

    with pytest.raises(ValidationError, match="cannot be changed"):
        services.section_save(version=published, section=section, role="school", heading="Changed", body="Changed")

    section.refresh_from_db()
    assert section.heading == "Schools commit to"


def test_no_section_can_be_added_removed_or_intro_changed(published, fellow):
    with pytest.raises(ValidationError):
        services.section_save(version=published, role="mentor", heading="New", body="New")
    with pytest.raises(ValidationError):
        services.section_delete(section=published.sections.first())
    with pytest.raises(ValidationError):
        services.version_update(version=published, intro="Changed")
    with pytest.raises(ValidationError):
        services.party_remove(party=published.parties.get(user=fellow))

    assert published.sections.count() == 2


def test_the_admin_shows_a_published_version_read_only(client, consortium_admin, published):
    client.force_login(consortium_admin)
    url = reverse("admin:agreements_agreementversion_change", args=[published.pk])

    page = client.get(url)
    client.post(url, {"intro": "Changed in the admin"})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert [formset.has_change_permission for formset in page.context["inline_admin_formsets"]] == [False]
    published.refresh_from_db()
    assert published.intro == "Between the hub, schools and fellows."


def test_the_admin_can_still_edit_a_draft(client, consortium_admin, draft):
    client.force_login(consortium_admin)

    page = client.get(reverse("admin:agreements_agreementversion_change", args=[draft.pk]))

    assert page.context["has_change_permission"] is True


def test_the_edit_page_of_a_published_version_sends_you_back(client, consortium, chair, published):
    client.force_login(chair)

    response = client.get(f"/{consortium.slug}/agreements/versions/{published.pk}/edit/")

    assert response.status_code == 302
    assert response.url == f"/{consortium.slug}/agreements/{published.template_id}/"


def test_a_draft_section_is_saved_from_the_page(client, consortium, chair, draft):
    client.force_login(chair)

    response = client.post(f"/{consortium.slug}/agreements/versions/{draft.pk}/sections/new/", {
        "role": "mentor", "heading": "Mentors also commit to", "heading_cy": "Mae mentoriaid hefyd yn ymrwymo i",
        "body": "Coach weekly", "body_cy": "Hyfforddi bob wythnos", "position": "3"})

    assert response.status_code == 302
    assert AgreementSection.objects.filter(version=draft, role="mentor").exists()


def test_a_section_without_a_heading_is_400_and_saves_nothing(client, consortium, chair, draft):
    client.force_login(chair)

    response = client.post(f"/{consortium.slug}/agreements/versions/{draft.pk}/sections/new/", {
        "role": "mentor", "heading": "", "body": "Coach weekly"})

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert draft.sections.count() == 2
