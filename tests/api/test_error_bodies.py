"""The API's refusals say what is wrong, in JSON: the missing permission or second factor, the reason a
step is refused, and a 404 for any address no route matches."""

import datetime as dt

import pytest

from consortia.services import consortium_role_grant
from governance import services as governance

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

MFA = "Set up two-factor authentication in your profile before using the API."


def test_a_chair_without_the_permission_is_told_which_roles_have_it(token_client, consortium, chair):
    response = token_client(chair).post(f"/api/v1/{consortium.slug}/organisations/",
                                        {"kind": "school", "name": "Ysgol Newydd"})

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to do this. It needs one of these roles: "
                                         "Consortium admin."}


def test_a_representative_planning_a_meeting_is_told_who_may(token_client, consortium, partnership, representative):
    response = token_client(representative).post(f"/api/v1/{consortium.slug}/meetings/", {
        "partnership": partnership.pk, "title": "x", "kind": "strategic", "venue": "Parc",
        "starts_at": "2030-01-15T10:00:00Z", "ends_at": "2030-01-15T11:00:00Z"})

    assert response.status_code == 403
    assert response.json()["detail"] == ("You do not have permission to do this. It needs one of these roles: "
                                         "Partnership chair, Clerk / note-taker or Consortium admin.")


def test_only_a_missing_second_factor_gets_the_second_factor_message(token_client, consortium):
    admin = UserFactory()
    consortium_role_grant(consortium=consortium, user=admin, role="consortium_admin")

    response = token_client(admin).get(f"/api/v1/{consortium.slug}/organisations/")

    assert response.status_code == 403
    assert response.json() == {"detail": MFA}


def test_someone_elses_action_says_who_may_change_it(token_client, consortium, partnership, representative,
                                                     observer):
    action = governance.action_create(partnership=partnership, title="Share the timetable", owner=representative,
                                      due_on=dt.date.today() + dt.timedelta(days=9))

    response = token_client(observer).patch(f"/api/v1/{consortium.slug}/actions/{action.pk}/", {"status": "done"})

    assert response.json() == {"detail": "Only the action's owner, or whoever records the partnership's minutes, "
                                         "can change it."}


@pytest.mark.parametrize("path", ["meetings/abc/", "organisations/1.5/", "people/%20/", "no-such-register/",
                                  "actions/1/nonsense/"])
def test_an_address_no_route_matches_is_a_json_404(admin_api, consortium, path):
    response = admin_api.get(f"/api/v1/{consortium.slug}/{path}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_pages_keep_their_html_404(client, member, consortium):
    client.force_login(member)

    response = client.get(f"/{consortium.slug}/meetings/abc/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
