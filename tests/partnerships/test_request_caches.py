"""The per-request caches of a person's roles and a partnership's people: read once, never stale.

They live on the user and partnership objects, which each request loads afresh; the services
that change roles or memberships drop them, so a page built after a change shows the change.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Organisation
from partnerships.selectors import all_memberships, current_roles, held_roles
from partnerships.services import membership_add, membership_leave, partnership_role_end, partnership_role_grant

from ..factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_held_roles_are_read_once_per_user_object(consortium, partnership, representative):
    with CaptureQueriesContext(connection) as captured:
        first = held_roles(representative, consortium)
        again = held_roles(representative, consortium.pk)
    assert len(captured) == 1
    assert first is again
    assert [(r.partnership_id, r.role) for r in first] == [(partnership.pk, "representative")]


def test_a_role_granted_or_ended_shows_at_once(consortium, partnership, representative):
    assert len(held_roles(representative, consortium)) == 1
    other = PartnershipFactory(consortium=consortium)
    partnership_role_grant(partnership=other, user=representative, role="chair")
    assert {(r.partnership_id, r.role) for r in held_roles(representative, consortium)} == {
        (partnership.pk, "representative"), (other.pk, "chair")}
    partnership_role_end(partnership=other, user=representative, role="chair")
    assert [(r.partnership_id, r.role) for r in held_roles(representative, consortium)] == [
        (partnership.pk, "representative")]


def test_another_persons_roles_are_not_mine(consortium, partnership, representative, chair):
    assert [r.role for r in held_roles(chair, consortium)] == ["chair"]
    assert [r.role for r in held_roles(representative, consortium)] == ["representative"]


def test_a_partnerships_people_are_read_once_and_dropped_on_change(consortium, partnership, chair):
    with CaptureQueriesContext(connection) as captured:
        current_roles(partnership)
        current_roles(partnership)
        all_memberships(partnership)
        all_memberships(partnership)
    assert len(captured) == 2

    school = Organisation.objects.create(consortium=consortium, kind="school", name="Ysgol y Bryn")
    membership = membership_add(partnership=partnership, organisation=school)
    assert [m.organisation_id for m in all_memberships(partnership)] == [school.pk]

    person = UserFactory()
    partnership_role_grant(partnership=partnership, user=person, role="representative", organisation=school)
    assert {r.user_id for r in current_roles(partnership)} == {chair.pk, person.pk}

    membership.partnership = partnership  # as a page holds it: the same object
    membership_leave(membership=membership)
    assert [m.left_on is not None for m in all_memberships(partnership)] == [True]
    assert {r.user_id for r in current_roles(partnership)} == {chair.pk}
