"""Payments out of the budget: requested, approved by someone else without an interest, paid with a reference."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from finance import services
from governance.services import standing_interest_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def payment(budget, finance_admin, schools):
    return services.payment_request(budget=budget, by=finance_admin, payee=schools[2], kind="visiting_fellow",
                                    amount_pence=45_000, description="Visiting fellow: two days of facilitation")


def test_requested_then_approved_then_paid(payment, approver, finance_admin):
    services.payment_approve(payment=payment, by=approver)

    paid = services.payment_mark_paid(payment=payment, by=finance_admin, paid_on=timezone.localdate(),
                                      payment_reference="REMIT-0042")

    assert (paid.status, paid.approved_by, paid.payment_reference) == ("paid", approver, "REMIT-0042")


def test_the_requester_cannot_approve(payment, finance_admin):
    with pytest.raises(ValidationError, match="someone else"):
        services.payment_approve(payment=payment, by=finance_admin)


def test_an_approver_with_an_interest_in_the_payee_is_refused(consortium, payment, approver):
    standing_interest_add(consortium=consortium, user=approver, interest="My sister is the visiting fellow",
                          organisation=payment.payee)

    with pytest.raises(ValidationError, match="visiting fellow"):
        services.payment_approve(payment=payment, by=approver)


def test_paying_needs_approval_first_and_a_reference(payment, finance_admin, approver):
    with pytest.raises(ValidationError, match="approved"):
        services.payment_mark_paid(payment=payment, by=finance_admin, paid_on=timezone.localdate(),
                                   payment_reference="X")
    services.payment_approve(payment=payment, by=approver)
    with pytest.raises(ValidationError, match="reference"):
        services.payment_mark_paid(payment=payment, by=finance_admin, paid_on=timezone.localdate(),
                                   payment_reference=" ")


def test_a_paid_payment_cannot_be_cancelled(payment, finance_admin, approver):
    services.payment_approve(payment=payment, by=approver)
    services.payment_mark_paid(payment=payment, by=finance_admin, paid_on=timezone.localdate(), payment_reference="R")

    with pytest.raises(ValidationError, match="paid payment"):
        services.payment_cancel(payment=payment, by=finance_admin, reason="Mistake")


def test_a_payment_must_be_above_zero_and_say_what_it_is_for(budget, finance_admin, schools):
    with pytest.raises(ValidationError):
        services.payment_request(budget=budget, by=finance_admin, payee=schools[0], kind="host", amount_pence=0,
                                 description="Hall")
    with pytest.raises(ValidationError):
        services.payment_request(budget=budget, by=finance_admin, payee=schools[0], kind="host", amount_pence=100,
                                 description="  ")


def test_the_visiting_fellows_school_sees_what_it_is_owed(client, consortium, budget, payment, approver, partnership,
                                                          rep, schools):
    from partnerships.services import partnership_role_grant

    from ..factories import UserFactory

    fellow_school_head = UserFactory(email="head@bryntaf.cymru")
    partnership_role_grant(partnership=partnership, user=fellow_school_head, role="representative",
                           organisation=schools[2])
    services.payment_approve(payment=payment, by=approver)
    url = f"/{consortium.slug}/finance/budgets/{budget.pk}/statements/{schools[2].pk}/"

    client.force_login(fellow_school_head)
    owed = client.get(url)
    client.force_login(rep)
    elsewhere = client.get(url)

    assert owed.status_code == 200 and "£450.00" in owed.content.decode()
    assert elsewhere.status_code == 404
