"""Member organisations join and leave with dates; leaving keeps history and ends representatives' roles."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Organisation, PartnershipMembership
from partnerships.services import membership_add, membership_leave, partnership_role_grant

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(consortium):
    return Organisation.objects.create(consortium=consortium, kind="school", name="Ysgol Gynradd Cwm Glas",
                                       phase="primary", school_code="6742011")


def test_an_organisation_joins_with_a_date(partnership, school):
    membership = membership_add(partnership=partnership, organisation=school, joined_on=dt.date(2025, 9, 1))

    assert membership.joined_on == dt.date(2025, 9, 1) and membership.is_current


def test_an_organisation_cannot_join_twice_at_once(partnership, school):
    membership_add(partnership=partnership, organisation=school)

    with pytest.raises(ValidationError):
        membership_add(partnership=partnership, organisation=school)


def test_leaving_keeps_the_membership_as_history(partnership, school):
    membership = membership_add(partnership=partnership, organisation=school, joined_on=dt.date(2024, 9, 1))

    membership_leave(membership=membership, left_on=dt.date(2026, 7, 31))

    membership.refresh_from_db()
    assert membership.left_on == dt.date(2026, 7, 31)
    assert PartnershipMembership.objects.filter(pk=membership.pk).exists()


def test_an_organisation_may_rejoin_after_leaving(partnership, school):
    first = membership_add(partnership=partnership, organisation=school, joined_on=dt.date(2023, 9, 1))
    membership_leave(membership=first, left_on=dt.date(2024, 8, 31))

    membership_add(partnership=partnership, organisation=school, joined_on=dt.date(2025, 9, 1))

    assert PartnershipMembership.objects.filter(partnership=partnership, organisation=school).count() == 2


def test_leaving_before_joining_is_refused(partnership, school):
    membership = membership_add(partnership=partnership, organisation=school, joined_on=dt.date(2025, 9, 1))

    with pytest.raises(ValidationError):
        membership_leave(membership=membership, left_on=dt.date(2025, 1, 1))


def test_leaving_ends_the_representatives_roles(partnership, school):
    membership = membership_add(partnership=partnership, organisation=school)
    head = UserFactory()
    partnership_role_grant(partnership=partnership, user=head, role="representative", organisation=school)

    membership_leave(membership=membership)

    head = type(head).objects.get(pk=head.pk)
    assert not head.has_perm("partnerships.view_partnership", partnership)
    assert partnership.roles.get(user=head).ended_at is not None


def test_only_a_current_member_can_have_a_representative(partnership, school):
    with pytest.raises(ValidationError):
        partnership_role_grant(partnership=partnership, user=UserFactory(), role="representative",
                               organisation=school)


def test_another_consortiums_organisation_cannot_join(partnership, other_consortium):
    theirs = Organisation.objects.create(consortium=other_consortium, kind="school", name="Elsewhere Primary")

    with pytest.raises(ValidationError):
        membership_add(partnership=partnership, organisation=theirs)


def test_the_same_school_can_be_in_several_partnerships(consortium, partnership, school):
    from ..factories import PartnershipFactory

    second = PartnershipFactory(consortium=consortium, kind="ite")

    membership_add(partnership=partnership, organisation=school)
    membership_add(partnership=second, organisation=school)

    assert school.memberships.count() == 2
