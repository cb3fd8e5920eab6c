"""What the office, tutors, school mentors, schools' ITE leads and trainees see on the ITE pages;
another consortium's rows are 404; the trainees list and placement board cost the same number
of queries for 10 trainees as for 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes import services

from ..conftest import with_mfa
from ..factories import UserFactory
from .ite import YEAR, bulk_trainees, council, ite_programme, place, school, trainee

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(consortium, partnership):
    programme = ite_programme(partnership)
    county = council(consortium, "Herefordshire")
    alpha = school(consortium, "Alpha High", la=county, pupils=1500)
    beta = school(consortium, "Beta Academy", la=county, pupils=400)
    gamma = school(consortium, "Gamma School", la=county, medium="welsh")
    mentor_user = UserFactory(full_name="Mair Mentor")
    mentor = services.mentor_save(programme=programme, user=mentor_user, school=alpha, subjects=["mathematics"])
    placed = trainee(programme, user=UserFactory(full_name="Tomos Trainee"))
    place(placed, alpha, 1, mentor=mentor)
    place(placed, beta, 2)
    elsewhere = trainee(programme, user=UserFactory(full_name="Gwen Elsewhere"))
    place(elsewhere, gamma, 1)
    office = UserFactory(full_name="Olwen Office")
    services.programme_role_grant(programme=programme, user=office, role="programme_lead")
    tutor = UserFactory()
    services.programme_role_grant(programme=programme, user=tutor, role="ite_tutor")
    school_lead = UserFactory()
    services.programme_role_grant(programme=programme, user=school_lead, role="ite_school_lead", organisation=alpha)
    office.refresh_from_db()
    return {"programme": programme, "placed": placed, "elsewhere": elsewhere, "mentor": mentor_user,
            "office": with_mfa(office), "tutor": tutor, "school_lead": school_lead, "schools": [alpha, beta, gamma]}


def url(name, consortium, pk):
    return reverse(name, args=[consortium.slug, pk])


@pytest.mark.parametrize("who", ["office", "tutor"])
def test_the_office_and_tutors_see_every_trainee_and_whether_their_schools_contrast(client, consortium, setup, who):
    client.force_login(setup[who])

    page = client.get(url("ite_trainees", consortium, setup["programme"].pk) + f"?year={YEAR}")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Tomos Trainee" in text and "Gwen Elsewhere" in text
    assert "Contrasting schools" in text and "Needs two schools" in text
    assert "1 of 2 trainees needing placements have two contrasting schools." in text


def test_a_schools_ite_lead_sees_only_the_trainees_placed_with_them(client, consortium, setup):
    client.force_login(setup["school_lead"])

    page = client.get(url("ite_trainees", consortium, setup["programme"].pk) + f"?year={YEAR}")

    assert page.status_code == 200
    assert "Tomos Trainee" in page.content.decode()
    assert "Gwen Elsewhere" not in page.content.decode()
    assert client.get(url("ite_trainee", consortium, setup["elsewhere"].pk)).status_code == 403
    assert client.get(url("ite_board", consortium, setup["programme"].pk)).status_code == 403


def test_a_trainee_sees_their_placements_mentor_and_tutor_and_no_one_elses(client, consortium, setup):
    client.force_login(setup["placed"].user)

    mine = client.get(reverse("ite_me", args=[consortium.slug]))

    assert mine.status_code == 200
    assert "Alpha High" in mine.content.decode() and "Mair Mentor" in mine.content.decode()
    assert client.get(url("ite_trainee", consortium, setup["placed"].pk)).status_code == 200
    assert client.get(url("ite_trainee", consortium, setup["elsewhere"].pk)).status_code == 403
    assert client.get(url("ite_trainees", consortium, setup["programme"].pk)).status_code == 403


def test_a_school_mentor_sees_the_trainee_they_mentor(client, consortium, setup):
    client.force_login(setup["mentor"])

    page = client.get(reverse("ite_me", args=[consortium.slug]))

    assert "Tomos Trainee" in page.content.decode() and "Gwen Elsewhere" not in page.content.decode()


def test_only_the_office_arranges_placements_and_runs_the_matching(client, consortium, setup):
    client.force_login(setup["tutor"])

    assert client.get(url("ite_placement_create", consortium, setup["elsewhere"].pk)).status_code == 403
    assert client.get(url("ite_board", consortium, setup["programme"].pk)).status_code == 403
    assert client.post(url("ite_board", consortium, setup["programme"].pk), {"row": ["1-1-1"]}).status_code == 403


def test_the_office_is_asked_for_a_reason_when_the_second_school_does_not_contrast(client, consortium, setup):
    gamma = setup["schools"][2]
    alike = school(consortium, "Ysgol Debyg", la=gamma.local_authority, medium="welsh", pupils=1000)
    client.force_login(setup["office"])
    form = {"school": alike.pk, "sequence": 2, "term": "spring", "starts_on": f"{YEAR + 1}-01-12",
            "ends_on": f"{YEAR + 1}-03-27"}
    address = url("ite_placement_create", consortium, setup["elsewhere"].pk)

    refused = client.post(address, form)
    accepted = client.post(address, {**form, "contrast_reason": "The only Welsh-medium maths department nearby"})

    assert refused.status_code == 400
    assert "does not contrast with Gamma School" in refused.content.decode()
    assert accepted.status_code == 302
    assert setup["elsewhere"].placements.count() == 2


def test_the_board_shows_a_suggestion_and_who_is_left(client, consortium, setup):
    alpha, beta, gamma = setup["schools"]
    services.placement_offer_save(programme=setup["programme"], school=beta, academic_year=YEAR,
                                  subject="mathematics", term="spring", places=1)
    client.force_login(setup["office"])

    page = client.get(url("ite_board", consortium, setup["programme"].pk) + f"?year={YEAR}&suggest=1")

    text = page.content.decode()
    assert page.status_code == 200
    assert "Gwen Elsewhere" in text and "Beta Academy" in text
    assert "Who is left, and why" not in text


def test_another_consortiums_trainee_and_programme_are_404(client, other_consortium, other_partnership, consortium,
                                                           consortium_admin):
    theirs = ite_programme(other_partnership, name="Theirs")
    their_trainee = trainee(theirs)
    client.force_login(consortium_admin)

    for name, pk in [("ite_trainees", theirs.pk), ("ite_board", theirs.pk), ("ite_trainee", their_trainee.pk),
                     ("ite_trainee_status", their_trainee.pk), ("ite_placement_create", their_trainee.pk),
                     ("ite_mentors", theirs.pk), ("ite_offer_save", theirs.pk)]:
        assert client.get(url(name, consortium, pk)).status_code == 404, name


def queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", ["ite_trainees", "ite_board"])
def test_the_trainees_list_and_board_cost_the_same_for_10_and_500_trainees(client, consortium, partnership,
                                                                          consortium_admin, page):
    programme = ite_programme(partnership)
    schools = [school(consortium, f"School {n}", pupils=300 + 200 * n) for n in range(6)]
    for n, at in enumerate(schools):
        services.placement_offer_save(programme=programme, school=at, academic_year=YEAR, subject="mathematics",
                                      term="autumn", places=n + 1)
    bulk_trainees(programme, schools, 10)
    address = url(page, consortium, programme.pk) + f"?year={YEAR}"
    client.force_login(consortium_admin)
    client.get(address)

    small = queries(client, address)
    bulk_trainees(programme, schools, 490, start=10)
    big = queries(client, address)

    assert big == small <= 12, f"{page}: {small} queries for 10 trainees, {big} for 500"
