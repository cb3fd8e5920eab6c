"""The finance pages cost the same number of queries for 5 member schools as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance import services

from .conftest import activity, add_schools

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)  # the first request of a session does one-off work
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def share_and_issue(budget, by, approver, title):
    act = activity(budget, by, title=title, basis="budget", cost_pence=1_000_000_00)
    services.activity_share(activity=act, by=by)
    for charge in services.activity_charges_raise(activity=act, by=by):
        services.charge_approve(charge=charge, by=approver)
    return act


def pages(consortium, budget, act, school, partnership):
    base = f"/{consortium.slug}/finance/"
    return {
        "charges": f"{base}budgets/{budget.pk}/charges/",
        "statement": f"{base}budgets/{budget.pk}/statements/{school.pk}/",
        "statements": f"{base}budgets/{budget.pk}/statements/",
        "budget": f"{base}budgets/{budget.pk}/",
        "activity": f"{base}activities/{act.pk}/",
        "payments": f"{base}budgets/{budget.pk}/payments/",
        "home": base,
        "partnership": f"/{consortium.slug}/partnerships/{partnership.pk}/",
        "dashboard": f"/{consortium.slug}/",
    }


def test_finance_pages_do_not_grow_from_5_to_200_schools(client, consortium, partnership, budget, finance_admin,
                                                         approver, schools, rep):
    # Given five schools charged for one activity
    small_activity = share_and_issue(budget, finance_admin, approver, "Five schools")
    client.force_login(finance_admin)
    small = {name: queries_for(client, url)
             for name, url in pages(consortium, budget, small_activity, schools[0], partnership).items()}

    # When 195 more schools join and share a second activity
    add_schools(partnership, [(f"Ysgol {n:03d}", 100 + n, f"{500000 + n * 1000}.00") for n in range(195)])
    big_activity = share_and_issue(budget, finance_admin, approver, "Two hundred schools")
    large = {name: queries_for(client, url)
             for name, url in pages(consortium, budget, big_activity, schools[0], partnership).items()}

    # Then every page costs the same
    assert large == small
    assert small["charges"] <= 16 and small["statement"] <= 17  # two or three more since programmes and RLS


def test_the_representatives_view_does_not_grow(client, consortium, partnership, budget, finance_admin, approver,
                                                schools, rep):
    share_and_issue(budget, finance_admin, approver, "Five schools")
    client.force_login(rep)
    urls = {"charges": f"/{consortium.slug}/finance/budgets/{budget.pk}/charges/",
            "statement": f"/{consortium.slug}/finance/budgets/{budget.pk}/statements/{schools[0].pk}/",
            "dashboard": f"/{consortium.slug}/"}
    small = {name: queries_for(client, url) for name, url in urls.items()}

    add_schools(partnership, [(f"Ysgol {n:03d}", 100, "500000.00") for n in range(45)])
    share_and_issue(budget, finance_admin, approver, "Fifty schools")

    assert {name: queries_for(client, url) for name, url in urls.items()} == small


def test_the_charges_endpoint_does_not_grow(consortium, partnership, budget, finance_admin, approver, schools):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token, _ = Token.objects.get_or_create(user=finance_admin)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    share_and_issue(budget, finance_admin, approver, "Five schools")

    def count(url):
        api.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert api.get(url).status_code == 200
        return len(captured)

    urls = [f"/api/v1/{consortium.slug}/{name}/" for name in ("charges", "shares", "payments", "activities")]
    small = [count(url) for url in urls]
    add_schools(partnership, [(f"Ysgol {n:03d}", 100, "500000.00") for n in range(45)])
    share_and_issue(budget, finance_admin, approver, "Fifty schools")

    assert [count(url) for url in urls] == small


def test_the_finance_home_does_not_grow_with_partnerships(client, consortium, consortium_admin, budget, rep):
    from ..factories import PartnershipFactory

    client.force_login(consortium_admin)
    url = f"/{consortium.slug}/finance/"
    small = queries_for(client, url)

    for n in range(6):
        other = PartnershipFactory(consortium=consortium, name=f"Cluster {n}")
        services.budget_create(partnership=other, by=consortium_admin, year=budget.year, holder=budget.holder)

    assert queries_for(client, url) == small
