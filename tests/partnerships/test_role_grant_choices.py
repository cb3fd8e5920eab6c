"""Giving a role in a partnership: a chair is offered only the partnership's people, by name; emails are
shown only to those who administer the consortium's people."""

import pytest
from django.urls import reverse

from consortia.services import membership_ensure
from partnerships.models import PartnershipRole
from partnerships.services import employment_change, membership_add, partnership_role_grant

from ..factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(consortium, other_consortium, partnership):
    member_school, other_school = OrganisationFactory(consortium=consortium), OrganisationFactory(
        consortium=consortium)
    membership_add(partnership=partnership, organisation=member_school)
    made = {}
    for key, name in [("at a member school", "Anwen Member-School"), ("elsewhere in the consortium", "Bryn Elsewhere"),
                      ("in another consortium", "Carys Other-Consortium"), ("holding a role", "Dafydd Role-Holder")]:
        made[key] = UserFactory(full_name=name, email=f"{name.split()[0].lower()}@example.cymru")
    for key, school in [("at a member school", member_school), ("elsewhere in the consortium", other_school)]:
        membership_ensure(consortium=consortium, user=made[key])
        employment_change(consortium=consortium, user=made[key], organisation=school)
    membership_ensure(consortium=other_consortium, user=made["in another consortium"])
    partnership_role_grant(partnership=partnership, user=made["holding a role"], role="observer")
    return made


def offered(client, user, partnership):
    client.force_login(user)
    response = client.get(reverse("partnership_role_grant", args=[partnership.consortium.slug, partnership.pk]))
    return response, {person.pk for person in response.context["form"].fields["user"].queryset}


def test_a_chair_is_offered_only_the_partnerships_people(client, chair, partnership, people):
    response, choices = offered(client, chair, partnership)

    assert choices == {chair.pk, people["at a member school"].pk, people["holding a role"].pk}
    page = response.content.decode()
    assert "Bryn Elsewhere" not in page and "Carys Other-Consortium" not in page
    assert "@example.cymru" not in page and chair.email not in page


def test_a_chair_sees_each_person_by_name_and_employer(client, chair, partnership, people):
    response, _choices = offered(client, chair, partnership)

    labels = [label for _value, label in response.context["form"].fields["user"].choices]
    employer = people["at a member school"].employments.get().organisation.name
    assert f"Anwen Member-School – {employer}" in labels


def test_a_consortium_admin_is_offered_everyone_in_the_consortium_with_their_email(client, consortium_admin,
                                                                                  partnership, people):
    response, choices = offered(client, consortium_admin, partnership)

    in_the_consortium = ("at a member school", "elsewhere in the consortium", "holding a role")
    assert {people[key].pk for key in in_the_consortium} <= choices
    assert people["in another consortium"].pk not in choices
    assert "bryn@example.cymru" in response.content.decode()


def test_a_chair_cannot_give_a_role_to_someone_not_offered(client, chair, partnership, people):
    client.force_login(chair)

    response = client.post(reverse("partnership_role_grant", args=[partnership.consortium.slug, partnership.pk]),
                           {"user": people["elsewhere in the consortium"].pk, "role": "observer"})

    assert response.status_code == 400
    assert not PartnershipRole.objects.filter(user=people["elsewhere in the consortium"]).exists()
