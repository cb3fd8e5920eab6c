"""List endpoints cost the same number of queries for 5 rows as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consortia.services import membership_ensure
from partnerships.models import Organisation
from partnerships.services import (
    employment_change,
    membership_add,
    organisation_save,
    organisation_year_record,
    partnership_role_grant,
)

from ..factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

# Every list should stay at or under this, whatever its size.
CEILING = 12


def queries_for(client, url):
    client.get(url)  # warm-up: one-off work (token user, content types) is not what we measure
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.json()["count"]


def add_organisations(consortium, count, start):
    local_authority = Organisation.objects.filter(consortium=consortium, kind="local_authority").first()
    for n in range(start, start + count):
        school = organisation_save(consortium=consortium, kind="school", name=f"Ysgol {n:03}",
                                   local_authority=local_authority)
        organisation_year_record(organisation=school, academic_year=2025, pupils=100 + n, budget=None)
        organisation_year_record(organisation=school, academic_year=2026, pupils=110 + n, budget=None)


def add_people(consortium, count, start):
    employer = organisation_save(consortium=consortium, kind="school", name=f"Employer {start}")
    for _ in range(count):
        person = UserFactory()
        membership_ensure(consortium=consortium, user=person)
        employment_change(consortium=consortium, user=person, organisation=employer, job_title="Teacher")


def add_partnerships(consortium, count, start):
    for _ in range(count):
        partnership = PartnershipFactory(consortium=consortium)
        partnership_role_grant(partnership=partnership, user=UserFactory(), role="chair")


def add_memberships(consortium, count, start):
    partnership = PartnershipFactory(consortium=consortium)
    for n in range(start, start + count):
        school = organisation_save(consortium=consortium, kind="school", name=f"Member {n:03}")
        membership_add(partnership=partnership, organisation=school)


def add_roles(consortium, count, start):
    partnership = PartnershipFactory(consortium=consortium)
    for n in range(start, start + count):
        school = organisation_save(consortium=consortium, kind="school", name=f"Represented {n:03}")
        membership_add(partnership=partnership, organisation=school)
        partnership_role_grant(partnership=partnership, user=UserFactory(), role="representative",
                               organisation=school)


@pytest.mark.parametrize("path,add", [
    ("organisations/", add_organisations),
    ("people/", add_people),
    ("partnerships/", add_partnerships),
    ("memberships/", add_memberships),
    ("partnership-roles/", add_roles),
], ids=["organisations", "people", "partnerships", "memberships", "partnership-roles"])
def test_list_query_count_is_flat_from_5_to_200_rows(admin_api, consortium, local_authority, path, add):
    url = f"/api/v1/{consortium.slug}/{path}?page_size=200"
    add(consortium, 5, 0)
    small, small_rows = queries_for(admin_api, url)

    add(consortium, 195, 5)
    large, large_rows = queries_for(admin_api, url)

    assert large_rows >= 200 > small_rows
    assert large == small, f"{path}: {small} queries for {small_rows} rows, {large} for {large_rows}"
    assert small <= CEILING


def test_a_representatives_partnership_list_is_flat_too(token_client, consortium, representative):
    from partnerships.services import partnership_role_grant as grant

    client = token_client(representative)
    url = f"/api/v1/{consortium.slug}/partnerships/?page_size=200"
    for _ in range(4):
        grant(partnership=PartnershipFactory(consortium=consortium), user=representative, role="representative")
    small, small_rows = queries_for(client, url)

    for _ in range(20):
        grant(partnership=PartnershipFactory(consortium=consortium), user=representative, role="representative")
    large, large_rows = queries_for(client, url)

    assert (small_rows, large_rows) == (5, 25)
    assert large == small
