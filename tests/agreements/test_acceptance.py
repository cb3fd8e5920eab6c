"""Accepting records who accepted, for whom, which version, when, and the exact text they accepted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agreements import selectors, services
from agreements.models import AgreementResponse, PartyStatus

from .helpers import SCHOOL_HEADING, add_head, add_school

pytestmark = pytest.mark.django_db


def accept_url(consortium, version):
    return f"/{consortium.slug}/agreements/versions/{version.pk}/accept/"


def test_a_representative_accepts_for_their_school(client, consortium, published, school_party, head, school):
    client.force_login(head)
    before = timezone.now()

    response = client.post(accept_url(consortium, published), {"accept-party": school_party.pk,
                                                                "accept-confirm": "on"})

    assert response.status_code == 302
    acceptance = AgreementResponse.objects.get()
    assert acceptance.kind == AgreementResponse.Kind.ACCEPT
    assert acceptance.by == head
    assert acceptance.on_behalf_of == school
    assert acceptance.party == school_party
    assert acceptance.version == published and acceptance.version.number == 1
    assert before <= acceptance.at <= timezone.now()
    assert selectors.party_status(school_party) == PartyStatus.ACCEPTED


def test_the_exact_text_binding_the_party_is_kept(published, school_party, head):
    acceptance = services.agreement_accept(party=school_party, user=head)

    assert SCHOOL_HEADING in acceptance.text_accepted
    assert "- Register the ECT on the DfE portal" in acceptance.text_accepted
    assert "Version 1" in acceptance.text_accepted
    assert "Ysgol y Cwm" in acceptance.text_accepted
    assert "Visiting Fellows commit to" not in acceptance.text_accepted  # not this party's commitments


def test_accepting_in_welsh_keeps_the_welsh_text(published, school_party, head):
    acceptance = services.agreement_accept(party=school_party, user=head, language="cy")

    assert "Mae ysgolion yn ymrwymo i" in acceptance.text_accepted
    assert acceptance.language == "cy"


def test_a_person_accepts_for_themselves(published, fellow_party, fellow):
    acceptance = services.agreement_accept(party=fellow_party, user=fellow)

    assert acceptance.by == fellow and acceptance.on_behalf_of is None
    assert "Attend the facilitator briefing" in acceptance.text_accepted


def test_someone_who_does_not_represent_the_school_cannot_accept_for_it(partnership, published, school_party):
    other_school = add_school(partnership, "Ysgol Arall")
    other_head = add_head(partnership, other_school, "head@ysgol-arall.cymru", "Owain Hughes")

    with pytest.raises(PermissionDenied):
        services.agreement_accept(party=school_party, user=other_head)

    assert not AgreementResponse.objects.exists()


def test_accepting_for_someone_elses_party_on_the_page_is_403(client, consortium, published, fellow_party, head):
    client.force_login(head)

    response = client.post(accept_url(consortium, published), {"accept-party": fellow_party.pk,
                                                                "accept-confirm": "on"})

    assert response.status_code == 403
    assert not AgreementResponse.objects.exists()


def test_a_representative_whose_role_ended_can_no_longer_accept(partnership, published, school_party, head):
    from partnerships.services import partnership_role_end

    partnership_role_end(partnership=partnership, user=head, role="representative")

    with pytest.raises(PermissionDenied):
        services.agreement_accept(party=school_party, user=head)


def test_accepting_without_ticking_the_box_is_400_and_saves_nothing(client, consortium, published, school_party,
                                                                    head):
    client.force_login(head)

    response = client.post(accept_url(consortium, published), {"accept-party": school_party.pk})

    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    assert not AgreementResponse.objects.exists()


def test_accepting_twice_is_refused(published, school_party, head):
    services.agreement_accept(party=school_party, user=head)

    with pytest.raises(ValidationError):
        services.agreement_accept(party=school_party, user=head)

    assert AgreementResponse.objects.count() == 1


def test_a_draft_cannot_be_accepted(draft, fellow):
    with pytest.raises(ValidationError):
        services.agreement_accept(party=draft.parties.get(user=fellow), user=fellow)


def test_the_version_page_shows_the_text_and_the_accept_form(client, consortium, published, head):
    client.force_login(head)

    page = client.get(f"/{consortium.slug}/agreements/versions/{published.pk}/").content.decode()

    assert page.count("<h1") == 1
    assert SCHOOL_HEADING in page
    assert 'id="id_accept-confirm"' in page
    assert "Ysgol y Cwm" in page


def test_the_version_page_is_in_welsh_for_a_welsh_speaker(client, consortium, published, head):
    head.preferred_language = "cy"
    head.save(update_fields=["preferred_language"])
    client.force_login(head)

    page = client.get(f"/{consortium.slug}/agreements/versions/{published.pk}/").content.decode()

    assert "Mae ysgolion yn ymrwymo i" in page
    assert "Cytundeb partneriaeth" in page
    # A section without Welsh text is shown in English rather than left out.
    assert "Visiting Fellows commit to" in page


def test_agreements_awaiting_me_lists_the_pending_one_until_accepted(consortium, published, school_party, head):
    assert [p.pk for p in selectors.agreements_awaiting(head, consortium)] == [school_party.pk]

    services.agreement_accept(party=school_party, user=head)

    assert list(selectors.agreements_awaiting(head, consortium)) == []


def test_the_list_page_shows_what_awaits_me(client, consortium, published, head):
    client.force_login(head)

    page = client.get(f"/{consortium.slug}/agreements/").content.decode()

    assert "Waiting for your acceptance" in page
    assert f"/agreements/versions/{published.pk}/" in page
