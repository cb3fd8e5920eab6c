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


def test_partnership_page_query_count_does_not_grow(client, consortium, partnership, chair):
    client.force_login(chair)
    url = f"/{consortium.slug}/partnerships/{partnership.pk}/"
    for _ in range(3):
        partnership_role_grant(partnership=partnership, user=UserFactory(), role="representative")
    small = queries_for(client, url)

    for _ in range(30):
        partnership_role_grant(partnership=partnership, user=UserFactory(), role="representative")
    large = queries_for(client, url)

    assert large == small
