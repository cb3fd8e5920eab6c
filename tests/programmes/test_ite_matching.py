"""The suggested placement matching: fills offers within their places, in the trainee's subject,
with a contrasting second school; says who is left and why; writes nothing until accepted."""

import pytest
from django.core.exceptions import ValidationError

from programmes import matching, services
from programmes.models import Placement

from .ite import YEAR, council, ite_programme, place, school, trainee


@pytest.fixture
def programme(partnership):
    return ite_programme(partnership)


def offer(programme, at, term, places, subject="mathematics"):
    return services.placement_offer_save(programme=programme, school=at, academic_year=YEAR, subject=subject,
                                         term=term, places=places)


@pytest.fixture
def two_kinds(consortium):
    """Two English-medium and two Welsh-medium schools in one county: contrast is the medium."""
    county = council(consortium, "Gwynedd")
    return {"english": [school(consortium, f"English {n}", la=county) for n in (1, 2)],
            "welsh": [school(consortium, f"Welsh {n}", medium="welsh", la=county) for n in (1, 2)]}


def test_every_trainee_gets_two_contrasting_schools_when_places_allow(programme, two_kinds):
    trainees = [trainee(programme) for _ in range(2)]
    for at in two_kinds["english"] + two_kinds["welsh"]:
        offer(programme, at, "autumn", 1)
        offer(programme, at, "spring", 1)

    suggestion = matching.suggest(programme=programme, academic_year=YEAR)

    assert suggestion.left == []
    by_trainee = {}
    for t, sequence, o in suggestion.rows:
        by_trainee.setdefault(t.pk, {})[sequence] = o.school
    assert sorted(by_trainee) == sorted(t.pk for t in trainees)
    for schools in by_trainee.values():
        assert schools[1].language_medium != schools[2].language_medium
    assert Placement.objects.count() == 0


def test_a_trainee_without_a_contrasting_school_left_is_named_with_the_reason(programme, two_kinds):
    trainees = [trainee(programme) for _ in range(2)]
    # Two first places, but only one contrasting second place: one English, one Welsh autumn place,
    # and a single Welsh spring place. Whoever starts in the Welsh school has nowhere to go.
    offer(programme, two_kinds["english"][0], "autumn", 1)
    offer(programme, two_kinds["welsh"][0], "autumn", 1)
    offer(programme, two_kinds["welsh"][1], "spring", 2)

    suggestion = matching.suggest(programme=programme, academic_year=YEAR)

    assert len(suggestion.rows) == 3
    assert [(left.sequence, left.reason) for left in suggestion.left] == [(2, "no_contrast")]
    assert suggestion.left[0].trainee in trainees
    assert "contrasts with Welsh 1" in suggestion.left[0].message


def test_a_subject_nobody_offers_is_the_reason(programme, two_kinds):
    physicist = trainee(programme, subject="physics")
    offer(programme, two_kinds["english"][0], "autumn", 3)

    suggestion = matching.suggest(programme=programme, academic_year=YEAR)

    assert [(left.trainee, left.sequence, left.reason) for left in suggestion.left] == [
        (physicist, 1, "no_offer"), (physicist, 2, "no_offer")]


def test_full_offers_are_the_reason_when_demand_exceeds_places(programme, two_kinds):
    for _ in range(3):
        trainee(programme)
    offer(programme, two_kinds["english"][0], "autumn", 2)
    offer(programme, two_kinds["welsh"][0], "spring", 2)

    suggestion = matching.suggest(programme=programme, academic_year=YEAR)

    assert len(suggestion.rows) == 4
    assert sorted((left.sequence, left.reason) for left in suggestion.left) == [(1, "offers_full"),
                                                                               (2, "offers_full")]


def test_a_placement_already_made_is_kept_and_its_place_counted(programme, two_kinds):
    placed = trainee(programme)
    first = offer(programme, two_kinds["english"][0], "autumn", 1)
    place(placed, two_kinds["english"][0], 1, offer=first)
    offer(programme, two_kinds["english"][1], "spring", 1)
    offer(programme, two_kinds["welsh"][1], "spring", 1)

    suggestion = matching.suggest(programme=programme, academic_year=YEAR)

    assert [(t, s, o.school.name) for t, s, o in suggestion.rows] == [(placed, 2, "Welsh 2")]


def test_assessment_only_and_withdrawn_trainees_are_not_matched(programme, two_kinds):
    trainee(programme, route="assessment_only")
    offer(programme, two_kinds["english"][0], "autumn", 1)

    suggestion = matching.suggest(programme=programme, academic_year=YEAR)

    assert (suggestion.rows, suggestion.left, suggestion.needed) == ([], [], 0)


def test_accepting_writes_every_placement_or_none(programme, two_kinds):
    one, two = trainee(programme), trainee(programme)
    autumn = offer(programme, two_kinds["english"][0], "autumn", 1)
    spring = offer(programme, two_kinds["welsh"][0], "spring", 1)

    # A stale suggestion: both trainees on a one-place offer.
    with pytest.raises(ValidationError):
        services.matching_accept(programme=programme, academic_year=YEAR,
                                 rows=[(one.pk, 1, autumn.pk), (two.pk, 1, autumn.pk)])
    assert Placement.objects.count() == 0

    services.matching_accept(programme=programme, academic_year=YEAR,
                             rows=[(one.pk, 1, autumn.pk), (one.pk, 2, spring.pk)])
    assert list(one.placements.values_list("sequence", "school__name", "status")) == [
        (1, "English 1", "proposed"), (2, "Welsh 1", "proposed")]
