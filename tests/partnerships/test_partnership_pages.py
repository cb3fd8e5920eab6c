"""The partnership directory, the partnership page, editing by chairs and admins, and my partnerships."""

import datetime as dt

import pytest
from django.urls import reverse

from partnerships.models import Organisation, Partnership
from partnerships.services import employment_change, membership_add, membership_leave, partnership_items_replace

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(partnership):
    schools = [Organisation.objects.create(consortium=partnership.consortium, kind="school", name=name,
                                           phase="primary")
               for name in ("Parc Primary School", "Ysgol Gymraeg Bryn Taf", "Llwyncelyn Primary School")]
    memberships = [membership_add(partnership=partnership, organisation=s, joined_on=dt.date(2024, 9, 1))
                   for s in schools]
    membership_leave(membership=memberships[2], left_on=dt.date(2025, 8, 31))
    return schools


def url(name, partnership, *extra):
    return reverse(name, args=[partnership.consortium.slug, partnership.pk, *extra])


def test_the_page_shows_current_and_past_members(client, representative, partnership, members):
    client.force_login(representative)

    page = client.get(url("partnership_detail", partnership)).content.decode()

    current, past = page.split("past member")
    assert "Parc Primary School" in current and "Ysgol Gymraeg Bryn Taf" in current
    assert "Llwyncelyn Primary School" in past


def test_the_page_shows_responsibilities_in_order(client, representative, partnership):
    partnership_items_replace(partnership=partnership, list_kind="responsibility",
                              texts=["Commit to attend meetings", "Read all documents prior to meetings"])
    client.force_login(representative)

    page = client.get(url("partnership_detail", partnership)).content.decode()

    assert page.index("Commit to attend meetings") < page.index("Read all documents prior to meetings")


def test_readers_see_no_edit_links(client, representative, partnership):
    client.force_login(representative)

    page = client.get(url("partnership_detail", partnership)).content.decode()

    assert url("partnership_edit", partnership) not in page
    assert client.get(url("partnership_edit", partnership)).status_code == 403


@pytest.mark.parametrize("editor", ["chair", "consortium_admin"])
def test_chairs_and_admins_edit_settings(client, request, partnership, editor):
    client.force_login(request.getfixturevalue(editor))

    response = client.post(url("partnership_edit", partnership), {
        "name": partnership.name, "kind": "school_improvement", "min_strategic_meetings": 4, "notice_days": 10,
        "quorum_rule": "fraction", "quorum_value": 60, "default_cost_basis": "budget",
        "circulate_notes_to_local_authority": "on",
    })

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.min_strategic_meetings, partnership.notice_days, partnership.quorum_value) == (4, 10, 60)
    assert partnership.circulate_notes_to_local_authority


def test_bad_settings_are_a_400_and_nothing_is_saved(client, chair, partnership):
    client.force_login(chair)

    response = client.post(url("partnership_edit", partnership), {
        "name": partnership.name, "kind": "school_improvement", "min_strategic_meetings": 3, "notice_days": 7,
        "quorum_rule": "fraction", "quorum_value": "", "default_cost_basis": "pupils",
    })

    assert response.status_code == 400
    assert "Give the percentage or number" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.quorum_rule == Partnership.QuorumRule.MAJORITY


def test_a_chair_adds_a_member_and_a_representative(client, chair, partnership, member):
    school = Organisation.objects.create(consortium=partnership.consortium, kind="school", name="Parc Primary")
    client.force_login(chair)

    client.post(url("partnership_membership_add", partnership), {"organisation": school.pk,
                                                                 "joined_on": "2026-09-01"})
    employment_change(consortium=partnership.consortium, user=member, organisation=school)
    response = client.post(url("partnership_role_grant", partnership), {
        "user": member.pk, "role": "representative", "organisation": school.pk})

    assert response.status_code == 302
    assert partnership.roles.get(user=member).organisation == school


