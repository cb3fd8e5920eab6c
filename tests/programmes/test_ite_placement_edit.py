"""Changing a placement (dates, school, mentor, tutor) through services.placement_edit: the rules
are checked again, a reason is asked for when the contrast fails, every version is kept, the page
is the office's (RUN) and another consortium's placement is 404."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programmes import services
from programmes.models import Placement

from ..conftest import with_mfa
from ..factories import UserFactory
from .ite import YEAR, council, ite_programme, place, school, trainee

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(consortium, partnership):
    programme = ite_programme(partnership)
    county = council(consortium, "Powys")
    large = school(consortium, "Large High", la=county, pupils=1500)
    small = school(consortium, "Small Academy", la=county, pupils=400)
    also_small = school(consortium, "Other Small", la=county, pupils=450)  # alike Small Academy by the rule
    given = trainee(programme, user=UserFactory(full_name="Tomos Trainee"))
    first = place(given, large, 1)
    second = place(given, small, 2)
    office = UserFactory(full_name="Olwen Office")
    services.programme_role_grant(programme=programme, user=office, role="programme_lead")
    office.refresh_from_db()
    return {"programme": programme, "trainee": given, "first": first, "second": second, "large": large,
            "small": small, "also_small": also_small, "office": with_mfa(office)}


def test_new_dates_are_saved_and_the_old_version_kept(setup):
    second = setup["second"]
    services.placement_edit(placement=second, by=setup["office"], reason="School asked for a later start",
                            starts_on=dt.date(YEAR + 1, 1, 19), ends_on=dt.date(YEAR + 1, 3, 20))

    second.refresh_from_db()
    assert (second.starts_on, second.ends_on) == (dt.date(YEAR + 1, 1, 19), dt.date(YEAR + 1, 3, 20))
    versions = list(second.history.order_by("history_date"))
    assert [v.starts_on for v in versions] == [dt.date(YEAR + 1, 1, 12), dt.date(YEAR + 1, 1, 19)]
    assert versions[-1].history_change_reason == "School asked for a later start"
    assert versions[-1].history_user == setup["office"]


def test_dates_out_of_order_are_refused_and_nothing_changes(setup):
    second = setup["second"]
    with pytest.raises(ValidationError):
        services.placement_edit(placement=second, starts_on=dt.date(YEAR + 1, 3, 1), ends_on=dt.date(YEAR + 1, 2, 1))
    second.refresh_from_db()
    assert second.starts_on == dt.date(YEAR + 1, 1, 12)
    assert second.history.count() == 1


def test_a_second_school_alike_the_first_asks_for_a_reason(setup):
    second = setup["second"]
    # Moving the first placement to a school alike the second: no contrast left.
    with pytest.raises(ValidationError) as refused:
        services.placement_edit(placement=setup["first"], school=setup["also_small"])
    assert "contrast_reason" in refused.value.message_dict

    services.placement_edit(placement=setup["first"], school=setup["also_small"],
                            contrast_reason="Only Welsh-medium maths department in reach")
    second.refresh_from_db()
    assert second.contrast_reason == "Only Welsh-medium maths department in reach"
    assert Placement.objects.get(pk=setup["first"].pk).school == setup["also_small"]


def test_a_second_placement_moved_to_an_alike_school_needs_the_reason(setup):
    services.placement_edit(placement=setup["second"], school=setup["also_small"],
                            contrast_reason="")
    # Large High vs Other Small still contrast (size): accepted without a reason.
    assert Placement.objects.get(pk=setup["second"].pk).school == setup["also_small"]
    with pytest.raises(ValidationError) as refused:
        services.placement_edit(placement=setup["second"], school=setup["large"])
    assert "school" in refused.value.message_dict  # the same school as the first


def test_the_first_cannot_move_to_the_second_placements_school(setup):
    with pytest.raises(ValidationError) as refused:
        services.placement_edit(placement=setup["first"], school=setup["small"])
    assert "school" in refused.value.message_dict
    assert Placement.objects.get(pk=setup["first"].pk).school == setup["large"]


def test_the_office_changes_a_placement_on_its_page(client, consortium, setup):
    client.force_login(setup["office"])
    page_url = reverse("ite_placement_edit", args=[consortium.slug, setup["second"].pk])

    assert client.get(page_url).status_code == 200
    refused = client.post(page_url, {"school": setup["small"].pk, "starts_on": "2027-03-01",
                                     "ends_on": "2027-02-01"})
    assert refused.status_code == 400
    done = client.post(page_url, {"school": setup["small"].pk, "starts_on": "2027-01-19", "ends_on": "2027-03-20",
                                  "reason": "Later start"})
    assert done.status_code == 302
    assert Placement.objects.get(pk=setup["second"].pk).starts_on == dt.date(2027, 1, 19)
    history = client.get(page_url).content.decode()
    assert "Later start" in history and "Olwen Office" in history


def test_a_trainee_cannot_change_their_placement(client, consortium, setup):
    client.force_login(setup["trainee"].user)
    assert client.get(reverse("ite_placement_edit", args=[consortium.slug, setup["second"].pk])).status_code == 403


def test_another_consortiums_placement_is_404(client, other_consortium, other_admin, setup):
    client.force_login(with_mfa(other_admin))
    assert client.get(reverse("ite_placement_edit", args=[other_consortium.slug, setup["second"].pk])).status_code \
        == 404
