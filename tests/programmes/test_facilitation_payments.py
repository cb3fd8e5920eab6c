"""Paying visiting fellows' facilitation through finance: one payment to the employing school or
trust for its approved records, the hours at the rate to the penny, and each record paid once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from finance import services as finance
from finance.models import Payment
from partnerships.services import employment_change, partnership_role_grant
from programmes import services
from programmes.models import FacilitationRecord

from ..factories import UserFactory
from .conftest import event_on, past

pytestmark = pytest.mark.django_db

RATE = 4381  # £43.81 an hour: 135 minutes is 9,857.25p, so the half-up rounding shows


@pytest.fixture
def finance_admin(partnership):
    user = UserFactory(email="finance@hub.example", full_name="Carys Morgan")
    partnership_role_grant(partnership=partnership, user=user, role="finance_administrator")
    return user


@pytest.fixture
def approver(partnership):
    user = UserFactory(email="chair@hub.example")
    partnership_role_grant(partnership=partnership, user=user, role="chair")
    return user


@pytest.fixture
def budget(partnership, finance_admin, trust):
    return finance.budget_create(partnership=partnership, by=finance_admin, year=2025, holder=trust)


def fellow_at(programme, organisation, email):
    person = UserFactory(email=email, full_name=email.split("@")[0].title())
    services.programme_role_grant(programme=programme, user=person, role="visiting_fellow")
    employment_change(consortium=programme.consortium, user=person, organisation=organisation,
                      started_on=dt.date(2020, 9, 1))
    return person


def approved_records(cohort, fellow, *, days_ago=10):
    """A 60-minute session delivered and a 75-minute briefing attended, both approved."""
    event = event_on(cohort, past(days_ago))
    assignment = services.fellow_assign(event=event, fellow=fellow)
    session = services.delivery_record(assignment=assignment, by=None)
    briefing = services.briefing_schedule(event=event, starts_at=event.starts_at - dt.timedelta(days=10),
                                          duration_minutes=75, online_link="https://teams.example/b", by=None)
    services.briefing_attendance_record(briefing=briefing, fellow=fellow, attended=True, by=None)
    records = [session, FacilitationRecord.objects.get(briefing=briefing)]
    return [services.facilitation_record_decide(record=r, by=None, approve=True) for r in records]


@pytest.fixture
def fellow(ect_programme, trust):
    return fellow_at(ect_programme, trust, "priya@trust.example")


def test_one_payment_to_the_employer_for_the_hours_at_the_rate_half_up(budget, finance_admin, ect_cohort,
                                                                         fellow, trust):
    records = approved_records(ect_cohort, fellow)

    payment = services.facilitation_payment_request(budget=budget, by=finance_admin, records=records,
                                                    hourly_rate_pence=RATE, invoice_ref="TRUST-17")

    assert (payment.payee, payment.kind, payment.amount_pence, payment.status, payment.invoice_ref) == (
        trust, "visiting_fellow", 9857, "requested", "TRUST-17")
    assert set(payment.facilitation_records.values_list("pk", flat=True)) == {r.pk for r in records}
    assert "2.25 hours" in payment.description


def test_a_record_is_paid_once(budget, finance_admin, ect_cohort, fellow):
    records = approved_records(ect_cohort, fellow)
    first = services.facilitation_payment_request(budget=budget, by=finance_admin, records=records,
                                                  hourly_rate_pence=RATE)

    with pytest.raises(ValidationError, match=f"already on payment {first.reference}"):
        services.facilitation_payment_request(budget=budget, by=finance_admin, records=records[:1],
                                              hourly_rate_pence=RATE)
    assert Payment.objects.filter(budget=budget).count() == 1


def test_a_cancelled_payment_lets_its_records_be_paid_again(budget, finance_admin, ect_cohort, fellow):
    records = approved_records(ect_cohort, fellow)
    first = services.facilitation_payment_request(budget=budget, by=finance_admin, records=records,
                                                  hourly_rate_pence=RATE)

    finance.payment_cancel(payment=first, by=finance_admin, reason="Wrong rate")
    again = services.facilitation_payment_request(budget=budget, by=finance_admin, records=records,
                                                  hourly_rate_pence=RATE + 100)

    assert set(FacilitationRecord.objects.filter(pk__in=[r.pk for r in records])
               .values_list("payment", "state")) == {(again.pk, "approved")}


def test_paying_the_payment_marks_its_records_paid(budget, finance_admin, approver, ect_cohort, fellow):
    records = approved_records(ect_cohort, fellow)
    payment = services.facilitation_payment_request(budget=budget, by=finance_admin, records=records,
                                                    hourly_rate_pence=RATE)
    finance.payment_approve(payment=payment, by=approver)

    finance.payment_mark_paid(payment=payment, by=finance_admin, paid_on=timezone.localdate(),
                              payment_reference="BACS-991")

    assert set(FacilitationRecord.objects.filter(pk__in=[r.pk for r in records]).values_list(
        "state", flat=True)) == {"paid"}


def test_approving_alone_does_not_mark_records_paid(budget, finance_admin, approver, ect_cohort, fellow):
    records = approved_records(ect_cohort, fellow)
    payment = services.facilitation_payment_request(budget=budget, by=finance_admin, records=records,
                                                    hourly_rate_pence=RATE)

    finance.payment_approve(payment=payment, by=approver)

    assert set(FacilitationRecord.objects.filter(pk__in=[r.pk for r in records]).values_list(
        "state", flat=True)) == {"approved"}


def test_a_record_on_a_payment_cannot_be_voided(budget, finance_admin, ect_cohort, fellow):
    records = approved_records(ect_cohort, fellow)
    payment = services.facilitation_payment_request(budget=budget, by=finance_admin, records=records,
                                                    hourly_rate_pence=RATE)

    with pytest.raises(ValidationError, match=f"on payment {payment.reference}"):
        services.facilitation_record_decide(record=records[0], by=None, approve=False)


def test_a_pending_record_is_not_paid(budget, finance_admin, ect_cohort, fellow):
    assignment = services.fellow_assign(event=event_on(ect_cohort, past(3)), fellow=fellow)
    pending = services.delivery_record(assignment=assignment, by=None)

    with pytest.raises(ValidationError, match="Only approved records"):
        services.facilitation_payment_request(budget=budget, by=finance_admin, records=[pending],
                                              hourly_rate_pence=RATE)


def test_one_payment_is_for_one_employer(budget, finance_admin, ect_cohort, ect_programme, fellow, schools):
    other = fellow_at(ect_programme, schools[0], "sam@school.example")
    records = approved_records(ect_cohort, fellow) + approved_records(ect_cohort, other, days_ago=12)

    with pytest.raises(ValidationError, match="one school or trust"):
        services.facilitation_payment_request(budget=budget, by=finance_admin, records=records,
                                              hourly_rate_pence=RATE)
    assert not Payment.objects.exists()


def test_a_budget_of_another_partnership_is_refused(consortium, finance_admin, ect_cohort, fellow, trust):
    from ..factories import PartnershipFactory

    elsewhere = PartnershipFactory(consortium=consortium)
    partnership_role_grant(partnership=elsewhere, user=finance_admin, role="finance_administrator")
    budget = finance.budget_create(partnership=elsewhere, by=finance_admin, year=2025, holder=trust)

    with pytest.raises(ValidationError, match="partnership that delivers"):
        services.facilitation_payment_request(budget=budget, by=finance_admin,
                                              records=approved_records(ect_cohort, fellow), hourly_rate_pence=RATE)


def test_another_consortiums_records_are_refused(budget, finance_admin, other_consortium):
    theirs = FacilitationRecord(pk=10**9)

    with pytest.raises(ValidationError, match="not this consortium's"):
        services.facilitation_payment_request(budget=budget, by=finance_admin, records=[theirs],
                                              hourly_rate_pence=RATE)


def test_someone_who_cannot_manage_the_budget_cannot_request(budget, lead, ect_cohort, fellow):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.facilitation_payment_request(budget=budget, by=lead, records=approved_records(ect_cohort, fellow),
                                              hourly_rate_pence=RATE)
    assert not Payment.objects.exists()


def test_the_hub_requests_the_payment_from_the_fellows_page(client, consortium_admin, budget, ect_programme,
                                                           ect_cohort, fellow, trust):
    records = approved_records(ect_cohort, fellow)
    client.force_login(consortium_admin)
    url = f"/{ect_programme.consortium.slug}/programmes/{ect_programme.pk}/fellows/pay/?employer={trust.pk}"

    page = client.get(url)
    response = client.post(url, {"records": [r.pk for r in records], "budget": budget.pk,
                                 "hourly_rate_pence": "43.81", "invoice_ref": ""})

    assert trust.name in page.content.decode()
    assert page.content.decode().count('type="checkbox"') == len(records)
    payment = Payment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/finance/payments/{payment.pk}/")
    assert payment.amount_pence == 9857


def test_a_programme_lead_without_a_finance_role_is_sent_to_the_finance_administrator(client, lead, budget,
                                                                                      ect_programme, ect_cohort,
                                                                                      fellow, trust):
    approved_records(ect_cohort, fellow)
    client.force_login(lead)
    url = f"/{ect_programme.consortium.slug}/programmes/{ect_programme.pk}/fellows/pay/?employer={trust.pk}"

    page = client.get(url)
    client.post(url, {"budget": budget.pk, "hourly_rate_pence": "43.81"})

    assert "finance administrator" in page.content.decode()
    assert not Payment.objects.exists()


def test_the_pay_page_of_another_consortiums_programme_is_404(client, other_admin, ect_programme):
    client.force_login(other_admin)

    response = client.get(f"/{ect_programme.consortium.slug}/programmes/{ect_programme.pk}/fellows/pay/")

    assert response.status_code == 404


def test_the_fellows_page_links_each_record_to_its_payment(client, consortium_admin, budget, finance_admin,
                                                          ect_programme, ect_cohort, fellow):
    records = approved_records(ect_cohort, fellow)
    payment = services.facilitation_payment_request(budget=budget, by=finance_admin, records=records,
                                                    hourly_rate_pence=RATE)
    client.force_login(consortium_admin)

    page = client.get(f"/{ect_programme.consortium.slug}/programmes/{ect_programme.pk}/fellows/").content.decode()

    assert page.count(f"/finance/payments/{payment.pk}/") == 2
