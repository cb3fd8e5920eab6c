"""Lists are paged (50 by default, `page_size` up to 200), filtered, searched and ordered."""

import pytest

from partnerships.models import Organisation
from partnerships.services import (
    employment_change,
    membership_add,
    membership_leave,
    organisation_save,
    partnership_role_grant,
    person_add,
)

from ..factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_schools(consortium):
    Organisation.objects.bulk_create(
        Organisation(consortium=consortium, kind="school", name=f"Ysgol {n:03}") for n in range(230))


def test_lists_are_paged_fifty_at_a_time(admin_api, consortium, many_schools):
    response = admin_api.get(f"/api/v1/{consortium.slug}/organisations/")

    body = response.json()
    assert body["count"] == 230
    assert len(body["results"]) == 50
    assert body["next"].endswith("?page=2")
    assert body["previous"] is None


def test_a_later_page(admin_api, consortium, many_schools):
    response = admin_api.get(f"/api/v1/{consortium.slug}/organisations/?page=5")

    assert [row["name"] for row in response.json()["results"]][:2] == ["Ysgol 200", "Ysgol 201"]


def test_page_size_can_be_chosen_up_to_200(admin_api, consortium, many_schools):
    small = admin_api.get(f"/api/v1/{consortium.slug}/organisations/?page_size=10").json()
    capped = admin_api.get(f"/api/v1/{consortium.slug}/organisations/?page_size=1000").json()

    assert len(small["results"]) == 10
    assert len(capped["results"]) == 200


def test_a_page_past_the_end_is_a_404(admin_api, consortium, many_schools):
    response = admin_api.get(f"/api/v1/{consortium.slug}/organisations/?page=99")

    assert response.status_code == 404


def test_organisations_filter_by_kind(admin_api, consortium, school, local_authority):
    response = admin_api.get(f"/api/v1/{consortium.slug}/organisations/?kind=school")

    assert [row["name"] for row in response.json()["results"]] == ["Ysgol y Cwm"]


def test_organisations_filter_by_local_authority(admin_api, consortium, school, local_authority):
    organisation_save(consortium=consortium, organisation=school, local_authority=local_authority)
    organisation_save(consortium=consortium, kind="school", name="Ysgol Arall")

    response = admin_api.get(f"/api/v1/{consortium.slug}/organisations/?local_authority={local_authority.pk}")

    assert [row["name"] for row in response.json()["results"]] == ["Ysgol y Cwm"]


def test_organisations_search_by_name_or_school_code(admin_api, consortium, school, local_authority):
    organisation_save(consortium=consortium, organisation=school, school_code="6612345")

    by_name = admin_api.get(f"/api/v1/{consortium.slug}/organisations/?search=rhondda").json()
    by_code = admin_api.get(f"/api/v1/{consortium.slug}/organisations/?search=66123").json()

    assert [row["name"] for row in by_name["results"]] == ["Rhondda Cynon Taf"]
    assert [row["name"] for row in by_code["results"]] == ["Ysgol y Cwm"]


def test_organisations_ordering(admin_api, consortium, school, local_authority):
    response = admin_api.get(f"/api/v1/{consortium.slug}/organisations/?ordering=-name")

    assert [row["name"] for row in response.json()["results"]] == ["Ysgol y Cwm", "Rhondda Cynon Taf"]


def test_an_unknown_kind_is_a_400_naming_the_filter(admin_api, consortium):
    response = admin_api.get(f"/api/v1/{consortium.slug}/organisations/?kind=castle")

    assert response.status_code == 400
    assert set(response.json()) == {"kind"}


def test_people_search_and_filter_by_employer(admin_api, consortium, school):
    teacher = person_add(consortium=consortium, email="athro@ysgol.cymru", full_name="Rhys Athro").user
    employment_change(consortium=consortium, user=teacher, organisation=school)
    person_add(consortium=consortium, email="other@ysgol.cymru", full_name="Someone Else")

    searched = admin_api.get(f"/api/v1/{consortium.slug}/people/?search=rhys").json()
    employed = admin_api.get(f"/api/v1/{consortium.slug}/people/?employer={school.pk}").json()

    assert [row["email"] for row in searched["results"]] == ["athro@ysgol.cymru"]
    assert [row["email"] for row in employed["results"]] == ["athro@ysgol.cymru"]


def test_partnerships_filter_by_kind_and_search(admin_api, consortium, partnership):
    PartnershipFactory(consortium=consortium, name="ITE Partnership", kind="ite")

    by_kind = admin_api.get(f"/api/v1/{consortium.slug}/partnerships/?kind=ite").json()
    searched = admin_api.get(f"/api/v1/{consortium.slug}/partnerships/?search=primary").json()

    assert [row["name"] for row in by_kind["results"]] == ["ITE Partnership"]
    assert [row["name"] for row in searched["results"]] == ["Primary School Improvement Partnership"]


def test_memberships_filter_by_partnership_and_current(admin_api, consortium, partnership, school,
                                                       local_authority):
    other = PartnershipFactory(consortium=consortium)
    membership_add(partnership=other, organisation=school)
    membership_add(partnership=partnership, organisation=school)
    membership_leave(membership=membership_add(partnership=partnership, organisation=local_authority))
    url = f"/api/v1/{consortium.slug}/memberships/?partnership={partnership.pk}"

    current = admin_api.get(url + "&current=true").json()
    past = admin_api.get(url + "&current=false").json()

    assert [row["organisation_name"] for row in current["results"]] == ["Ysgol y Cwm"]
    assert [row["organisation_name"] for row in past["results"]] == ["Rhondda Cynon Taf"]


def test_partnership_roles_filter_by_role(admin_api, consortium, partnership, school, chair):
    membership_add(partnership=partnership, organisation=school)
    partnership_role_grant(partnership=partnership, user=UserFactory(full_name="Pennaeth"), role="representative",
                           organisation=school)

    response = admin_api.get(f"/api/v1/{consortium.slug}/partnership-roles/?role=representative")

    rows = response.json()["results"]
    assert [(row["person_name"], row["organisation_name"]) for row in rows] == [("Pennaeth", "Ysgol y Cwm")]
