"""A person field of the API accepts only people of the URL's consortium and names nobody it refuses.

An id of someone elsewhere must read exactly like an id of no one: otherwise the API tells
whether an account exists, and whose name it carries.
"""

import datetime as dt

import pytest

from governance import services

from ..factories import UserFactory
from .test_api import api, base

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.governance.api_urls")]

MISSING_ID = 987654321


@pytest.fixture
def stranger(other_partnership):
    """Someone with a role in another consortium only."""
    from partnerships.services import partnership_role_grant

    person = UserFactory(full_name="Gwenllian Stranger")
    partnership_role_grant(partnership=other_partnership, user=person, role="chair")
    return person


def refusal_for(response, person_id):
    """The error body with the id taken out, to compare the answers for two ids."""
    return str(response.json()).replace(str(person_id), "ID")


def test_an_agenda_item_owner_from_another_consortium_reads_as_missing(consortium, meeting, chair, stranger):
    url = base(consortium) + "agenda-items/"

    theirs = api(chair).post(url, {"meeting": meeting.pk, "title": "x", "owner": stranger.pk}, format="json")
    nobody = api(chair).post(url, {"meeting": meeting.pk, "title": "x", "owner": MISSING_ID}, format="json")

    assert theirs.status_code == nobody.status_code == 400
    assert refusal_for(theirs, stranger.pk) == refusal_for(nobody, MISSING_ID)
    assert "Stranger" not in theirs.content.decode()
    assert meeting.agenda_items.count() == 1  # the fixture's "Welcome" only


def test_an_action_owner_cannot_hand_it_to_someone_elsewhere(consortium, partnership, reps, stranger):
    action = services.action_create(partnership=partnership, title="Share the timetable", owner=reps[0],
                                    due_on=dt.date.today() + dt.timedelta(days=30))
    url = base(consortium) + f"actions/{action.pk}/"

    theirs = api(reps[0]).patch(url, {"owner": stranger.pk}, format="json")
    nobody = api(reps[0]).patch(url, {"owner": MISSING_ID}, format="json")

    assert theirs.status_code == nobody.status_code == 400
    assert refusal_for(theirs, stranger.pk) == refusal_for(nobody, MISSING_ID)
    assert "Stranger" not in theirs.content.decode()
    action.refresh_from_db()
    assert action.owner == reps[0]


def test_a_meeting_chair_from_another_consortium_reads_as_missing(consortium, partnership, chair, stranger):
    from .conftest import at

    body = {"partnership": partnership.pk, "title": "API meeting", "kind": "strategic",
            "starts_at": at(20).isoformat(), "ends_at": at(20, 18).isoformat()}

    theirs = api(chair).post(base(consortium) + "meetings/", {**body, "chair": stranger.pk}, format="json")
    nobody = api(chair).post(base(consortium) + "meetings/", {**body, "chair": MISSING_ID}, format="json")

    assert theirs.status_code == nobody.status_code == 400
    assert refusal_for(theirs, stranger.pk) == refusal_for(nobody, MISSING_ID)
    assert "Stranger" not in theirs.content.decode()


def test_someone_in_the_consortium_without_a_role_is_refused_without_being_named(consortium, partnership, meeting,
                                                                                 clerk, member):
    response = api(clerk).post(base(consortium) + "actions/", {
        "partnership": partnership.pk, "meeting": meeting.pk, "title": "Book the hall", "owner": member.pk,
        "due_on": (dt.date.today() + dt.timedelta(days=30)).isoformat()}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["That person holds no role in this partnership."]}
    assert member.full_name not in response.content.decode()
