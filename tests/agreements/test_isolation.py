"""Another consortium's agreements are 404 under my address, absent from my lists and from my admin."""

import pytest
from django.urls import reverse

from agreements import selectors, services
from agreements.models import AgreementParty, AgreementResponse, AgreementTemplate, AgreementVersion
from partnerships.services import partnership_role_grant

from .helpers import add_school, one_of_each_row

pytestmark = pytest.mark.django_db

TEMPLATE_ROUTES = ["agreement_detail", "agreement_settings", "agreement_draft_next"]
VERSION_ROUTES = ["agreement_version", "agreement_accept", "agreement_challenge", "agreement_withdraw",
                  "agreement_pdf", "agreement_version_edit", "agreement_section_add", "agreement_party_add",
                  "agreement_publish", "agreement_dashboard", "agreement_reminders"]
SECTION_ROUTES = ["agreement_section_edit", "agreement_section_delete"]


@pytest.fixture
def theirs(other_partnership, other_admin):
    """The other consortium's published agreement, with a school party that has challenged it."""
    version = one_of_each_row(other_partnership, other_admin)
    party = version.parties.get()
    return {"template": version.template, "version": version, "section": version.sections.first(),
            "party": party, "challenge": party.responses.get()}


def urls(consortium, theirs):
    slug = consortium.slug
    yield from (reverse(name, args=[slug, theirs["template"].pk]) for name in TEMPLATE_ROUTES)
    yield from (reverse(name, args=[slug, theirs["version"].pk]) for name in VERSION_ROUTES)
    yield from (reverse(name, args=[slug, theirs["section"].pk]) for name in SECTION_ROUTES)
    yield reverse("agreement_party_remove", args=[slug, theirs["party"].pk])
    yield reverse("agreement_challenge_answer", args=[slug, theirs["challenge"].pk])


def test_every_agreement_page_is_404_for_another_consortiums_objects(client, consortium, consortium_admin, theirs):
    client.force_login(consortium_admin)

    answers = {url: (client.get(url).status_code, client.post(url).status_code) for url in urls(consortium, theirs)}

    assert set(answers.values()) == {(404, 404)}
    assert len(answers) == len(TEMPLATE_ROUTES) + len(VERSION_ROUTES) + len(SECTION_ROUTES) + 2


def test_their_agreement_is_not_in_my_list(client, consortium, consortium_admin, published, theirs):
    client.force_login(consortium_admin)

    page = client.get(reverse("agreement_list", args=[consortium.slug])).content.decode()

    assert f"/agreements/versions/{published.pk}/" in page
    assert f"/agreements/versions/{theirs['version'].pk}/" not in page
    assert "ECT Programme" not in page


def test_someone_in_both_consortia_awaits_only_this_consortiums_agreements(consortium, other_consortium, published,
                                                                           head, other_partnership, theirs):
    school = add_school(other_partnership, "Ysgol Ddwy")
    partnership_role_grant(partnership=other_partnership, user=head, role="representative", organisation=school)

    awaiting = selectors.agreements_awaiting(head, consortium)

    assert {p.version.consortium_id for p in awaiting} == {consortium.pk}


def test_their_pages_under_their_address_are_404_for_me(client, consortium_admin, other_consortium, theirs):
    client.force_login(consortium_admin)

    response = client.get(reverse("agreement_version", args=[other_consortium.slug, theirs["version"].pk]))

    assert response.status_code == 404


# Sections appear in the admin only inside their version.
MODELS = [AgreementTemplate, AgreementVersion, AgreementParty, AgreementResponse]


@pytest.fixture
def mine(published, school_party, head):
    services.agreement_challenge(party=school_party, user=head, reason="Mine")
    return published


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_changelists_show_only_my_consortium(client, consortium, consortium_admin, mine, theirs, model):
    client.force_login(consortium_admin)

    response = client.get(reverse(f"admin:agreements_{model._meta.model_name}_changelist"))

    assert response.status_code == 200
    shown = list(response.context["cl"].queryset)
    assert shown
    assert {obj.consortium_id for obj in shown} == {consortium.pk}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_their_rows_cannot_be_opened_in_my_admin(client, consortium_admin, theirs, other_consortium, model):
    client.force_login(consortium_admin)
    row = model.objects.filter(consortium=other_consortium).first()

    response = client.get(reverse(f"admin:agreements_{model._meta.model_name}_change", args=[row.pk]))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_a_version_cannot_bind_another_consortiums_organisation(draft, other_partnership):
    from django.core.exceptions import ValidationError

    theirs = add_school(other_partnership, "Not Ours")

    with pytest.raises(ValidationError):
        services.party_add(version=draft, role="school", organisation=theirs)
