"""People: the consortium's members with their current employer; admins add them with person_ensure."""

import pytest
from django.contrib.auth import get_user_model

from consortia.models import Membership
from partnerships.models import Employment
from partnerships.services import employment_change

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_shows_their_profile_and_current_employer(admin_api, consortium, member, school):
    employment_change(consortium=consortium, user=member, organisation=school, job_title="Headteacher")

    response = admin_api.get(f"/api/v1/{consortium.slug}/people/{member.pk}/")

    body = response.json()
    assert (body["id"], body["email"]) == (member.pk, "member@taf.cymru")
    assert body["employer"]["id"] == school.pk
    assert body["employer"]["name"] == "Ysgol y Cwm"
    assert body["employer"]["job_title"] == "Headteacher"


def test_an_employer_in_another_consortium_is_not_shown(admin_api, consortium, member, other_consortium,
                                                        other_school):
    from consortia.services import membership_ensure

    membership_ensure(consortium=other_consortium, user=member)
    employment_change(consortium=other_consortium, user=member, organisation=other_school)

    response = admin_api.get(f"/api/v1/{consortium.slug}/people/{member.pk}/")

    assert response.json()["employer"] is None


def test_people_who_left_are_not_listed(admin_api, consortium, member):
    from consortia.services import membership_end

    membership_end(consortium=consortium, user=member)

    listed = admin_api.get(f"/api/v1/{consortium.slug}/people/").json()
    detail = admin_api.get(f"/api/v1/{consortium.slug}/people/{member.pk}/")

    assert member.pk not in [row["id"] for row in listed["results"]]
    assert detail.status_code == 404


def test_an_admin_adds_a_person_with_their_employer(admin_api, consortium, school):
    response = admin_api.post(f"/api/v1/{consortium.slug}/people/", {
        "email": "Athro@Ysgol.Cymru", "full_name": "Rhys Athro", "job_title": "Teacher",
        "preferred_language": "cy", "employer": school.pk,
    })

    assert response.status_code == 201
    person = get_user_model().objects.get(email="athro@ysgol.cymru")
    assert (person.preferred_language, person.has_usable_password()) == ("cy", False)
    assert Membership.objects.filter(consortium=consortium, user=person, is_active=True).exists()
    assert Employment.objects.get(user=person, ended_on__isnull=True).organisation == school
    assert response.json()["employer"]["id"] == school.pk


def test_someone_with_an_account_elsewhere_is_invited_and_nothing_about_them_shown(admin_api, consortium,
                                                                                   other_consortium):
    from consortia.models import Invitation
    from consortia.services import membership_ensure

    existing = UserFactory(email="known@ysgol.cymru", full_name="Their Own Name", job_title="Their own title",
                           preferred_language="cy")
    membership_ensure(consortium=other_consortium, user=existing)

    response = admin_api.post(f"/api/v1/{consortium.slug}/people/",
                              {"email": "Known@Ysgol.Cymru", "full_name": "Our Name For Them"})

    assert response.status_code == 202
    assert response.json() == {
        "email": "known@ysgol.cymru", "invited": True,
        "detail": "This address already has an account, so an invitation has been sent. "
                  "The person joins once they accept it."}
    assert not Membership.objects.filter(consortium=consortium, user=existing).exists()
    assert Invitation.objects.get(consortium=consortium, email="known@ysgol.cymru").status == "pending"
    assert admin_api.get(f"/api/v1/{consortium.slug}/people/{existing.pk}/").status_code == 404
    existing.refresh_from_db()
    assert existing.full_name == "Their Own Name"


def test_an_email_is_required(admin_api, consortium):
    response = admin_api.post(f"/api/v1/{consortium.slug}/people/", {"full_name": "No Address"})

    assert response.status_code == 400
    assert list(response.json()) == ["email"]
