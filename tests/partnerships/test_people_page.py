"""The People page says what each person does: their roles, in which partnership, and where they work."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.services import consortium_role_grant
from partnerships.models import Organisation
from partnerships.services import employment_change, membership_add, partnership_role_grant, person_add

from ..factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def add_heads(consortium, count, start=0):
    for n in range(start, start + count):
        partnership = PartnershipFactory(consortium=consortium)
        school = Organisation.objects.create(consortium=consortium, kind="school", name=f"Ysgol {n}",
                                             name_cy=f"Ysgol Gymraeg {n}")
        membership_add(partnership=partnership, organisation=school)
        head = person_add(consortium=consortium, email=f"head{n}@ysgol.cymru", full_name=f"Head {n}").user
        employment_change(consortium=consortium, user=head, organisation=school, job_title="Headteacher")
        partnership_role_grant(partnership=partnership, user=head, role="representative", organisation=school)
        partnership_role_grant(partnership=partnership, user=head, role="chair")


def test_each_person_shows_their_roles_partnerships_and_school(client, consortium, partnership, consortium_admin):
    school = Organisation.objects.create(consortium=consortium, kind="school", name="Ysgol y Cwm")
    membership_add(partnership=partnership, organisation=school)
    head = person_add(consortium=consortium, email="rhian@ysgolycwm.cymru", full_name="Rhian Davies").user
    employment_change(consortium=consortium, user=head, organisation=school, job_title="Headteacher")
    partnership_role_grant(partnership=partnership, user=head, role="representative", organisation=school)
    consortium_role_grant(consortium=consortium, user=head, role="consortium_admin")
    client.force_login(consortium_admin)

    page = client.get(reverse("people", args=[consortium.slug])).content.decode()

    row = page.split("Rhian Davies", 1)[1].split("</tr>", 1)[0]
    assert "Ysgol y Cwm" in row and "Headteacher" in row
    assert "Consortium admin" in row
    assert "Member representative" in row and "Primary School Improvement Partnership" in row
    assert "for Ysgol y Cwm" in row


def test_someone_without_a_role_says_so(client, consortium, member, consortium_admin):
    client.force_login(consortium_admin)

    page = client.get(reverse("people", args=[consortium.slug])).content.decode()

    assert "No role yet" in page.split(member.full_name, 1)[1].split("</tr>", 1)[0]


def test_welsh_readers_see_the_schools_welsh_names(client, consortium, consortium_admin):
    add_heads(consortium, 1)
    consortium_admin.preferred_language = "cy"
    consortium_admin.save(update_fields=["preferred_language"])
    client.force_login(consortium_admin)

    page = client.get(reverse("people", args=[consortium.slug])).content.decode()

    assert "Ysgol Gymraeg 0" in page


def queries_for(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_queries_for_5_people_or_40(client, consortium, consortium_admin):
    client.force_login(consortium_admin)
    add_heads(consortium, 5)
    url = reverse("people", args=[consortium.slug])
    small = queries_for(client, url)

    add_heads(consortium, 35, start=5)
    large = queries_for(client, url)

    assert large == small
    assert small <= 16
