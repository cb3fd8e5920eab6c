"""Meetings, agenda items, papers, attendance, actions and decisions in the REST API: same scoping and rules."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from governance import services
from governance.models import Meeting

from .conftest import at, plan, planned_earlier

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.governance.api_urls")]


@pytest.fixture(autouse=True)
def _api_settings(settings):
    # The project's API settings, applied even while config/settings is being reworked elsewhere.
    from config.settings import api as api_settings

    settings.REST_FRAMEWORK = api_settings.REST_FRAMEWORK


def api(user):
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def base(consortium):
    return f"/api/v1/{consortium.slug}/"


def test_meetings_are_listed_for_people_in_the_partnership(consortium, meeting, reps, other_partnership):
    plan(other_partnership, None, title="Not ours")

    response = api(reps[0]).get(base(consortium) + "meetings/")

    assert response.status_code == 200
    assert [m["title"] for m in response.json()["results"]] == [meeting.title]


def test_a_chair_plans_a_meeting_and_a_representative_cannot(consortium, partnership, chair, reps):
    body = {"partnership": partnership.pk, "title": "API meeting", "kind": "strategic",
            "starts_at": at(20).isoformat(), "ends_at": at(20, 18).isoformat(), "venue": "Parc"}

    refused = api(reps[0]).post(base(consortium) + "meetings/", body, format="json")
    created = api(chair).post(base(consortium) + "meetings/", body, format="json")

    assert refused.status_code == 403
    assert created.status_code == 201
    assert Meeting.objects.get(title="API meeting").created_by == chair


def test_sending_the_notice_at_short_notice_needs_a_reason(consortium, partnership, chair, reps):
    meeting = plan(partnership, chair, days=3)

    refused = api(chair).post(base(consortium) + f"meetings/{meeting.pk}/send-notice/", {}, format="json")
    sent = api(chair).post(base(consortium) + f"meetings/{meeting.pk}/send-notice/", {"reason": "Urgent"},
                           format="json")

    assert refused.status_code == 400 and "late_reason" in refused.json()
    assert sent.status_code == 200 and sent.json()["notice_late"] is True


def test_a_confidential_paper_is_invisible_outside_its_audience(consortium, meeting, chair, reps, schools, observer):
    paper = services.paper_upload(meeting=meeting, uploaded_by=chair, title="For Parc only",
                                  file=SimpleUploadedFile("p.pdf", b"%PDF-1.4\n"), no_pupil_data_confirmed=True,
                                  confidentiality="organisations", organisations=[schools[0]])
    services.paper_upload(meeting=meeting, uploaded_by=chair, title="Open paper",
                          file=SimpleUploadedFile("o.pdf", b"%PDF-1.4\n"), no_pupil_data_confirmed=True,
                          confidentiality="members")

    parc = api(reps[0]).get(base(consortium) + "papers/").json()["results"]
    bryn = api(reps[1]).get(base(consortium) + "papers/").json()["results"]
    observed = api(observer).get(base(consortium) + "papers/").json()["results"]

    assert sorted(p["title"] for p in parc) == ["For Parc only", "Open paper"]
    assert [p["title"] for p in bryn] == ["Open paper"]
    assert [p["title"] for p in observed] == ["Open paper"]
    assert api(reps[1]).get(base(consortium) + f"papers/{paper.pk}/").status_code == 404


def test_attendance_decisions_and_actions(consortium, partnership, chair, clerk, reps):
    meeting = planned_earlier(partnership, chair, days=-1)
    client = api(clerk)

    recorded = client.post(base(consortium) + f"meetings/{meeting.pk}/attendance/",
                           {"people": {str(reps[0].pk): "present", str(reps[1].pk): "apologies"}}, format="json")
    decision = client.post(base(consortium) + "decisions/", {"meeting": meeting.pk, "text": "Agree the plan",
                                                             "vote_taken": True, "votes_for": 1,
                                                             "votes_against": 0, "votes_abstaining": 0},
                           format="json")
    action = client.post(base(consortium) + "actions/", {"partnership": partnership.pk, "meeting": meeting.pk,
                                                         "title": "Book the hall", "owner": reps[0].pk,
                                                         "due_on": dt.date(2030, 1, 1).isoformat()},
                         format="json")

    assert recorded.status_code == 200 and len(recorded.json()) == 2
    assert decision.status_code == 201 and decision.json()["quorate"] is False
    assert action.status_code == 201


def test_an_owner_updates_their_action_but_a_stranger_cannot(consortium, partnership, reps):
    action = services.action_create(partnership=partnership, title="Share the timetable", owner=reps[0],
                                    due_on=dt.date(2030, 1, 1))

    refused = api(reps[1]).patch(base(consortium) + f"actions/{action.pk}/", {"status": "done"}, format="json")
    done = api(reps[0]).patch(base(consortium) + f"actions/{action.pk}/", {"status": "done"}, format="json")

    assert refused.status_code == 403
    assert done.status_code == 200 and done.json()["status"] == "done"


@pytest.mark.parametrize("path", ["meetings", "agenda-items", "papers", "attendance", "decisions", "actions"])
def test_another_consortiums_url_is_404(other_consortium, consortium_admin, path):
    assert api(consortium_admin).get(f"/api/v1/{other_consortium.slug}/{path}/").status_code == 404


def test_another_consortiums_meeting_is_404(consortium, consortium_admin, other_partnership):
    theirs = plan(other_partnership, None, title="Theirs")

    assert api(consortium_admin).get(base(consortium) + f"meetings/{theirs.pk}/").status_code == 404


def test_anonymous_requests_are_refused(consortium, meeting):
    assert APIClient().get(base(consortium) + "meetings/").status_code == 401
