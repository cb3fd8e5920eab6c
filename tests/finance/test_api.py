"""The finance API: the same scoping, roles and rules as the pages; bad input is a 400, never a 500."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from finance.models import Budget, Charge

from .conftest import YEAR, issued_charges

pytestmark = pytest.mark.django_db


def api(user):
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def base(consortium):
    return f"/api/v1/{consortium.slug}/"


def test_the_finance_administrator_creates_a_budget_and_a_representative_cannot(consortium, partnership,
                                                                                finance_admin, rep, council):
    body = {"partnership": partnership.pk, "year": YEAR, "holder": council.pk}

    refused = api(rep).post(base(consortium) + "budgets/", body, format="json")
    created = api(finance_admin).post(base(consortium) + "budgets/", body, format="json")

    assert refused.status_code == 403
    assert created.status_code == 201 and created.json()["starts_on"] == f"{YEAR}-09-01"
    assert Budget.objects.count() == 1


def test_a_holder_from_another_consortium_is_a_400(consortium, partnership, finance_admin, other_consortium):
    from ..factories import OrganisationFactory

    theirs = OrganisationFactory(consortium=other_consortium)

    response = api(finance_admin).post(base(consortium) + "budgets/", {"partnership": partnership.pk, "year": YEAR,
                                                                       "holder": theirs.pk}, format="json")

    assert response.status_code == 400 and "holder" in response.json()


def test_an_activity_is_shared_and_charged_through_the_api(consortium, budget, finance_admin, approver, schools):
    client = api(finance_admin)
    created = client.post(base(consortium) + "activities/", {
        "budget": budget.pk, "title": "INSET", "kind": "inset", "cost_pence": 100_000, "basis": "pupils",
        "academic_year": YEAR}, format="json")
    activity_id = created.json()["id"]

    shared = client.post(base(consortium) + f"activities/{activity_id}/share/")
    raised = client.post(base(consortium) + f"activities/{activity_id}/raise-charges/")
    own = client.post(base(consortium) + f"charges/{raised.json()['charges'][0]}/approve/")
    other = api(approver).post(base(consortium) + f"charges/{raised.json()['charges'][0]}/approve/")

    assert created.status_code == 201 and shared.status_code == 200
    assert sum(s["amount_pence"] for s in shared.json()["shares"]) == 100_000
    assert own.status_code == 400 and "someone else" in str(own.json())
    assert other.status_code == 200 and other.json()["status"] == "issued"


def test_a_member_without_figures_is_named_in_a_400(consortium, budget, finance_admin, partnership):
    from .conftest import add_schools

    add_schools(partnership, [("Ysgol Heb Ffigurau", None, None)])
    client = api(finance_admin)
    activity_id = client.post(base(consortium) + "activities/", {
        "budget": budget.pk, "title": "Hall", "cost_pence": 100, "basis": "pupils", "academic_year": YEAR},
        format="json").json()["id"]

    response = client.post(base(consortium) + f"activities/{activity_id}/share/")

    assert response.status_code == 400 and "Ysgol Heb Ffigurau" in str(response.json())


def test_a_representative_lists_only_their_own_schools_charges_and_shares(consortium, budget, finance_admin,
                                                                          approver, rep, schools):
    issued_charges(budget, finance_admin, approver)
    client = api(rep)

    charges = client.get(base(consortium) + "charges/").json()["results"]
    shares = client.get(base(consortium) + "shares/").json()["results"]

    assert {c["organisation"] for c in charges} == {schools[0].pk}
    assert {s["organisation"] for s in shares} == {schools[0].pk} and shares[0]["weight"] == 212


def test_a_correction_is_a_credit_note_and_a_new_charge(consortium, budget, finance_admin, approver, schools):
    _act, charges = issued_charges(budget, finance_admin, approver)

    response = api(finance_admin).post(base(consortium) + f"charges/{charges[0].pk}/credit/",
                                       {"reason": "Wrong figures", "replacement_pence": 1000}, format="json")

    assert response.status_code == 201
    assert [(c["kind"], c["amount_pence"]) for c in response.json()] == [
        ("credit_note", -charges[0].amount_pence), ("charge", 1000)]
    assert Charge.objects.get(pk=charges[0].pk).status == "issued"


def test_payments_requested_approved_and_paid(consortium, budget, finance_admin, approver, schools):
    created = api(finance_admin).post(base(consortium) + "payments/", {
        "budget": budget.pk, "payee": schools[0].pk, "kind": "visiting_fellow", "amount_pence": 45_000,
        "description": "VF days"}, format="json")
    payment_id = created.json()["id"]

    approved = api(approver).post(base(consortium) + f"payments/{payment_id}/approve/")
    bad = api(finance_admin).post(base(consortium) + f"payments/{payment_id}/mark-paid/", {"paid_on": "not a date"},
                                  format="json")
    paid = api(finance_admin).post(base(consortium) + f"payments/{payment_id}/mark-paid/",
                                   {"paid_on": f"{YEAR}-10-01", "payment_reference": "R1"}, format="json")

    assert created.status_code == 201 and approved.json()["status"] == "approved"
    assert bad.status_code == 400 and paid.json()["status"] == "paid"


def test_the_budget_summary(consortium, budget, finance_admin, approver, schools):
    issued_charges(budget, finance_admin, approver)

    response = api(finance_admin).get(base(consortium) + f"budgets/{budget.pk}/summary/")

    assert response.status_code == 200 and response.json()["charged_pence"] == 100_000


def test_someone_without_a_role_sees_no_budgets(consortium, budget, member):
    assert api(member).get(base(consortium) + "budgets/").json()["results"] == []
