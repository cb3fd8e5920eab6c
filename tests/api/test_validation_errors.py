"""Bad input is a 400 naming the field, whether the serializer or a service finds the problem."""

import pytest

from partnerships.models import Organisation
from partnerships.services import membership_add, membership_leave

pytestmark = pytest.mark.django_db


def test_missing_and_invalid_fields_are_named(admin_api, consortium):
    response = admin_api.post(f"/api/v1/{consortium.slug}/organisations/", {"kind": "castle", "email": "nope"})

    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"kind", "name", "email"}
    assert all(isinstance(messages, list) and messages for messages in errors.values())


def test_a_service_field_error_is_a_400_on_that_field(admin_api, consortium, partnership):
    response = admin_api.patch(f"/api/v1/{consortium.slug}/partnerships/{partnership.pk}/",
                               {"quorum_rule": "fraction"})

    assert response.status_code == 400
    assert list(response.json()) == ["quorum_value"]


def test_a_service_error_about_the_whole_row_is_a_non_field_error(admin_api, consortium, school):
    response = admin_api.post(f"/api/v1/{consortium.slug}/organisations/", {"kind": "school", "name": "Ysgol y Cwm"})

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    assert Organisation.objects.filter(name="Ysgol y Cwm").count() == 1


def test_a_duplicate_membership_is_a_400_on_the_organisation(admin_api, consortium, partnership, school):
    membership_add(partnership=partnership, organisation=school)

    response = admin_api.post(f"/api/v1/{consortium.slug}/memberships/",
                              {"partnership": partnership.pk, "organisation": school.pk})

    assert response.status_code == 400
    assert list(response.json()) == ["organisation"]


def test_leaving_twice_is_a_400(admin_api, consortium, school_membership):
    membership_leave(membership=school_membership)

    response = admin_api.post(f"/api/v1/{consortium.slug}/memberships/{school_membership.pk}/leave/", {})

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_leaving_before_joining_is_a_400_on_the_date(admin_api, consortium, school_membership):
    response = admin_api.post(f"/api/v1/{consortium.slug}/memberships/{school_membership.pk}/leave/",
                              {"left_on": "2000-01-01"})

    assert response.status_code == 400
    assert list(response.json()) == ["left_on"]


def test_malformed_json_is_a_400(admin_api, consortium):
    response = admin_api.post(f"/api/v1/{consortium.slug}/organisations/", "{not json",
                              content_type="application/json")

    assert response.status_code == 400


def test_a_local_authority_must_be_one(admin_api, consortium, school):
    response = admin_api.post(f"/api/v1/{consortium.slug}/organisations/",
                              {"kind": "school", "name": "Ysgol Newydd", "local_authority": school.pk})

    assert response.status_code == 400
    assert list(response.json()) == ["local_authority"]
