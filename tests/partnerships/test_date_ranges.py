"""Joining and leaving dates outside their sensible range are refused in words, on the page and in the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partnerships.models import PartnershipMembership
from partnerships.services import membership_add

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db

EDGES = ["9999-12-31", "0001-01-01"]


@pytest.fixture
def school(consortium):
    return OrganisationFactory(consortium=consortium)


@pytest.mark.parametrize("day", EDGES)
def test_joining_off_the_calendar_is_refused_on_the_page(client, chair, partnership, school, day):
    client.force_login(chair)

    response = client.post(reverse("partnership_membership_add", args=[partnership.consortium.slug, partnership.pk]),
                           {"organisation": school.pk, "joined_on": day})

    assert response.status_code == 400
    assert "Enter a date between" in str(response.context["form"].errors["joined_on"])
    assert not PartnershipMembership.objects.exists()


@pytest.mark.parametrize("day", EDGES)
def test_joining_and_leaving_off_the_calendar_are_refused_by_the_api(consortium_admin, consortium, partnership, school,
                                                                     day):
    client = APIClient()
    client.force_authenticate(consortium_admin)
    joined = client.post(f"/api/v1/{consortium.slug}/memberships/",
                         {"partnership": partnership.pk, "organisation": school.pk, "joined_on": day})
    membership = membership_add(partnership=partnership, organisation=school)
    left = client.post(f"/api/v1/{consortium.slug}/memberships/{membership.pk}/leave/", {"left_on": day})

    assert joined.status_code == left.status_code == 400
    assert "Enter a date between" in joined.json()["joined_on"][0]
    assert "Enter a date between" in left.json()["left_on"][0]
    assert PartnershipMembership.objects.get().left_on is None
