"""The tenant admin form refuses, in words, a row pointing at another consortium's row."""

import pytest
from django.urls import reverse

from consortia.services import consortium_role_grant
from partnerships.models import PartnershipRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_of_both(consortium_admin, other_consortium):
    # Someone who administers both consortia is offered rows of both in every choice.
    consortium_role_grant(consortium=other_consortium, user=consortium_admin, role="consortium_admin")
    return consortium_admin


def test_a_row_of_the_other_consortium_is_refused_with_a_message(client, admin_of_both, consortium,
                                                                 other_partnership, member):
    client.force_login(admin_of_both)

    response = client.post(reverse("admin:partnerships_partnershiprole_add"), {
        "consortium": consortium.pk, "partnership": other_partnership.pk, "user": member.pk, "role": "chair",
    })

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["partnership"] == ["Choose one from the same consortium."]
    assert not PartnershipRole.objects.exists()


def test_every_mismatched_field_gets_its_own_message(client, admin_of_both, consortium, other_partnership):
    from partnerships.models import PartnershipMembership

    from ..factories import OrganisationFactory

    theirs = OrganisationFactory(consortium=other_partnership.consortium)
    client.force_login(admin_of_both)

    response = client.post(reverse("admin:partnerships_partnershipmembership_add"), {
        "consortium": consortium.pk, "partnership": other_partnership.pk, "organisation": theirs.pk,
        "joined_on": "2025-09-01",
    })

    errors = response.context["adminform"].form.errors
    assert errors["partnership"] == errors["organisation"] == ["Choose one from the same consortium."]
    assert not PartnershipMembership.objects.exists()
