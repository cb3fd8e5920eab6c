"""Who may read an agreement, respond to it, and manage it."""

import pytest
from django.urls import reverse

from agreements.models import AgreementTemplate

pytestmark = pytest.mark.django_db


def version_url(consortium, version, name="agreement_version"):
    return reverse(name, args=[consortium.slug, version.pk])


def test_a_party_who_holds_no_partnership_role_can_read_their_agreement(client, consortium, published, fellow):
    client.force_login(fellow)

    assert client.get(version_url(consortium, published)).status_code == 200


def test_anyone_with_a_role_in_the_partnership_can_read_it(client, consortium, published, observer):
    client.force_login(observer)

    page = client.get(version_url(consortium, published))

    assert page.status_code == 200
    assert "id_accept-confirm" not in page.content.decode()  # an observer is not a party


def test_a_consortium_member_with_no_part_in_it_is_refused(client, consortium, published, member):
    client.force_login(member)

    assert client.get(version_url(consortium, published)).status_code == 403
    assert client.get(version_url(consortium, published, "agreement_pdf")).status_code == 403


def test_only_managers_see_a_draft(client, consortium, draft, fellow, chair):
    client.force_login(fellow)
    refused = client.get(version_url(consortium, draft)).status_code
    client.force_login(chair)

    assert refused == 403
    assert client.get(version_url(consortium, draft)).status_code == 200


@pytest.mark.parametrize("page", ["agreement_dashboard", "agreement_version_edit", "agreement_publish"])
def test_a_representative_cannot_manage(client, consortium, published, head, page):
    client.force_login(head)

    assert client.get(version_url(consortium, published, page)).status_code == 403


@pytest.mark.parametrize("user", ["consortium_admin", "chair"])
def test_admins_and_chairs_see_the_dashboard(client, consortium, published, user, request):
    client.force_login(request.getfixturevalue(user))

    page = client.get(version_url(consortium, published, "agreement_dashboard"))

    assert page.status_code == 200
    assert page.content.decode().count("<h1") == 1


def test_a_chair_creates_an_agreement(client, consortium, partnership, chair):
    client.force_login(chair)

    response = client.post(reverse("agreement_create", args=[consortium.slug]), {
        "partnership": partnership.pk, "title": "Mentor agreement", "title_cy": "Cytundeb mentoriaid",
        "reminder_cadence_days": "7", "challenge_window_days": "14"})

    assert response.status_code == 302
    template = AgreementTemplate.objects.get(title="Mentor agreement")
    assert template.versions.get().number == 1


def test_creating_with_bad_input_is_400_and_saves_nothing(client, consortium, partnership, chair):
    client.force_login(chair)

    response = client.post(reverse("agreement_create", args=[consortium.slug]), {
        "partnership": partnership.pk, "title": "", "reminder_cadence_days": "0", "challenge_window_days": "14"})

    assert response.status_code == 400
    assert not AgreementTemplate.objects.exists()


def test_someone_who_manages_no_partnership_cannot_create(client, consortium, head):
    client.force_login(head)

    assert client.get(reverse("agreement_create", args=[consortium.slug])).status_code == 403


def test_adding_a_party_needs_an_organisation_or_a_person(client, consortium, chair, draft):
    client.force_login(chair)

    response = client.post(reverse("agreement_party_add", args=[consortium.slug, draft.pk]),
                           {"party-role": "school"})

    assert response.status_code == 400
    assert draft.parties.count() == 1
