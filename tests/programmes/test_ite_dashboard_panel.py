"""The "Initial teacher education" panel on the consortium dashboard and on the ITE partnership's
page: for the people who see every trainee only, with trainees by route and by current status
and placements confirmed against needed; its queries do not grow with the trainees."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes import services

from ..conftest import with_mfa
from ..factories import PartnershipFactory, UserFactory
from .ite import YEAR, bulk_trainees, council, ite_programme, place, school, trainee

pytestmark = pytest.mark.django_db

TITLE = "Initial teacher education"


@pytest.fixture
def setup(consortium, partnership):
    programme = ite_programme(partnership)
    county = council(consortium, "Powys")
    alpha = school(consortium, "Alpha High", la=county, pupils=1500)
    beta = school(consortium, "Beta Academy", la=county, pupils=400)
    gamma = school(consortium, "Gamma School", la=county, medium="welsh")
    placed = trainee(programme)  # two confirmed placements in contrasting schools
    for sequence, where in ((1, alpha), (2, beta)):
        services.placement_status_set(placement=place(placed, where, sequence), status="confirmed")
    trainee(programme)  # no placement confirmed yet
    place(trainee(programme, subject="english"), gamma, 1)  # one proposed placement
    trainee(programme, route="assessment_only")  # needs none
    leaver = trainee(programme, route="school_direct_salaried")
    services.placement_status_set(placement=place(leaver, alpha, 1), status="confirmed")
    services.trainee_status_change(trainee=leaver, state="submitted_for_trn", effective_on=dt.date(YEAR, 9, 2))
    services.trainee_status_change(trainee=leaver, state="withdrawn", effective_on=dt.date(YEAR, 10, 1),
                                   reason="does_not_want_to_become_a_teacher", trigger="trainee")
    office = with_mfa(UserFactory())
    services.programme_role_grant(programme=programme, user=office, role="programme_lead")
    tutor = UserFactory()
    services.programme_role_grant(programme=programme, user=tutor, role="ite_tutor")
    school_lead = UserFactory()
    services.programme_role_grant(programme=programme, user=school_lead, role="ite_school_lead", organisation=alpha)
    return {"programme": programme, "office": office, "tutor": tutor, "school_lead": school_lead,
            "trainee": placed, "schools": [alpha, beta, gamma]}


def dashboard(client, person, consortium):
    client.force_login(person)
    page = client.get(reverse("dashboard", args=[consortium.slug]))
    assert page.status_code == 200
    return page


def test_the_office_sees_trainees_by_route_and_status_and_placements_against_needed(client, consortium, setup):
    page = dashboard(client, setup["office"], consortium)

    panel = page.context["panels"]
    summary = next(p for p in panel if p["template"] == "programmes/_panel_ite.html")["summaries"][0]
    assert summary["total"] == 5
    assert dict(summary["by_route"]) == {"PGCE": 3, "School Direct (salaried)": 1, "Assessment Only": 1}
    assert {code: count for code, _label, count in summary["by_state"]} == {"draft": 4, "withdrawn": 1}
    # The withdrawn trainee's confirmed placement and the assessment-only trainee count for nothing.
    assert (summary["trainees_needing"], summary["needed"], summary["confirmed"], summary["met"]) == (3, 6, 2, 1)
    text = page.content.decode()
    assert TITLE in text and "Placements confirmed: 2 of 6 needed." in text
    programme = setup["programme"]
    assert reverse("ite_trainees", args=[consortium.slug, programme.pk]) + f"?year={YEAR}" in text
    assert reverse("ite_board", args=[consortium.slug, programme.pk]) + f"?year={YEAR}" in text


def test_a_tutor_sees_the_figures_without_the_offices_board(client, consortium, setup):
    text = dashboard(client, setup["tutor"], consortium).content.decode()

    assert TITLE in text and "Placements confirmed: 2 of 6 needed." in text
    assert reverse("ite_board", args=[consortium.slug, setup["programme"].pk]) not in text


@pytest.mark.parametrize("who", ["school_lead", "trainee", "member"])
def test_people_who_cannot_see_every_trainee_have_no_panel(client, consortium, setup, who, member):
    person = {"school_lead": setup["school_lead"], "trainee": setup["trainee"].user, "member": member}[who]

    assert TITLE not in dashboard(client, person, consortium).content.decode()


def test_the_office_of_another_consortium_sees_nothing_of_this_one(client, consortium, other_consortium, setup):
    other = ite_programme(PartnershipFactory(consortium=other_consortium, name="Elsewhere ITE"), name="Other ITE")
    stranger = with_mfa(UserFactory())
    services.programme_role_grant(programme=other, user=stranger, role="programme_lead")

    page = dashboard(client, stranger, other_consortium)

    summaries = next(p for p in page.context["panels"] if p["template"] == "programmes/_panel_ite.html")["summaries"]
    assert [s["programme"].pk for s in summaries] == [other.pk]
    assert summaries[0]["total"] == 0


def test_the_panel_is_on_the_ite_partnerships_page_and_not_on_another(client, consortium, partnership, setup,
                                                                      consortium_admin, representative):
    client.force_login(consortium_admin)
    ite_page = client.get(reverse("partnership_detail", args=[consortium.slug, partnership.pk]))
    other = PartnershipFactory(consortium=consortium, name="Secondary improvement")
    other_page = client.get(reverse("partnership_detail", args=[consortium.slug, other.pk]))
    client.force_login(representative)  # a member of the partnership, but no one on the programme
    their_page = client.get(reverse("partnership_detail", args=[consortium.slug, partnership.pk]))

    assert ite_page.status_code == other_page.status_code == their_page.status_code == 200
    assert TITLE in ite_page.content.decode() and "Placements confirmed: 2 of 6 needed." in ite_page.content.decode()
    assert "Placements confirmed" not in other_page.content.decode()
    assert "Placements confirmed" not in their_page.content.decode()


def test_the_panels_queries_do_not_grow_with_the_trainees(client, consortium, setup):
    client.force_login(setup["office"])
    url = reverse("dashboard", args=[consortium.slug])
    bulk_trainees(setup["programme"], setup["schools"], 5)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    bulk_trainees(setup["programme"], setup["schools"], 55, start=5)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)

    assert "Placements confirmed: 2 of 126 needed." in page.content.decode()
    assert len(many) == len(few)
