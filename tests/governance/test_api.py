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


def test_an_integration_agrees_the_agenda_and_sends_the_notice(consortium, partnership, chair, reps):
    meeting = plan(partnership, chair, days=20, agree=False)
    client = api(chair)
    url = base(consortium) + f"meetings/{meeting.pk}/"

    before = client.post(url + "send-notice/", {}, format="json")
    agreed = client.post(url + "agree-agenda/", format="json")
    sent = client.post(url + "send-notice/", {"message": "Read the papers", "message_cy": "Darllenwch y papurau"},
                       format="json")

    assert before.status_code == 400 and "Agree the agenda" in str(before.json())
    assert agreed.status_code == 200 and agreed.json()["agenda_agreed_at"]
    assert sent.status_code == 200 and sent.json()["status"] == "notice_sent"
    assert sent.json()["notice_message_cy"] == "Darllenwch y papurau"


def test_the_agenda_is_reopened_before_the_notice_only(consortium, partnership, chair, reps):
    meeting = plan(partnership, chair, days=20)
    client = api(chair)
    url = base(consortium) + f"meetings/{meeting.pk}/"

    reopened = client.post(url + "reopen-agenda/", format="json")
    client.post(url + "agree-agenda/", format="json")
    client.post(url + "send-notice/", {}, format="json")
    refused = client.post(url + "reopen-agenda/", format="json")

    assert reopened.status_code == 200 and reopened.json()["agenda_agreed_at"] is None
    assert refused.status_code == 400


def test_a_representative_cannot_agree_an_agenda(consortium, partnership, chair, reps):
    meeting = plan(partnership, chair, days=20, agree=False)

    response = api(reps[0]).post(base(consortium) + f"meetings/{meeting.pk}/agree-agenda/", format="json")

    assert response.status_code == 403


def record_body(partnership, people, days=-2):
    return {"partnership": partnership.pk, "title": "Recorded meeting", "title_cy": "Cyfarfod a gofnodwyd",
            "kind": "strategic", "starts_at": at(days).isoformat(), "ends_at": at(days, 18).isoformat(),
            "venue": "Parc", "people": {str(u.pk): "present" for u in people},
            "agenda": [{"title": "Welcome", "title_cy": "Croeso"}], "notice_sent_on": None}


def test_a_clerk_records_a_meeting_that_took_place(consortium, partnership, clerk, reps):
    response = api(clerk).post(base(consortium) + "meetings/record/", record_body(partnership, reps),
                               format="json")

    assert response.status_code == 201
    assert response.json()["status"] == "held" and response.json()["recorded_after"] is True
    assert Meeting.objects.get(pk=response.json()["id"]).attendance.count() == len(reps)


def test_a_meeting_to_come_cannot_be_recorded_through_the_api(consortium, partnership, clerk, reps):
    response = api(clerk).post(base(consortium) + "meetings/record/", record_body(partnership, reps, days=5),
                               format="json")

    assert response.status_code == 400 and "starts_at" in response.json()


def test_a_representative_cannot_record_a_meeting_through_the_api(consortium, partnership, reps):
    response = api(reps[0]).post(base(consortium) + "meetings/record/", record_body(partnership, reps),
                                 format="json")

    assert response.status_code == 403


def test_another_consortiums_partnership_cannot_be_recorded_into(consortium, other_partnership, consortium_admin,
                                                                 reps):
    response = api(consortium_admin).post(base(consortium) + "meetings/record/",
                                          record_body(other_partnership, reps), format="json")

    assert response.status_code == 400 and "partnership" in response.json()


def test_replies_through_the_api_are_for_people_sent_the_notice(consortium, partnership, chair, reps, observer):
    meeting = plan(partnership, chair, days=20)
    services.meeting_notice_send(meeting=meeting, by=chair)
    url = base(consortium) + f"meetings/{meeting.pk}/reply/"

    replied = api(reps[0]).post(url, {"response": "apologies", "note": "Estyn"}, format="json")
    refused = api(observer).post(url, {"response": "attending"}, format="json")

    assert replied.status_code == 200 and replied.json()["response"] == "apologies"
    assert refused.status_code == 400


def test_minutes_are_drafted_read_and_approved_through_the_api(consortium, partnership, chair, clerk, reps):
    from .conftest import took_place

    held = took_place(partnership, clerk, days_ago=5)
    later = took_place(partnership, clerk, days_ago=1, title="Later meeting")
    coming = plan(partnership, chair, days=20, title="Coming meeting")
    url = base(consortium) + f"meetings/{held.pk}/minutes/"

    drafted = api(clerk).put(url + "draft/", {"body": "Notes", "body_cy": "Nodiadau"}, format="json")
    hidden = api(reps[0]).get(url)
    too_soon = api(chair).post(url + "approve/", {"at_meeting": coming.pk}, format="json")
    approved = api(chair).post(url + "approve/", {"at_meeting": later.pk}, format="json")
    read = api(reps[0]).get(url)

    assert drafted.status_code == 200 and drafted.json()["status"] == "draft"
    assert hidden.status_code == 404
    assert too_soon.status_code == 400 and "at_meeting" in too_soon.json()
    assert approved.status_code == 200 and approved.json()["approved_at_meeting"] == later.pk
    assert read.status_code == 200 and read.json()["body_cy"] == "Nodiadau"


def test_an_agenda_item_is_removed_until_the_agenda_is_agreed(consortium, partnership, chair, reps):
    meeting = plan(partnership, chair, days=20, agree=False, agenda=("Welcome", "Budget"))
    open_item, agreed_item = meeting.agenda_items.all()
    client = api(chair)

    removed = client.delete(base(consortium) + f"agenda-items/{open_item.pk}/")
    services.agenda_agree(meeting=meeting, by=chair)
    refused = client.delete(base(consortium) + f"agenda-items/{agreed_item.pk}/")

    assert removed.status_code == 204
    assert refused.status_code == 400
