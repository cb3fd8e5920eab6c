"""Granting or ending a role changes guardian permissions in the same transaction."""

import pytest
from django.db import transaction

from consortia import roles
from consortia.services import consortium_role_end, consortium_role_grant
from partnerships.services import partnership_role_end, partnership_role_grant

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    # Django caches permissions on the user object; a fresh instance reads them again.
    return type(user).objects.get(pk=user.pk)


def test_consortium_admin_role_grants_its_permissions_and_the_admin(consortium):
    user = UserFactory()

    consortium_role_grant(consortium=consortium, user=user, role="consortium_admin")

    user = fresh(user)
    assert all(user.has_perm(perm, consortium) for perm in roles.CONSORTIUM_ADMIN.permissions)
    assert user.is_staff


def test_ending_the_admin_role_removes_its_permissions_but_keeps_membership(consortium):
    user = UserFactory()
    consortium_role_grant(consortium=consortium, user=user, role="consortium_admin")

    consortium_role_end(consortium=consortium, user=user, role="consortium_admin")

    user = fresh(user)
    assert not user.has_perm("consortia.administer_consortium", consortium)
    assert user.has_perm("consortia.view_consortium", consortium)
    assert not user.is_staff


def test_permissions_are_on_that_consortium_only(consortium, other_consortium):
    user = UserFactory()

    consortium_role_grant(consortium=consortium, user=user, role="consortium_admin")

    assert not fresh(user).has_perm("consortia.view_consortium", other_consortium)


@pytest.mark.parametrize("role", [r for r in roles.ALL_ROLES if r.scope == roles.PARTNERSHIP], ids=lambda r: r.code)
def test_partnership_role_grants_exactly_its_permissions(partnership, role):
    user = UserFactory()

    partnership_role_grant(partnership=partnership, user=user, role=role.code)

    from guardian.shortcuts import get_perms

    held = {f"partnerships.{codename}" for codename in get_perms(fresh(user), partnership)}
    assert held == set(role.permissions)
    assert fresh(user).has_perm("consortia.view_consortium", partnership.consortium)


def test_ending_one_of_two_roles_keeps_the_other_roles_permissions(partnership):
    user = UserFactory()
    partnership_role_grant(partnership=partnership, user=user, role="chair")
    partnership_role_grant(partnership=partnership, user=user, role="representative")

    partnership_role_end(partnership=partnership, user=user, role="chair")

    user = fresh(user)
    assert not user.has_perm("partnerships.change_partnership", partnership)
    assert user.has_perm("partnerships.vote", partnership)
    assert user.has_perm("partnerships.view_partnership", partnership)


def test_ended_role_keeps_its_history(partnership):
    user = UserFactory()
    partnership_role_grant(partnership=partnership, user=user, role="chair")

    partnership_role_end(partnership=partnership, user=user, role="chair")

    assignment = partnership.roles.get(user=user)
    assert assignment.ended_at is not None


def test_granting_twice_keeps_one_active_role(partnership):
    user = UserFactory()

    first = partnership_role_grant(partnership=partnership, user=user, role="clerk")
    second = partnership_role_grant(partnership=partnership, user=user, role="clerk")

    assert first.pk == second.pk


def test_a_grant_rolled_back_leaves_no_permission(partnership):
    user = UserFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        partnership_role_grant(partnership=partnership, user=user, role="chair")
        raise RuntimeError("the surrounding work failed")

    assert not fresh(user).has_perm("partnerships.change_partnership", partnership)
    assert not partnership.roles.exists()


def test_a_partnership_role_cannot_be_granted_consortium_wide(consortium):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        consortium_role_grant(consortium=consortium, user=UserFactory(), role="chair")
