"""Charges: someone other than the raiser approves them, never someone with an interest in the school; once
issued a charge is never edited, only reversed by a credit note (with a corrected charge if needed)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from finance import services
from finance.models import Charge
from governance.services import standing_interest_add
from partnerships.services import employment_change

from .conftest import activity, issued_charges

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(budget, finance_admin, schools):
    act = activity(budget, finance_admin)
    services.activity_share(activity=act, by=finance_admin)
    return services.activity_charges_raise(activity=act, by=finance_admin)


def test_another_approver_issues_the_draft(drafts, approver):
    charge = services.charge_approve(charge=drafts[0], by=approver)

    assert (charge.status, charge.approved_by, charge.issued_at is not None) == ("issued", approver, True)


def test_the_person_who_raised_a_charge_cannot_approve_it(drafts, finance_admin):
    with pytest.raises(ValidationError, match="someone else must approve"):
        services.charge_approve(charge=drafts[0], by=finance_admin)
    drafts[0].refresh_from_db()
    assert drafts[0].status == "draft"


def test_the_database_refuses_a_charge_approved_by_its_raiser(drafts, finance_admin):
    with pytest.raises(IntegrityError), transaction.atomic():
        Charge.objects.filter(pk=drafts[0].pk).update(status="issued", approved_by=finance_admin,
                                                      issued_at=timezone.now())


def test_an_approver_with_a_standing_interest_in_the_school_is_refused(consortium, drafts, approver):
    standing_interest_add(consortium=consortium, user=approver, interest="My partner is a governor there",
                          organisation=drafts[0].organisation)

    with pytest.raises(ValidationError, match="governor there"):
        services.charge_approve(charge=drafts[0], by=approver)
    services.charge_approve(charge=drafts[1], by=approver)  # another school: no interest


def test_an_ended_interest_no_longer_stands_in_the_way(consortium, drafts, approver):
    from governance.services import standing_interest_end

    interest = standing_interest_add(consortium=consortium, user=approver, interest="Was a governor",
                                     organisation=drafts[0].organisation, since=dt.date(2020, 1, 1))
    standing_interest_end(interest=interest, ended_on=dt.date(2021, 1, 1))

    assert services.charge_approve(charge=drafts[0], by=approver).status == "issued"


def test_an_interest_declared_at_a_meeting_is_refused(partnership, drafts, approver):
    from governance.models import Meeting
    from governance.services import declaration_record

    meeting = Meeting.objects.create(consortium=partnership.consortium, partnership=partnership, title="Spring",
                                     kind="strategic", starts_at=timezone.now(),
                                     ends_at=timezone.now() + dt.timedelta(hours=2))
    declaration_record(meeting=meeting, user=approver, interest="Supplier to the school",
                       organisation=drafts[0].organisation)

    with pytest.raises(ValidationError, match="declared an interest"):
        services.charge_approve(charge=drafts[0], by=approver)


def test_an_approver_who_works_for_the_school_is_refused(consortium, drafts, approver):
    employment_change(consortium=consortium, user=approver, organisation=drafts[0].organisation,
                      started_on=dt.date(2019, 9, 1))

    with pytest.raises(ValidationError, match="you work for"):
        services.charge_approve(charge=drafts[0], by=approver)


def test_a_representative_cannot_approve(drafts, rep):
    with pytest.raises(PermissionDenied):
        services.charge_approve(charge=drafts[0], by=rep)


def test_an_issued_charge_is_never_cancelled_only_credited(budget, finance_admin, approver, schools):
    _act, charges = issued_charges(budget, finance_admin, approver)

    with pytest.raises(ValidationError, match="credit note"):
        services.charge_cancel(charge=charges[0], by=finance_admin)


def test_a_credit_note_reverses_the_charge_once_approved(budget, finance_admin, approver, schools):
    # Given an issued charge
    _act, charges = issued_charges(budget, finance_admin, approver)
    original = charges[0]

    # When it is credited with a corrected charge, and both are approved by someone else
    credit, replacement = services.charge_credit(charge=original, by=finance_admin, reason="Pupil numbers corrected",
                                                 replacement_pence=original.amount_pence - 500)
    credit = services.charge_approve(charge=credit, by=approver)
    replacement = services.charge_approve(charge=replacement, by=approver)

    # Then the original is credited (unchanged), the credit note is its negative, the new charge stands
    original.refresh_from_db()
    assert original.status == "credited" and original.amount_pence == charges[0].amount_pence
    assert (credit.kind, credit.amount_pence, credit.reverses_id) == ("credit_note", -original.amount_pence,
                                                                      original.pk)
    assert (replacement.status, replacement.replaces_id) == ("issued", original.pk)
    with pytest.raises(ValidationError):
        services.charge_credit(charge=original, by=finance_admin, reason="Again")


def test_the_raiser_of_a_credit_note_cannot_approve_it(budget, finance_admin, approver, schools):
    _act, charges = issued_charges(budget, finance_admin, approver)
    credit, _none = services.charge_credit(charge=charges[0], by=finance_admin, reason="Wrong amount")

    with pytest.raises(ValidationError, match="someone else"):
        services.charge_approve(charge=credit, by=finance_admin)


def test_a_paid_charge_credited_leaves_the_school_in_credit(budget, finance_admin, approver, schools):
    from finance.selectors import ledger_for

    _act, charges = issued_charges(budget, finance_admin, approver)
    charge = services.charge_mark_paid(charge=charges[0], by=finance_admin, paid_on=timezone.localdate(),
                                       payment_reference="BACS 1")
    credit, _none = services.charge_credit(charge=charge, by=finance_admin, reason="Activity cancelled")
    services.charge_approve(charge=credit, by=approver)

    ledger = ledger_for(budget, charge.organisation)

    charge.refresh_from_db()
    assert charge.status == "paid"
    assert ledger.balance_pence == -charge.amount_pence


def test_payment_of_a_charge_needs_an_issued_charge_and_a_sensible_date(drafts, finance_admin, approver):
    with pytest.raises(ValidationError, match="Only an issued"):
        services.charge_mark_paid(charge=drafts[0], by=finance_admin, paid_on=timezone.localdate())
    issued = services.charge_approve(charge=drafts[0], by=approver)
    with pytest.raises(ValidationError, match="future"):
        services.charge_mark_paid(charge=issued, by=finance_admin, paid_on=timezone.localdate() + dt.timedelta(days=1))

    paid = services.charge_mark_paid(charge=issued, by=finance_admin, paid_on=timezone.localdate())

    assert paid.status == "paid"


def test_the_schools_representative_records_its_purchase_order_number(drafts, rep, other_rep):
    mine = next(c for c in drafts if c.organisation.name == "Ysgol Gynradd Cwm Glas")

    services.charge_record_purchase_order(charge=mine, by=rep, purchase_order_ref="PO-4471")

    mine.refresh_from_db()
    assert mine.purchase_order_ref == "PO-4471"
    with pytest.raises(PermissionDenied):
        services.charge_record_purchase_order(charge=mine, by=other_rep, purchase_order_ref="PO-1")


def test_approving_several_reports_each_refusal(drafts, approver, consortium):
    standing_interest_add(consortium=consortium, user=approver, interest="Governor",
                          organisation=drafts[0].organisation)

    approved, refused = services.charges_approve(charges=drafts, by=approver)

    assert len(approved) == 4 and [c.pk for c, _reason in refused] == [drafts[0].pk]
