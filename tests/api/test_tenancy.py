"""Another consortium's URL, or its object's id under my consortium, is a 404 on every endpoint."""

import pytest

from partnerships.models import Organisation, Partnership

pytestmark = pytest.mark.django_db

LISTS = ["organisations/", "people/", "partnerships/", "memberships/", "partnership-roles/"]
# Detail endpoints and the fixture holding another consortium's object for each.
DETAILS = [
    ("organisations", "other_school"),
    ("people", "other_admin"),
    ("partnerships", "other_partnership"),
    ("memberships", "other_membership"),
]


@pytest.mark.parametrize("path", LISTS)
def test_another_consortiums_url_is_not_found(admin_api, other_consortium, path):
    response = admin_api.get(f"/api/v1/{other_consortium.slug}/{path}")

    assert response.status_code == 404


@pytest.mark.parametrize("path", LISTS)
def test_an_unknown_consortium_is_not_found(admin_api, path):
    response = admin_api.get(f"/api/v1/no-such-consortium/{path}")

    assert response.status_code == 404


@pytest.mark.parametrize("path,other_fixture", DETAILS)
def test_another_consortiums_object_under_my_consortium_is_not_found(request, admin_api, consortium, path,
                                                                      other_fixture):
    other = request.getfixturevalue(other_fixture)

    response = admin_api.get(f"/api/v1/{consortium.slug}/{path}/{other.pk}/")

    assert response.status_code == 404


def test_another_consortiums_organisation_cannot_be_changed(admin_api, consortium, other_school):
    response = admin_api.patch(f"/api/v1/{consortium.slug}/organisations/{other_school.pk}/", {"name": "Taken"})

    assert response.status_code == 404
    assert Organisation.objects.get(pk=other_school.pk).name == "Exceed Primary"


def test_another_consortiums_partnership_cannot_be_changed(admin_api, consortium, other_partnership):
    response = admin_api.patch(f"/api/v1/{consortium.slug}/partnerships/{other_partnership.pk}/",
                               {"purpose": "Taken"})

    assert response.status_code == 404
    assert Partnership.objects.get(pk=other_partnership.pk).purpose == ""


def test_another_consortiums_membership_cannot_be_ended(admin_api, consortium, other_membership):
    response = admin_api.post(f"/api/v1/{consortium.slug}/memberships/{other_membership.pk}/leave/", {})

    assert response.status_code == 404
    other_membership.refresh_from_db()
    assert other_membership.left_on is None


def test_another_consortiums_roles_are_not_listed(admin_api, consortium, other_partnership, other_admin):
    from partnerships.services import partnership_role_grant

    partnership_role_grant(partnership=other_partnership, user=other_admin, role="chair")

    response = admin_api.get(f"/api/v1/{consortium.slug}/partnership-roles/")

    assert response.json()["count"] == 0
