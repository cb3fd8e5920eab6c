"""Ids in a request body must belong to the URL's consortium: another's is a 400 and nothing is saved."""

import pytest
from django.contrib.auth import get_user_model

from partnerships.models import Employment, Organisation, PartnershipMembership

pytestmark = pytest.mark.django_db


def test_an_organisation_cannot_point_at_another_consortiums_local_authority(admin_api, consortium,
                                                                             other_local_authority):
    response = admin_api.post(f"/api/v1/{consortium.slug}/organisations/", {
        "kind": "school", "name": "Ysgol Newydd", "local_authority": other_local_authority.pk,
    })

    assert response.status_code == 400
    assert set(response.json()) == {"local_authority"}
    assert not Organisation.objects.filter(name="Ysgol Newydd").exists()


def test_an_organisation_cannot_be_moved_to_another_consortiums_local_authority(admin_api, consortium, school,
                                                                                other_local_authority):
    response = admin_api.patch(f"/api/v1/{consortium.slug}/organisations/{school.pk}/",
                               {"local_authority": other_local_authority.pk})

    assert response.status_code == 400
    school.refresh_from_db()
    assert school.local_authority_id is None


def test_a_person_cannot_be_employed_by_another_consortiums_organisation(admin_api, consortium, other_school):
    response = admin_api.post(f"/api/v1/{consortium.slug}/people/", {
        "email": "new.teacher@ysgol.cymru", "employer": other_school.pk,
    })

    assert response.status_code == 400
    assert set(response.json()) == {"employer"}
    assert not get_user_model().objects.filter(email="new.teacher@ysgol.cymru").exists()
    assert not Employment.objects.filter(organisation=other_school).exists()


def test_a_membership_cannot_name_another_consortiums_partnership(admin_api, consortium, school,
                                                                  other_partnership):
    response = admin_api.post(f"/api/v1/{consortium.slug}/memberships/", {
        "partnership": other_partnership.pk, "organisation": school.pk,
    })

    assert response.status_code == 400
    assert set(response.json()) == {"partnership"}
    assert not PartnershipMembership.objects.exists()


def test_a_membership_cannot_name_another_consortiums_organisation(admin_api, consortium, partnership,
                                                                   other_school):
    response = admin_api.post(f"/api/v1/{consortium.slug}/memberships/", {
        "partnership": partnership.pk, "organisation": other_school.pk,
    })

    assert response.status_code == 400
    assert set(response.json()) == {"organisation"}
    assert not PartnershipMembership.objects.exists()
