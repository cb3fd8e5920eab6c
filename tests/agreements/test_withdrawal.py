"""A party may withdraw its acceptance; the acceptance stays in the history."""

import pytest
from django.core.exceptions import ValidationError

from agreements import selectors, services
from agreements.models import AgreementResponse, PartyStatus

pytestmark = pytest.mark.django_db


def test_withdrawing_an_acceptance(client, consortium, published, school_party, head):
    services.agreement_accept(party=school_party, user=head)
    client.force_login(head)

    response = client.post(f"/{consortium.slug}/agreements/versions/{published.pk}/withdraw/",
                           {"withdraw-party": school_party.pk, "withdraw-reason": "The school is leaving.",
                            "withdraw-confirm": "on"})

    assert response.status_code == 302
    assert selectors.party_status(school_party) == PartyStatus.WITHDRAWN
    assert list(AgreementResponse.objects.order_by("at", "pk").values_list("kind", flat=True)) == [
        "accept", "withdraw"]
    withdrawal = AgreementResponse.objects.get(kind="withdraw")
    assert withdrawal.by == head and withdrawal.reason == "The school is leaving."


def test_nothing_to_withdraw_while_pending(published, school_party, head):
    with pytest.raises(ValidationError):
        services.agreement_withdraw(party=school_party, user=head)

    assert not AgreementResponse.objects.exists()


def test_a_withdrawn_party_may_accept_again(published, fellow_party, fellow):
    services.agreement_accept(party=fellow_party, user=fellow)
    services.agreement_withdraw(party=fellow_party, user=fellow)

    services.agreement_accept(party=fellow_party, user=fellow)

    assert selectors.party_status(fellow_party) == PartyStatus.ACCEPTED


def test_the_withdraw_form_is_offered_only_after_accepting(client, consortium, published, fellow_party, fellow):
    client.force_login(fellow)
    url = f"/{consortium.slug}/agreements/versions/{published.pk}/"
    before = client.get(url).content.decode()

    services.agreement_accept(party=fellow_party, user=fellow)
    after = client.get(url).content.decode()

    assert "id_withdraw-confirm" not in before
    assert "id_withdraw-confirm" in after
    assert "id_accept-confirm" not in after