def test_a_representative_needs_an_organisation(client, chair, partnership, member):
    school = Organisation.objects.create(consortium=partnership.consortium, kind="school", name="Parc Primary")
    membership_add(partnership=partnership, organisation=school)
    employment_change(consortium=partnership.consortium, user=member, organisation=school)
    client.force_login(chair)

    response = client.post(url("partnership_role_grant", partnership), {"user": member.pk,
                                                                        "role": "representative"})

    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert not partnership.roles.filter(user=member).exists()


def test_another_consortiums_organisation_cannot_be_posted(client, chair, partnership, other_consortium):
    theirs = Organisation.objects.create(consortium=other_consortium, kind="school", name="Elsewhere Primary")
    client.force_login(chair)

    response = client.post(url("partnership_membership_add", partnership), {"organisation": theirs.pk,
                                                                            "joined_on": "2026-09-01"})

    assert response.status_code == 400
    assert not partnership.memberships.exists()


def test_another_consortiums_membership_is_404(client, chair, partnership, other_partnership):
    theirs_org = Organisation.objects.create(consortium=other_partnership.consortium, kind="school", name="X")
    theirs = membership_add(partnership=other_partnership, organisation=theirs_org)
    client.force_login(chair)

    response = client.get(url("partnership_membership_leave", partnership, theirs.pk))

    assert response.status_code == 404


def test_directory_search_and_filters(client, consortium_admin, consortium, partnership, members):
    from ..factories import PartnershipFactory

    PartnershipFactory(consortium=consortium, name="Secondary ITE Partnership", kind="ite")
    client.force_login(consortium_admin)
    base = reverse("partnership_list", args=[consortium.slug])

    by_kind = client.get(base, {"kind": "ite"}).content.decode()
    by_member = client.get(base, {"organisation": members[0].pk}).content.decode()
    by_text = client.get(base, {"q": "secondary"}).content.decode()

    assert "Secondary ITE Partnership" in by_kind and partnership.name not in by_kind
    assert partnership.name in by_member and "Secondary ITE Partnership" not in by_member
    assert "Secondary ITE Partnership" in by_text


def test_directory_exports_csv(client, consortium_admin, consortium, partnership):
    client.force_login(consortium_admin)

    response = client.get(reverse("partnership_list", args=[consortium.slug]), {"format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert partnership.name in response.content.decode()


def test_my_partnerships_spans_consortia(client, representative, partnership, other_partnership):
    from partnerships.services import partnership_role_grant

    partnership_role_grant(partnership=other_partnership, user=representative, role="observer")
    client.force_login(representative)

    page = client.get(reverse("my_partnerships")).content.decode()

    assert partnership.name in page and other_partnership.name in page


def test_change_history_is_visible_to_admins_only(client, consortium_admin, chair, partnership, members):
    client.force_login(chair)
    client.post(url("partnership_edit", partnership), {
        "name": partnership.name, "kind": "school_improvement", "min_strategic_meetings": 5, "notice_days": 7,
        "quorum_rule": "majority", "default_cost_basis": "pupils"})
    assert client.get(url("partnership_history", partnership)).status_code == 403

    client.force_login(consortium_admin)
    page = client.get(url("partnership_history", partnership)).content.decode()

    assert "Minimum strategic meetings a year: 3 → 5" in page
    assert chair.full_name in page
    assert "Llwyncelyn Primary School" in page


def test_history_page_query_count_does_not_grow(client, consortium_admin, partnership, members):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships.services import partnership_update

    client.force_login(consortium_admin)
    client.get(url("partnership_history", partnership))
    with CaptureQueriesContext(connection) as small:
        client.get(url("partnership_history", partnership))

    for n in range(30):
        partnership_update(partnership=partnership, notice_days=8 + n % 5)
    with CaptureQueriesContext(connection) as large:
        client.get(url("partnership_history", partnership))

    assert len(large) == len(small)
