"""The two-school and contrast rules at their boundaries, placement offers' places, and the
trainee's append-only status history (RTT's state machine)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from programmes import services
from programmes.models import TraineeStatusChange
from programmes.selectors import ite as ite_selectors

from .ite import YEAR, council, ite_programme, place, school, trainee


@pytest.fixture
def programme(partnership):
    return ite_programme(partnership)


@pytest.fixture
def county(consortium):
    return council(consortium, "Worcestershire")


def met(t):
    placements = list(t.placements.all())
    profiles = ite_selectors.school_profiles(t.consortium_id, {p.school_id for p in placements}, YEAR)
    return ite_selectors.requirement(t, placements, profiles, ite_selectors.rules_for(t.programme))


def test_one_school_does_not_meet_the_two_school_rule(consortium, programme, county):
    given = trainee(programme)
    place(given, school(consortium, "Alpha", la=county), 1)

    result = met(given)

    assert result == {"needed": 2, "met": False, "message": "too_few_schools", "contrast": [], "schools": 1}


def test_a_second_school_that_differs_in_size_contrasts(consortium, programme, county):
    given = trainee(programme)
    place(given, school(consortium, "Alpha", pupils=599, la=county), 1)
    place(given, school(consortium, "Beta", pupils=600, la=county), 2)

    result = met(given)

    assert result["met"] is True
    assert result["contrast"] == ["size_band"]


def test_a_second_school_alike_by_the_rule_is_refused_without_a_reason(consortium, programme, county):
    given = trainee(programme)
    place(given, school(consortium, "Alpha", pupils=600, la=county), 1)
    alike = school(consortium, "Beta", pupils=1199, la=county, context="rural")  # context is not in the rule

    with pytest.raises(ValidationError) as refused:
        place(given, alike, 2)

    assert "contrast_reason" in refused.value.message_dict
    assert given.placements.count() == 1


def test_a_reason_lets_a_non_contrasting_second_placement_count(consortium, programme, county):
    given = trainee(programme)
    place(given, school(consortium, "Alpha", la=county), 1)
    place(given, school(consortium, "Beta", la=county), 2, contrast_reason="Only Welsh-speaking physics dept")

    result = met(given)

    assert (result["met"], result["message"]) == (True, "contrast_reason")


def test_the_same_school_twice_is_refused(consortium, programme, county):
    given = trainee(programme)
    alpha = school(consortium, "Alpha", la=county)
    place(given, alpha, 1)

    with pytest.raises(ValidationError) as refused:
        place(given, alpha, 2, contrast_reason="anything")

    assert "school" in refused.value.message_dict


def test_an_unrecorded_attribute_never_counts_as_a_contrast(consortium, programme, county):
    given = trainee(programme)
    place(given, school(consortium, "Alpha", medium="", la=county), 1)

    with pytest.raises(ValidationError):
        place(given, school(consortium, "Beta", medium="welsh", la=county), 2)


def test_assessment_only_trainees_need_no_placements(consortium, programme):
    given = trainee(programme, route="assessment_only")

    assert met(given)["met"] is True
    with pytest.raises(ValidationError):
        place(given, school(consortium, "Alpha"), 1)


def test_an_offer_takes_no_more_trainees_than_its_places(consortium, programme, county):
    alpha = school(consortium, "Alpha", la=county)
    offer = services.placement_offer_save(programme=programme, school=alpha, academic_year=YEAR,
                                          subject="mathematics", term="autumn", places=1)
    place(trainee(programme), alpha, 1, offer=offer)

    with pytest.raises(ValidationError) as refused:
        place(trainee(programme), alpha, 1, offer=offer)

    assert "offer" in refused.value.message_dict


def test_an_offer_cannot_drop_below_the_trainees_placed_on_it(consortium, programme, county):
    alpha = school(consortium, "Alpha", la=county)
    offer = services.placement_offer_save(programme=programme, school=alpha, academic_year=YEAR,
                                          subject="mathematics", term="autumn", places=2)
    place(trainee(programme), alpha, 1, offer=offer)

    with pytest.raises(ValidationError):
        services.placement_offer_save(programme=programme, school=alpha, academic_year=YEAR,
                                      subject="mathematics", term="autumn", places=0)


def test_recommendation_for_award_waits_for_two_contrasting_schools(consortium, programme, county):
    given = trainee(programme)
    for state in ("submitted_for_trn", "trn_received"):
        services.trainee_status_change(trainee=given, state=state, effective_on=dt.date(YEAR, 10, 1))
    place(given, school(consortium, "Alpha", la=county), 1)

    with pytest.raises(ValidationError):
        services.trainee_status_change(trainee=given, state="recommended_for_award",
                                       effective_on=dt.date(YEAR + 1, 6, 1))
    place(given, school(consortium, "Beta", medium="welsh", la=county), 2)
    services.trainee_status_change(trainee=given, state="recommended_for_award", effective_on=dt.date(YEAR + 1, 6, 1))

    assert list(given.status_changes.values_list("state", flat=True)) == [
        "draft", "submitted_for_trn", "trn_received", "recommended_for_award"]


def test_a_withdrawal_needs_a_reason_and_who_asked(programme):
    given = trainee(programme)
    services.trainee_status_change(trainee=given, state="submitted_for_trn", effective_on=dt.date(YEAR, 9, 2))

    with pytest.raises(ValidationError) as refused:
        services.trainee_status_change(trainee=given, state="withdrawn", effective_on=dt.date(YEAR, 11, 1))

    assert "reason" in refused.value.message_dict


def test_a_draft_trainee_cannot_be_awarded(programme):
    given = trainee(programme)

    with pytest.raises(ValidationError):
        services.trainee_status_change(trainee=given, state="awarded", effective_on=dt.date(YEAR, 9, 2))


def test_the_status_history_is_never_rewritten(programme):
    given = trainee(programme)
    change = TraineeStatusChange.objects.get(trainee=given)

    with pytest.raises(DatabaseError), transaction.atomic():
        TraineeStatusChange.objects.filter(pk=change.pk).update(state="awarded")
