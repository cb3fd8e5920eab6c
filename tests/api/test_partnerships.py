"""Partnerships: listed as the person may see them; changed through partnership_update."""

import pytest

from partnerships.services import PARTNERSHIP_FIELDS, membership_add

pytestmark = pytest.mark.django_db


def test_a_partnership_shows_its_settings_and_counts(admin_api, consortium, partnership, chair, school):
    membership_add(partnership=partnership, organisation=school)

    response = admin_api.get(f"/api/v1/{consortium.slug}/partnerships/{partnership.pk}/")

    body = response.json()
    assert body["name"] == "Primary School Improvement Partnership"
    assert (body["people_count"], body["member_count"]) == (1, 1)


def test_every_field_the_service_accepts_is_writable(admin_api, consortium, partnership):
    from partnerships.api import PartnershipSerializer

    serializer = PartnershipSerializer()
    writable = {name for name, field in serializer.fields.items() if not field.read_only}

    assert writable == PARTNERSHIP_FIELDS


def test_an_update_goes_through_the_service(admin_api, consortium, partnership):
    partnership.quorum_rule, partnership.quorum_value = "count", 3
    partnership.save()

    # partnership_update clears the figure when the rule goes back to a majority.
    response = admin_api.patch(f"/api/v1/{consortium.slug}/partnerships/{partnership.pk}/",
                               {"quorum_rule": "majority"})

    assert response.status_code == 200
    assert response.json()["quorum_value"] is None
    partnership.refresh_from_db()
    assert partnership.quorum_value is None


def test_a_full_update(admin_api, consortium, partnership):
    url = f"/api/v1/{consortium.slug}/partnerships/{partnership.pk}/"
    body = admin_api.get(url).json()
    body.update(purpose="Raising standards together", notice_days=14)

    response = admin_api.put(url, body)

    assert response.status_code == 200
    partnership.refresh_from_db()
    assert (partnership.purpose, partnership.notice_days) == ("Raising standards together", 14)


def test_partnerships_are_not_created_or_deleted_here(admin_api, consortium, partnership):
    created = admin_api.post(f"/api/v1/{consortium.slug}/partnerships/", {"name": "New", "kind": "ite"})
    deleted = admin_api.delete(f"/api/v1/{consortium.slug}/partnerships/{partnership.pk}/")

    assert (created.status_code, deleted.status_code) == (405, 405)
