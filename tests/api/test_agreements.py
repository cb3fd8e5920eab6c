"""Agreements (read-only): agreements, their published versions, and each party's acceptance status."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements import services
from partnerships.services import membership_add, organisation_save, partnership_role_grant

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def publish_agreement(partnership, by, callbacks, title="ECT and NPQ partnership agreement"):
    template = services.template_create(partnership=partnership, title=title)
    version = template.versions.get()
    services.section_save(version=version, role="school", heading="Schools commit to", body="Register the ECT")
    with callbacks(execute=True):
        return services.version_publish(version=version, by=by)


@pytest.fixture
def published(partnership, school_membership, consortium_admin, django_capture_on_commit_callbacks):
    return publish_agreement(partnership, consortium_admin, django_capture_on_commit_callbacks)


@pytest.fixture
def their_version(other_partnership, other_membership, other_admin, django_capture_on_commit_callbacks):
    return publish_agreement(other_partnership, other_admin, django_capture_on_commit_callbacks)


@pytest.fixture
def head(partnership, school):
    head = UserFactory(full_name="Rhian Davies")
    partnership_role_grant(partnership=partnership, user=head, role="representative", organisation=school)
    return head


def test_an_agreement_names_its_current_version(admin_api, consortium, published):
    response = admin_api.get(f"/api/v1/{consortium.slug}/agreements/")

    [row] = response.json()["results"]
    assert (row["current_version"], row["current_number"]) == (published.pk, 1)


def test_drafts_are_not_in_the_api(admin_api, consortium, published):
    draft = services.version_draft_next(template=published.template)

    listed = admin_api.get(f"/api/v1/{consortium.slug}/agreement-versions/").json()
    detail = admin_api.get(f"/api/v1/{consortium.slug}/agreement-versions/{draft.pk}/")

    assert [row["id"] for row in listed["results"]] == [published.pk]
    assert detail.status_code == 404


def test_each_partys_acceptance_status(admin_api, consortium, published, school, head):
    party = published.parties.get(organisation=school)
    services.agreement_accept(party=party, user=head)

    response = admin_api.get(f"/api/v1/{consortium.slug}/agreement-versions/{published.pk}/parties/")

    [row] = response.json()["results"]
    assert (row["organisation"], row["organisation_name"], row["role"]) == (school.pk, "Ysgol y Cwm", "school")
    assert (row["status"], row["status_by"]) == ("accepted", "Rhian Davies")


def test_parties_filter_by_status(admin_api, consortium, published):
    url = f"/api/v1/{consortium.slug}/agreement-versions/{published.pk}/parties/"

    pending = admin_api.get(url + "?status=pending").json()
    accepted = admin_api.get(url + "?status=accepted").json()
    wrong = admin_api.get(url + "?status=maybe")

    assert (pending["count"], accepted["count"]) == (1, 0)
    assert wrong.status_code == 400
    assert list(wrong.json()) == ["status"]


def test_a_representative_sees_the_agreement_but_not_everyones_status(token_client, consortium, published, head):
    client = token_client(head)

    listed = client.get(f"/api/v1/{consortium.slug}/agreements/").json()
    parties = client.get(f"/api/v1/{consortium.slug}/agreement-versions/{published.pk}/parties/")

    assert listed["count"] == 1
    assert parties.status_code == 403


def test_a_chair_sees_everyones_status(token_client, consortium, published, chair):
    response = token_client(chair).get(f"/api/v1/{consortium.slug}/agreement-versions/{published.pk}/parties/")

    assert response.status_code == 200


def test_a_member_without_a_role_sees_no_agreements(token_client, consortium, published, member):
    response = token_client(member).get(f"/api/v1/{consortium.slug}/agreements/")

    assert response.json()["count"] == 0


@pytest.mark.parametrize("path", ["agreements/{template}/", "agreement-versions/{version}/",
                                  "agreement-versions/{version}/parties/"])
def test_another_consortiums_agreement_is_not_found(admin_api, consortium, published, their_version, path):
    url = path.format(template=their_version.template_id, version=their_version.pk)

    response = admin_api.get(f"/api/v1/{consortium.slug}/{url}")

    assert response.status_code == 404


@pytest.mark.parametrize("path", ["agreements/", "agreement-versions/"])
def test_another_consortiums_url_is_not_found(admin_api, other_consortium, path):
    assert admin_api.get(f"/api/v1/{other_consortium.slug}/{path}").status_code == 404


def test_the_party_list_query_count_is_flat(admin_api, consortium, partnership, consortium_admin,
                                            django_capture_on_commit_callbacks):
    def parties_url(count):
        for n in range(count):
            school = organisation_save(consortium=consortium, kind="school", name=f"Ysgol {count}-{n}")
            membership_add(partnership=partnership, organisation=school)
        version = publish_agreement(partnership, consortium_admin, django_capture_on_commit_callbacks,
                                    title=f"Agreement for {count}")
        return f"/api/v1/{consortium.slug}/agreement-versions/{version.pk}/parties/?page_size=200"

    def queries(url):
        admin_api.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert admin_api.get(url).status_code == 200
        return len(captured)

    small = queries(parties_url(5))
    large = queries(parties_url(60))

    assert large == small
