"""People: one profile across consortia, employer changes recorded with dates, year figures kept."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Employment, Organisation
from partnerships.services import employment_change, organisation_year_record, person_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(consortium):
    return [Organisation.objects.create(consortium=consortium, kind="school", name=name)
            for name in ("Parc Primary School", "Maes-y-Coed Primary School")]


def test_a_change_of_employer_is_recorded_not_overwritten(consortium, schools):
    person = person_add(consortium=consortium, email="rhian@ysgol.cymru", full_name="Rhian Davies").user
    employment_change(consortium=consortium, user=person, organisation=schools[0], job_title="Deputy head",
                      started_on=dt.date(2020, 9, 1))

    employment_change(consortium=consortium, user=person, organisation=schools[1], job_title="Headteacher",
                      started_on=dt.date(2025, 1, 6))

    history = list(Employment.objects.filter(user=person).order_by("started_on"))
    assert [(e.organisation, e.ended_on) for e in history] == [(schools[0], dt.date(2025, 1, 6)),
                                                              (schools[1], None)]


def test_a_new_post_cannot_start_before_the_current_one(consortium, schools):
    person = person_add(consortium=consortium, email="rhian@ysgol.cymru").user
    employment_change(consortium=consortium, user=person, organisation=schools[0], started_on=dt.date(2024, 9, 1))

    with pytest.raises(ValidationError):
        employment_change(consortium=consortium, user=person, organisation=schools[1],
                          started_on=dt.date(2023, 9, 1))


def test_one_profile_across_consortia_which_another_consortium_joins_by_invitation(consortium, other_consortium):
    from consortia.models import Invitation, Membership

    first = person_add(consortium=consortium, email="Rhian@Ysgol.Cymru", full_name="Rhian Davies",
                       language="cy").user

    again = person_add(consortium=other_consortium, email="rhian@ysgol.cymru", full_name="R. Davies",
                       language="en")

    assert again.user is None
    assert again.invitation.email == first.email and again.invitation.consortium == other_consortium
    assert not Membership.objects.filter(consortium=other_consortium, user=first).exists()
    first.refresh_from_db()
    assert first.full_name == "Rhian Davies" and first.preferred_language == "cy"
    assert person_add(consortium=other_consortium, email="rhian@ysgol.cymru").invitation == again.invitation
    assert Invitation.objects.filter(consortium=other_consortium).count() == 1


def test_a_member_s_empty_profile_is_filled_in(consortium):
    first = person_add(consortium=consortium, email="rhian@ysgol.cymru").user

    again = person_add(consortium=consortium, email="rhian@ysgol.cymru", full_name="Rhian Davies")

    assert again.user == first
    first.refresh_from_db()
    assert first.full_name == "Rhian Davies"


def test_year_figures_keep_earlier_years(consortium, schools):
    organisation_year_record(organisation=schools[0], academic_year=2025, pupils=340, budget=Decimal("1590300"))

    organisation_year_record(organisation=schools[0], academic_year=2026, pupils=352, budget=Decimal("1620000"))
    organisation_year_record(organisation=schools[0], academic_year=2026, pupils=355, budget=Decimal("1625000"))

    figures = {y.academic_year: (y.pupils, y.budget) for y in schools[0].years.all()}
    assert figures == {2025: (340, Decimal("1590300.00")), 2026: (355, Decimal("1625000.00"))}


def test_a_profile_change_is_made_once(client, consortium, other_consortium, representative):
    from consortia.services import membership_ensure

    membership_ensure(consortium=other_consortium, user=representative)
    client.force_login(representative)

    client.post("/me/", {"full_name": "Rhian Davies-Jones", "preferred_language": "cy"})

    representative.refresh_from_db()
    assert representative.full_name == "Rhian Davies-Jones"
