"""A costed activity's cost is shared on its own basis, from each school's figures for the year, to the penny."""

import pytest
from django.core.exceptions import ValidationError

from finance import services
from finance.models import Charge, CostShare, ShareCalculation
from partnerships.services import organisation_year_record

from .conftest import YEAR, activity, add_schools, issued_charges

pytestmark = pytest.mark.django_db


def shares_by_name(calculation):
    return {s.organisation.name: s.amount_pence for s in calculation.shares.select_related("organisation")}


def test_an_activity_is_shared_by_default_between_the_current_members(budget, finance_admin, schools):
    act = activity(budget, finance_admin)

    assert sorted(m.organisation.name for m in act.members.all()) == sorted(s.name for s in schools)


def test_shares_by_pupil_numbers_add_up_and_record_how_they_were_worked_out(budget, finance_admin, schools):
    # Given £1,000 shared by pupils (212, 346, 289, 158, 127 = 1,132 pupils)
    act = activity(budget, finance_admin, cost_pence=100_000, basis="pupils")

    # When it is shared
    calculation = services.activity_share(activity=act, by=finance_admin)

    # Then every share is its proportion to the penny, they add up, and each keeps its weight and source
    assert shares_by_name(calculation) == {
        "Ysgol Gynradd Cwm Glas": 18728, "Parc Primary School": 30565, "Ysgol Gymraeg Bryn Taf": 25530,
        "St Illtyd's RC Primary School": 13958, "Llwyncelyn Primary School": 11219}
    assert sum(shares_by_name(calculation).values()) == 100_000
    share = calculation.shares.get(organisation=schools[1])
    assert (share.weight, share.source_year.pupils, share.source_academic_year) == (346, 346, YEAR)
    assert calculation.total_weight == 1132 and calculation.algorithm == "largest-remainder/1"


def test_shares_by_school_budget_use_the_budget_in_pence(budget, finance_admin, schools):
    act = activity(budget, finance_admin, cost_pence=960_000, basis="budget")

    calculation = services.activity_share(activity=act, by=finance_admin)

    assert sum(shares_by_name(calculation).values()) == 960_000
    assert calculation.shares.get(organisation=schools[0]).weight == 104_350_000
    assert shares_by_name(calculation)["Parc Primary School"] == 280_296


def test_equal_shares_hand_the_odd_pence_to_the_first_schools_by_key(budget, finance_admin, schools):
    act = activity(budget, finance_admin, cost_pence=100_003, basis="equal")

    shares = sorted(services.activity_share(activity=act, by=finance_admin).shares.values_list(
        "organisation_id", "amount_pence"))

    assert [amount for _org, amount in shares] == [20001, 20001, 20001, 20000, 20000]


def test_fixed_amounts_must_add_up_to_the_cost(budget, finance_admin, schools):
    act = activity(budget, finance_admin, cost_pence=10_000, basis="fixed")
    services.activity_members_set(activity=act, by=finance_admin, organisations=schools[:2],
                                  fixed_pence={schools[0].pk: 6_000, schools[1].pk: 3_999})

    with pytest.raises(ValidationError, match="must match to the penny"):
        services.activity_share(activity=act, by=finance_admin)

    services.activity_members_set(activity=act, by=finance_admin, organisations=schools[:2],
                                  fixed_pence={schools[0].pk: 6_000, schools[1].pk: 4_000})
    assert shares_by_name(services.activity_share(activity=act, by=finance_admin)) == {
        schools[0].name: 6_000, schools[1].name: 4_000}


def test_a_member_without_the_figure_is_named_not_given_nothing(budget, finance_admin, partnership, schools):
    # Given a new member with no pupil numbers for the year
    add_schools(partnership, [("Ysgol Newydd", None, "500000.00")])
    act = activity(budget, finance_admin, basis="pupils")

    # When the cost is shared, Then the error names it and nothing is saved
    with pytest.raises(ValidationError, match="Ysgol Newydd"):
        services.activity_share(activity=act, by=finance_admin)
    assert not ShareCalculation.objects.filter(activity=act).exists()


