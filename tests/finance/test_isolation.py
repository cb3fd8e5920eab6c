"""Another consortium's finance is a 404 on every page and endpoint; inside a partnership each role sees what
its rules say: totals for everyone, a representative their own school only (unless the books are open)."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from finance import services
from finance.models import BudgetLine, Charge, Payment, PDDelivery, Statement
from partnerships.services import partnership_role_grant

from ..factories import UserFactory
from .conftest import SCHOOLS, YEAR, activity, add_schools, issued_charges

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(other_consortium, other_partnership, other_admin):
    """A whole year of finance in the other consortium."""
    from ..factories import OrganisationFactory

    schools = add_schools(other_partnership, SCHOOLS[:3])
    manager, approver = UserFactory(), UserFactory()
    partnership_role_grant(partnership=other_partnership, user=manager, role="finance_administrator")
    partnership_role_grant(partnership=other_partnership, user=approver, role="chair")
    holder = OrganisationFactory(consortium=other_consortium, kind="local_authority", name="Newport", school_code="")
    budget = services.budget_create(partnership=other_partnership, by=manager, year=YEAR, holder=holder)
    line = services.budget_line_save(budget=budget, by=manager, kind="spending", category="other",
                                     description="Hall", planned_pence=100)
    act, charges = issued_charges(budget, manager, approver)
    payment = services.payment_request(budget=budget, by=manager, payee=schools[0], kind="host", amount_pence=100,
                                       description="Hall")
    services.terms_use_default(consortium=other_consortium, by=other_admin, academic_year=YEAR)
    services.release_rate_set(partnership=other_partnership, by=manager, hourly_rate_pence=100,
                              effective_from=dt.date(YEAR, 9, 1))
    delivery = services.pd_delivery_record(partnership=other_partnership, by=manager, activity=act, leader=manager,
                                           leader_school=schools[0], delivered_on=dt.date(YEAR, 10, 1), minutes=60,
                                           recipients=[schools[1]])
    statement = services.statement_request(budget=budget, organisation=schools[0], language="en")
    return {"partnership": other_partnership, "budget": budget, "line": line, "activity": act, "charge": charges[0],
            "payment": payment, "delivery": delivery, "statement": statement, "school": schools[0]}


def other_urls(slug, o):
    p, b = o["partnership"].pk, o["budget"].pk
    names = {
        "finance_partnership": [p], "finance_settings": [p], "finance_budget_create": [p], "finance_release": [p],
        "finance_release_record": [p], "finance_release_charge": [p], "finance_release_delete": [o["delivery"].pk],
        "finance_budget": [b], "finance_budget_edit": [b], "finance_line_create": [b],
        "finance_activity_create": [b], "finance_charges": [b], "finance_shares_export": [b], "finance_payments": [b],
        "finance_payment_create": [b], "finance_statements": [b], "finance_statement": [b, o["school"].pk],
        "finance_statement_build": [b, o["school"].pk], "finance_statement_email": [b, o["school"].pk],
        "finance_line_edit": [o["line"].pk], "finance_line_delete": [o["line"].pk],
        "finance_activity": [o["activity"].pk], "finance_activity_edit": [o["activity"].pk],
        "finance_activity_members": [o["activity"].pk], "finance_activity_share": [o["activity"].pk],
        "finance_activity_charge": [o["activity"].pk], "finance_charge": [o["charge"].pk],
        "finance_charge_approve": [o["charge"].pk], "finance_charge_cancel": [o["charge"].pk],
        "finance_charge_credit": [o["charge"].pk], "finance_charge_paid": [o["charge"].pk],
        "finance_charge_purchase_order": [o["charge"].pk], "finance_payment": [o["payment"].pk],
        "finance_payment_approve": [o["payment"].pk], "finance_payment_paid": [o["payment"].pk],
        "finance_payment_cancel": [o["payment"].pk], "finance_statement_status": [o["statement"].pk],
        "finance_statement_download": [o["statement"].pk], "finance_statement_retry": [o["statement"].pk],
    }
    return {name: reverse(name, args=[slug, *args]) for name, args in names.items()}


def test_every_finance_page_of_another_consortium_is_a_404(client, consortium, consortium_admin, elsewhere):
    # Given our consortium's admin, who administers nothing in the other consortium
    client.force_login(consortium_admin)

    # When they ask for each of its pages with our consortium in the address
    answers = {name: (client.get(url).status_code, client.post(url).status_code)
               for name, url in other_urls(consortium.slug, elsewhere).items()}

    # Then every one is a 404, as if it did not exist, and nothing changed
    assert {name: codes for name, codes in answers.items() if codes != (404, 404)} == {}
    assert Charge.objects.filter(status="cancelled").count() == 0


def test_the_other_consortium_itself_is_a_404(client, consortium_admin, elsewhere, other_consortium):
    client.force_login(consortium_admin)

    assert client.get(f"/{other_consortium.slug}/finance/").status_code == 404


@pytest.mark.parametrize("endpoint,key", [("budgets", "budget"), ("activities", "activity"), ("charges", "charge"),
                                          ("payments", "payment")])
def test_every_endpoint_hides_another_consortiums_rows(consortium, consortium_admin, elsewhere, endpoint, key):
    token, _ = Token.objects.get_or_create(user=consortium_admin)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    listed = api.get(f"/api/v1/{consortium.slug}/{endpoint}/")
    detail = api.get(f"/api/v1/{consortium.slug}/{endpoint}/{elsewhere[key].pk}/")

    assert listed.status_code == 200 and listed.json()["results"] == []
    assert detail.status_code == 404


def test_shares_of_another_consortium_are_hidden(consortium, consortium_admin, elsewhere):
    token, _ = Token.objects.get_or_create(user=consortium_admin)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert api.get(f"/api/v1/{consortium.slug}/shares/").json()["results"] == []


def test_the_admin_lists_only_this_consortiums_finance(client, consortium, consortium_admin, elsewhere, budget):
    client.force_login(consortium_admin)

    for model in ("budget", "charge", "payment", "costedactivity", "pddelivery", "statement", "budgetline"):
        response = client.get(f"/admin/finance/{model}/")
        assert response.status_code == 200, model
        assert response.context["cl"].queryset.exclude(consortium=consortium).count() == 0, model
    assert client.get(f"/admin/finance/charge/{elsewhere['charge'].pk}/change/").status_code in (302, 404)


def test_a_child_row_pointing_at_another_consortium_is_refused(budget, elsewhere):
    with pytest.raises(ValueError, match="another consortium"):
        BudgetLine.objects.create(consortium=elsewhere["budget"].consortium, budget=budget, kind="spending",
                                  description="x", planned_pence=1)


# --- Roles inside one partnership -------------------------------------------------------------------------

@pytest.fixture
def charged(budget, finance_admin, approver, schools):
    _act, charges = issued_charges(budget, finance_admin, approver)
    return charges


def test_a_representative_sees_only_their_own_schools_charges(client, consortium, budget, charged, rep, schools):
    client.force_login(rep)

    listed = client.get(f"/{consortium.slug}/finance/budgets/{budget.pk}/charges/")
    theirs = next(c for c in charged if c.organisation == schools[1])

    assert [c.organisation for c in listed.context["page"].object_list] == [schools[0]]
    assert client.get(f"/{consortium.slug}/finance/charges/{theirs.pk}/").status_code == 404


def test_open_books_show_every_school_to_the_representative(client, consortium, partnership, budget, charged, rep,
                                                            finance_admin):
    services.finance_settings_update(partnership=partnership, by=finance_admin, year_basis="academic",
                                     open_books=True, free_release_minutes=180)
    client.force_login(rep)

    listed = client.get(f"/{consortium.slug}/finance/budgets/{budget.pk}/charges/")

    assert len(listed.context["page"].object_list) == 5


def test_an_observer_sees_the_totals_but_no_schools_figures(client, consortium, budget, charged, observer):
    client.force_login(observer)

    page = client.get(f"/{consortium.slug}/finance/budgets/{budget.pk}/")
    charges = client.get(f"/{consortium.slug}/finance/budgets/{budget.pk}/charges/")

    assert page.status_code == 200 and "£1,000.00" in page.content.decode()
    assert list(charges.context["page"].object_list) == []


def test_someone_without_a_role_in_the_partnership_is_refused(client, consortium, budget, member):
    client.force_login(member)

    assert client.get(f"/{consortium.slug}/finance/budgets/{budget.pk}/").status_code == 403


@pytest.mark.parametrize("who,status", [("finance_admin", 200), ("approver", 403), ("rep", 403), ("observer", 403),
                                        ("consortium_admin", 200)])
def test_only_those_who_manage_money_open_the_managing_pages(client, consortium, budget, request, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get(f"/{consortium.slug}/finance/budgets/{budget.pk}/activities/new/").status_code == status


def test_an_approver_approves_from_the_list_and_the_raiser_cannot(client, consortium, budget, finance_admin,
                                                                  approver, schools):
    act = activity(budget, finance_admin)
    services.activity_share(activity=act, by=finance_admin)
    drafts = services.activity_charges_raise(activity=act, by=finance_admin)
    url = f"/{consortium.slug}/finance/budgets/{budget.pk}/charges/"

    client.force_login(finance_admin)
    client.post(url, {"charge": [c.pk for c in drafts]})
    assert set(Charge.objects.values_list("status", flat=True)) == {"draft"}

    client.force_login(approver)
    client.post(url, {"charge": [c.pk for c in drafts]})
    assert set(Charge.objects.values_list("status", flat=True)) == {"issued"}


def test_pd_release_and_payments_follow_the_same_rules(client, consortium, partnership, budget, finance_admin, rep,
                                                      consortium_admin, schools):
    services.terms_use_default(consortium=consortium, by=consortium_admin, academic_year=YEAR)
    payment = services.payment_request(budget=budget, by=finance_admin, payee=schools[1], kind="host",
                                       amount_pence=100, description="Hall")
    client.force_login(rep)

    assert client.get(f"/{consortium.slug}/finance/payments/{payment.pk}/").status_code == 404
    assert client.get(f"/{consortium.slug}/finance/partnerships/{partnership.pk}/release/new/").status_code == 403
    assert Payment.objects.count() == 1 and PDDelivery.objects.count() == 0 and Statement.objects.count() == 0
