"""Member organisations: added with membership_add, ended with the `leave` action (membership_leave)."""

import pytest
from django.utils import timezone

from partnerships.models import PartnershipRole
from partnerships.services import partnership_role_grant

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_admin_adds_a_member_organisation(admin_api, consortium, partnership, school):
    response = admin_api.post(f"/api/v1/{consortium.slug}/memberships/",
                              {"partnership": partnership.pk, "organisation": school.pk, "joined_on": "2025-09-01"})

    assert response.status_code == 201
    body = response.json()
    assert (body["partnership"], body["organisation"], body["organisation_name"]) == (
        partnership.pk, school.pk, "Ysgol y Cwm")
    assert (body["joined_on"], body["left_on"], body["is_current"]) == ("2025-09-01", None, True)


def test_leaving_keeps_the_row_and_ends_the_representatives_roles(admin_api, consortium, partnership,
                                                                   school_membership, school):
    head = UserFactory()
    partnership_role_grant(partnership=partnership, user=head, role="representative", organisation=school)

    response = admin_api.post(f"/api/v1/{consortium.slug}/memberships/{school_membership.pk}/leave/",
                              {"left_on": timezone.localdate().isoformat()})

    assert response.status_code == 200
    assert response.json()["left_on"] == timezone.localdate().isoformat()
    assert not PartnershipRole.objects.filter(user=head, ended_at__isnull=True).exists()
    listed = admin_api.get(f"/api/v1/{consortium.slug}/memberships/").json()
    assert [row["id"] for row in listed["results"]] == [school_membership.pk]


def test_leave_defaults_to_today(admin_api, consortium, school_membership):
    response = admin_api.post(f"/api/v1/{consortium.slug}/memberships/{school_membership.pk}/leave/", {})

    assert response.json()["left_on"] == timezone.localdate().isoformat()


def test_a_membership_cannot_be_changed_or_deleted_directly(admin_api, consortium, school_membership):
    url = f"/api/v1/{consortium.slug}/memberships/{school_membership.pk}/"

    assert admin_api.patch(url, {"left_on": "2030-01-01"}).status_code == 405
    assert admin_api.delete(url).status_code == 405
