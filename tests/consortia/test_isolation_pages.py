"""No role in a consortium, no page: another consortium's pages and objects are 404."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CONSORTIUM_PAGES = ["dashboard", "people", "invite", "outbox", "partnership_list"]


@pytest.mark.parametrize("page", CONSORTIUM_PAGES)
def test_every_role_gets_404_for_another_consortiums_pages(client, any_role_user, other_consortium, page):
    client.force_login(any_role_user)

    response = client.get(reverse(page, args=[other_consortium.slug]))

    assert response.status_code == 404


@pytest.mark.parametrize("page", CONSORTIUM_PAGES)
def test_a_consortium_that_does_not_exist_is_the_same_404(client, consortium_admin, page):
    client.force_login(consortium_admin)

    response = client.get(reverse(page, args=["no-such-consortium"]))

    assert response.status_code == 404


def test_another_consortiums_partnership_under_my_address_is_404(client, any_role_user, consortium,
                                                                 other_partnership):
    client.force_login(any_role_user)

    response = client.get(reverse("partnership_detail", args=[consortium.slug, other_partnership.pk]))

    assert response.status_code == 404


def test_another_consortiums_partnership_is_not_listed(client, consortium_admin, consortium, partnership,
                                                       other_partnership):
    client.force_login(consortium_admin)

    response = client.get(reverse("partnership_list", args=[consortium.slug]))

    assert partnership.name in response.content.decode()
    assert other_partnership.name not in response.content.decode()


def test_ended_membership_loses_access(client, member, consortium):
    from consortia.services import membership_end

    membership_end(consortium=consortium, user=member)
    client.force_login(member)

    assert client.get(reverse("dashboard", args=[consortium.slug])).status_code == 404


def test_switcher_lists_my_consortia_only(client, representative, consortium, other_consortium):
    from consortia.services import membership_ensure

    third = type(other_consortium).objects.create(name="Secret Third Consortium", slug="third")
    membership_ensure(consortium=other_consortium, user=representative)
    client.force_login(representative)

    dashboard = client.get(reverse("dashboard", args=[consortium.slug])).content.decode()
    page = client.get(reverse("home") + "?choose=1").content.decode()

    assert "?choose=1" in dashboard  # the header offers the switch when there is more than one
    assert consortium.name in page and other_consortium.name in page
    assert third.name not in page


def test_switching_to_another_of_my_consortia_shows_it(client, representative, other_consortium):
    from consortia.services import membership_ensure

    membership_ensure(consortium=other_consortium, user=representative)
    client.force_login(representative)

    response = client.get(reverse("dashboard", args=[other_consortium.slug]))

    assert response.status_code == 200
    assert f'<span class="govuk-caption-m">{other_consortium.name}</span>' in response.content.decode()


@pytest.mark.parametrize("role", ["chair", "clerk", "representative", "observer", "member"])
def test_admin_pages_are_forbidden_to_other_roles(client, request, consortium, role):
    client.force_login(request.getfixturevalue(role))

    for page in ["people", "invite", "outbox"]:
        assert client.get(reverse(page, args=[consortium.slug])).status_code == 403


def test_partnership_page_needs_a_role_in_that_partnership(client, member, consortium, partnership):
    client.force_login(member)

    response = client.get(reverse("partnership_detail", args=[consortium.slug, partnership.pk]))

    assert response.status_code == 403