def test_a_school_with_zero_pupils_gets_a_zero_share_and_no_charge(budget, finance_admin, schools):
    organisation_year_record(organisation=schools[4], academic_year=YEAR, pupils=0, budget=None)
    act = activity(budget, finance_admin, basis="pupils")
    services.activity_share(activity=act, by=finance_admin)

    charges = services.activity_charges_raise(activity=act, by=finance_admin)

    assert CostShare.objects.get(organisation=schools[4]).amount_pence == 0
    assert schools[4].pk not in {c.organisation_id for c in charges} and len(charges) == 4


def test_every_figure_zero_is_a_clear_error(budget, finance_admin, schools):
    act = activity(budget, finance_admin, basis="pupils")
    services.activity_members_set(activity=act, by=finance_admin, organisations=[schools[0]])
    organisation_year_record(organisation=schools[0], academic_year=YEAR, pupils=0, budget=None)

    with pytest.raises(ValidationError, match="nothing to share"):
        services.activity_share(activity=act, by=finance_admin)


def test_re_sharing_before_issue_keeps_the_old_calculation_and_cancels_its_drafts(budget, finance_admin, schools):
    # Given shares with draft charges raised
    act = activity(budget, finance_admin, basis="pupils")
    first = services.activity_share(activity=act, by=finance_admin)
    drafts = services.activity_charges_raise(activity=act, by=finance_admin)

    # When a figure is corrected and the cost shared again
    organisation_year_record(organisation=schools[0], academic_year=YEAR, pupils=300, budget=None)
    second = services.activity_share(activity=act, by=finance_admin)

    # Then the new calculation is current, the old one stays as history, its drafts are cancelled
    first.refresh_from_db()
    assert (second.number, second.is_current, first.is_current) == (2, True, False)
    assert set(Charge.objects.filter(pk__in=[c.pk for c in drafts]).values_list("status", flat=True)) == {"cancelled"}
    assert second.shares.get(organisation=schools[0]).weight == 300


def test_after_charges_are_issued_the_shares_cannot_change(budget, finance_admin, approver, schools):
    act, _charges = issued_charges(budget, finance_admin, approver)

    with pytest.raises(ValidationError, match="credit note"):
        services.activity_share(activity=act, by=finance_admin)
    with pytest.raises(ValidationError, match="credit note"):
        services.activity_update(activity=act, by=finance_admin, cost_pence=200_000)
    with pytest.raises(ValidationError, match="credit note"):
        services.activity_members_set(activity=act, by=finance_admin, organisations=schools[:2])
    services.activity_update(activity=act, by=finance_admin, title="Joint INSET day (spring)")


def test_changing_the_cost_before_issue_retires_the_shares(budget, finance_admin, schools):
    act = activity(budget, finance_admin)
    services.activity_share(activity=act, by=finance_admin)

    services.activity_update(activity=act, by=finance_admin, cost_pence=150_000)

    assert not ShareCalculation.objects.filter(activity=act, is_current=True).exists()


def test_charges_are_raised_once_from_the_shares(budget, finance_admin, schools):
    act = activity(budget, finance_admin)
    services.activity_share(activity=act, by=finance_admin)
    charges = services.activity_charges_raise(activity=act, by=finance_admin)

    with pytest.raises(ValidationError, match="already been raised"):
        services.activity_charges_raise(activity=act, by=finance_admin)
    assert sum(c.amount_pence for c in charges) == 100_000
    assert sorted(c.number for c in charges) == [1, 2, 3, 4, 5]


def test_a_representative_cannot_share_or_charge(budget, finance_admin, rep, schools):
    from django.core.exceptions import PermissionDenied

    act = activity(budget, finance_admin)

    with pytest.raises(PermissionDenied):
        services.activity_share(activity=act, by=rep)


def test_every_share_change_is_in_the_history(budget, finance_admin, schools):
    act = activity(budget, finance_admin)
    calculation = services.activity_share(activity=act, by=finance_admin)

    share = calculation.shares.first()

    assert share.history.count() == 1 and share.history.first().history_user == finance_admin
    assert act.history.first().history_user == finance_admin
