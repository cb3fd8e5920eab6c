"""The ITE and joint-plan REST API: read-only, scoped like the pages, 404 across consortia."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.services import plans as plan_services

from ..factories import PartnershipFactory, UserFactory
from .ite import YEAR, bulk_trainees, ite_programme, place, school, trainee
from .test_api import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def ite(consortium, partnership):
    programme = ite_programme(partnership)
    alpha, beta = school(consortium, "Alpha", pupils=300), school(consortium, "Beta", pupils=1500)
    mine = trainee(programme, user=UserFactory(full_name="Mine"))
    place(mine, alpha, 1)
    other = trainee(programme, user=UserFactory(full_name="Other"))
    place(other, beta, 1)
    return {"programme": programme, "mine": mine, "other": other, "schools": [alpha, beta]}


def test_an_admin_lists_trainees_with_their_state_and_history(consortium_admin, consortium, ite):
    response = api(consortium_admin).get(f"/api/v1/{consortium.slug}/trainees/")

    assert response.status_code == 200
    rows = {row["full_name"]: row for row in response.json()["results"]}
    assert set(rows) == {"Mine", "Other"}
    assert rows["Mine"]["state"] == "draft"
    assert [h["state"] for h in rows["Mine"]["status_history"]] == ["draft"]


def test_a_trainee_lists_only_themself_and_their_placements(consortium, ite):
    client = api(ite["mine"].user)

    trainees = client.get(f"/api/v1/{consortium.slug}/trainees/").json()["results"]
    placements = client.get(f"/api/v1/{consortium.slug}/placements/").json()["results"]

    assert [t["full_name"] for t in trainees] == ["Mine"]
    assert [p["trainee"] for p in placements] == [ite["mine"].pk]


def test_the_api_is_read_only(consortium_admin, consortium, ite):
    client = api(consortium_admin)

    assert client.post(f"/api/v1/{consortium.slug}/trainees/", {}).status_code == 405
    assert client.delete(f"/api/v1/{consortium.slug}/placements/{ite['mine'].placements.get().pk}/").status_code \
        == 405


def test_another_consortiums_trainee_placement_and_plan_are_404(consortium_admin, consortium, other_partnership):
    theirs = trainee(ite_programme(other_partnership, name="Theirs"))
    their_placement = place(theirs, school(other_partnership.consortium, "Theirs school"), 1)
    plan = plan_services.joint_plan_create(partnership=other_partnership, name="Their plan")
    client = api(consortium_admin)

    for prefix, pk in [("trainees", theirs.pk), ("placements", their_placement.pk), ("joint-plans", plan.pk)]:
        assert client.get(f"/api/v1/{consortium.slug}/{prefix}/{pk}/").status_code == 404, prefix


def test_a_plan_lists_its_projects_status_and_milestone_lateness(consortium_admin, consortium):
    plan = plan_services.joint_plan_create(partnership=PartnershipFactory(consortium=consortium), name="Plan")
    project = plan_services.project_save(plan=plan, name="Comms", overview="O")
    plan_services.milestone_save(project=project, name="Launch", baseline_on=dt.date.today() - dt.timedelta(days=2))

    row = api(consortium_admin).get(f"/api/v1/{consortium.slug}/joint-plans/{plan.pk}/").json()

    assert row["projects"][0]["status"] == "not_started"
    assert (row["projects"][0]["milestones"][0]["lateness_state"],
            row["projects"][0]["milestones"][0]["lateness_days"]) == ("overdue", 2)


def test_the_trainees_list_costs_the_same_for_10_and_200(consortium_admin, consortium, partnership):
    programme = ite_programme(partnership)
    schools = [school(consortium, f"S{n}") for n in range(3)]
    bulk_trainees(programme, schools, 10)
    client = api(consortium_admin)
    address = f"/api/v1/{consortium.slug}/trainees/?academic_year={YEAR}"
    client.get(address)
    with CaptureQueriesContext(connection) as small:
        client.get(address)
    bulk_trainees(programme, schools, 190, start=10)
    with CaptureQueriesContext(connection) as big:
        client.get(address)

    assert len(big) == len(small)
