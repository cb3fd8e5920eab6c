"""Organisations: read with their figures by year; admins create and change them through the service."""

import pytest

from partnerships.models import Organisation
from partnerships.services import organisation_year_record

pytestmark = pytest.mark.django_db


def test_an_organisation_shows_its_figures_by_year_newest_first(admin_api, consortium, school):
    organisation_year_record(organisation=school, academic_year=2025, pupils=180, budget="750000.00")
    organisation_year_record(organisation=school, academic_year=2026, pupils=190, budget=None)

    response = admin_api.get(f"/api/v1/{consortium.slug}/organisations/{school.pk}/")

    assert response.json()["years"] == [
        {"academic_year": 2026, "pupils": 190, "budget": None},
        {"academic_year": 2025, "pupils": 180, "budget": "750000.00"},
    ]


def test_an_admin_creates_an_organisation(admin_api, consortium, local_authority):
    response = admin_api.post(f"/api/v1/{consortium.slug}/organisations/", {
        "kind": "school", "name": "Ysgol Newydd", "phase": "secondary", "school_code": "6614001",
        "local_authority": local_authority.pk,
    })

    assert response.status_code == 201
    created = Organisation.objects.get(pk=response.json()["id"])
    assert (created.consortium_id, created.local_authority_id) == (consortium.pk, local_authority.pk)
    assert response.json()["years"] == []


def test_the_service_rules_apply_to_api_writes(admin_api, consortium):
    # organisation_save drops a phase from anything but a school; a direct save would keep it.
    response = admin_api.post(f"/api/v1/{consortium.slug}/organisations/",
                              {"kind": "hei", "name": "Prifysgol", "phase": "primary"})

    assert response.status_code == 201
    assert response.json()["phase"] == ""


def test_an_admin_changes_an_organisation(admin_api, consortium, school):
    response = admin_api.patch(f"/api/v1/{consortium.slug}/organisations/{school.pk}/",
                               {"name_cy": "Ysgol y Cwm", "email": "swyddfa@ysgolycwm.cymru"})

    assert response.status_code == 200
    school.refresh_from_db()
    assert school.email == "swyddfa@ysgolycwm.cymru"
    assert school.history.count() == 2


def test_the_change_history_names_the_api_client(admin_api, consortium, consortium_admin, school):
    admin_api.patch(f"/api/v1/{consortium.slug}/organisations/{school.pk}/", {"phone": "01443 000000"})

    assert school.history.first().history_user == consortium_admin


def test_a_figures_year_cannot_be_written_through_the_organisation(admin_api, consortium, school):
    response = admin_api.patch(f"/api/v1/{consortium.slug}/organisations/{school.pk}/",
                               {"years": [{"academic_year": 2026, "pupils": 1}]})

    assert response.status_code == 200
    assert not school.years.exists()
