"""List and dashboard pages cost a fixed number of queries, however many rows there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.services import partnership_role_grant

from ..factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def add_partnerships(consortium, user, count):
    for _ in range(count):
        partnership = PartnershipFactory(consortium=consortium)
        partnership_role_grant(partnership=partnership, user=user, role="representative")
        partnership_role_grant(partnership=partnership, user=UserFactory(), role="chair")


def queries_for(client, url):
    client.get(url)  # the first request of a session does one-off work (second-factor check, session save)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["dashboard", "partnerships/"])
def test_page_query_count_does_not_grow_with_rows(client, consortium, representative, page):
    url = f"/{consortium.slug}/" + ("" if page == "dashboard" else page)
    client.force_login(representative)
    add_partnerships(consortium, representative, 4)
    small = queries_for(client, url)

    add_partnerships(consortium, representative, 40)
    large = queries_for(client, url)

    assert large == small
    # session, consortium, membership, permissions, and each app's dashboard panel (programmes added two)
    assert small <= 15


def test_people_page_query_count_does_not_grow(client, consortium, consortium_admin):
    from consortia.services import membership_ensure

    client.force_login(consortium_admin)
    for _ in range(5):
        membership_ensure(consortium=consortium, user=UserFactory())
    small = queries_for(client, f"/{consortium.slug}/people/")

    for _ in range(45):
        membership_ensure(consortium=consortium, user=UserFactory())
    large = queries_for(client, f"/{consortium.slug}/people/")

    assert large == small


def add_members(partnership, count):
    from partnerships.models import Organisation, PartnershipGroup
    from partnerships.services import membership_add

    for _ in range(count):
        school = Organisation.objects.create(consortium=partnership.consortium, kind="school",
                                             name=f"School {Organisation.objects.count()}")
        membership_add(partnership=partnership, organisation=school)
        group = PartnershipGroup.objects.create(consortium=partnership.consortium, partnership=partnership,
                                                name=f"Group {school.pk}")
        partnership_role_grant(partnership=partnership, user=UserFactory(), role="representative",
                               organisation=school, group=group)


def test_partnership_page_query_count_does_not_grow(client, consortium, partnership, chair):
    client.force_login(chair)
    url = f"/{consortium.slug}/partnerships/{partnership.pk}/"
    add_members(partnership, 3)
    small = queries_for(client, url)

    add_members(partnership, 30)
    large = queries_for(client, url)

    assert large == small
