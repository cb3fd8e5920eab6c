"""Each action needs its declared permission: admins write registers, chairs their partnership."""

import pytest

from partnerships.models import Organisation, PartnershipMembership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("user_fixture", ["member", "chair", "representative"])
def test_only_admins_create_organisations(request, token_client, consortium, user_fixture):
    client = token_client(request.getfixturevalue(user_fixture))

    response = client.post(f"/api/v1/{consortium.slug}/organisations/", {"kind": "school", "name": "Ysgol Newydd"})

    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Ysgol Newydd").exists()


def test_only_admins_change_organisations(token_client, consortium, member, school):
    response = token_client(member).patch(f"/api/v1/{consortium.slug}/organisations/{school.pk}/", {"name": "X"})

    assert response.status_code == 403
    school.refresh_from_db()
    assert school.name == "Ysgol y Cwm"


def test_any_member_reads_organisations(token_client, consortium, member, school):
    response = token_client(member).get(f"/api/v1/{consortium.slug}/organisations/{school.pk}/")

    assert response.status_code == 200


@pytest.mark.parametrize("path", ["people/", "people/{pk}/"])
def test_only_admins_read_people(token_client, consortium, member, path):
    response = token_client(member).get(f"/api/v1/{consortium.slug}/" + path.format(pk=member.pk))

    assert response.status_code == 403


def test_only_admins_add_people(token_client, consortium, chair):
    response = token_client(chair).post(f"/api/v1/{consortium.slug}/people/", {"email": "new@ysgol.cymru"})

    assert response.status_code == 403


@pytest.mark.parametrize("user_fixture", ["chair", "consortium_admin"])
def test_chairs_and_admins_change_a_partnership(request, token_client, consortium, partnership, user_fixture):
    client = token_client(request.getfixturevalue(user_fixture))

    response = client.patch(f"/api/v1/{consortium.slug}/partnerships/{partnership.pk}/", {"notice_days": 10})

    assert response.status_code == 200
    partnership.refresh_from_db()
    assert partnership.notice_days == 10


@pytest.mark.parametrize("user_fixture", ["clerk", "representative", "observer"])
def test_other_roles_cannot_change_a_partnership(request, token_client, consortium, partnership, user_fixture):
    client = token_client(request.getfixturevalue(user_fixture))

    response = client.patch(f"/api/v1/{consortium.slug}/partnerships/{partnership.pk}/", {"notice_days": 10})

    assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.notice_days == 7


def test_a_member_without_a_role_does_not_see_the_partnership(token_client, consortium, partnership, member):
    client = token_client(member)

    listed = client.get(f"/api/v1/{consortium.slug}/partnerships/").json()
    detail = client.get(f"/api/v1/{consortium.slug}/partnerships/{partnership.pk}/")

    assert listed["count"] == 0
    assert detail.status_code == 404


def test_a_representative_sees_their_partnership(token_client, consortium, partnership, representative):
    response = token_client(representative).get(f"/api/v1/{consortium.slug}/partnerships/")

    assert [row["id"] for row in response.json()["results"]] == [partnership.pk]


def test_a_representative_cannot_add_a_member_organisation(token_client, consortium, partnership, representative,
                                                           school):
    response = token_client(representative).post(f"/api/v1/{consortium.slug}/memberships/",
                                                 {"partnership": partnership.pk, "organisation": school.pk})

    assert response.status_code == 403
    assert not PartnershipMembership.objects.exists()


def test_a_representative_cannot_end_a_membership(token_client, consortium, representative, school_membership):
    response = token_client(representative).post(
        f"/api/v1/{consortium.slug}/memberships/{school_membership.pk}/leave/", {})

    assert response.status_code == 403
    school_membership.refresh_from_db()
    assert school_membership.left_on is None


def test_a_chair_adds_a_member_organisation(token_client, consortium, partnership, chair, school):
    response = token_client(chair).post(f"/api/v1/{consortium.slug}/memberships/",
                                        {"partnership": partnership.pk, "organisation": school.pk})

    assert response.status_code == 201
    assert PartnershipMembership.objects.filter(partnership=partnership, organisation=school).exists()


def test_memberships_of_partnerships_out_of_sight_are_not_listed(token_client, consortium, member,
                                                                 school_membership):
    response = token_client(member).get(f"/api/v1/{consortium.slug}/memberships/")

    assert response.json()["count"] == 0
