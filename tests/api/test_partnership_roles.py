"""Partnership roles: who is chair, clerk, representative (and for which organisation) or observer."""

import pytest

from partnerships.services import membership_add, partnership_role_end, partnership_role_grant

from ..factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_representatives_name_their_organisation(admin_api, consortium, partnership, school, chair):
    membership_add(partnership=partnership, organisation=school)
    head = UserFactory(full_name="Pennaeth y Cwm")
    partnership_role_grant(partnership=partnership, user=head, role="representative", organisation=school)

    response = admin_api.get(f"/api/v1/{consortium.slug}/partnership-roles/?partnership={partnership.pk}")

    rows = {row["role"]: row for row in response.json()["results"]}
    assert set(rows) == {"chair", "representative"}
    assert rows["representative"]["user"] == head.pk
    assert rows["representative"]["organisation"] == school.pk
    assert rows["representative"]["organisation_name"] == "Ysgol y Cwm"
    assert rows["chair"]["organisation"] is None


def test_ended_roles_are_kept_and_can_be_left_out(admin_api, consortium, partnership, chair):
    partnership_role_end(partnership=partnership, user=chair, role="chair")

    everything = admin_api.get(f"/api/v1/{consortium.slug}/partnership-roles/").json()
    current = admin_api.get(f"/api/v1/{consortium.slug}/partnership-roles/?current=true").json()

    assert everything["count"] == 1
    assert everything["results"][0]["ended_at"] is not None
    assert current["count"] == 0


def test_roles_in_partnerships_out_of_sight_are_not_listed(token_client, consortium, partnership, representative):
    hidden = PartnershipFactory(consortium=consortium)
    partnership_role_grant(partnership=hidden, user=UserFactory(), role="chair")

    response = token_client(representative).get(f"/api/v1/{consortium.slug}/partnership-roles/")

    assert {row["partnership"] for row in response.json()["results"]} == {partnership.pk}
