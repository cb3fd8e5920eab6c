"""The governance panel leads with what needs the person now, and asks for replies only from those noticed."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance import rules, services

from ..partnerships.test_query_counts import queries_for
from .conftest import plan, took_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(partnership, chair, clerk, reps):
    """A meeting within the fortnight the panel looks ahead."""
    return plan(partnership, chair, days=10)


def dashboard(client, user, consortium) -> str:
    client.force_login(user)
    return client.get(reverse("dashboard", args=[consortium.slug])).content.decode()


def test_no_reply_is_asked_before_the_notice(client, consortium, meeting, reps):
    page = dashboard(client, reps[0], consortium)

    assert "Reply to the notice of" not in page and "Reply needed" not in page


def test_a_representative_sent_the_notice_is_asked_to_reply_until_they_do(client, consortium, meeting, chair, reps):
    services.meeting_notice_send(meeting=meeting, by=chair)

    asked = dashboard(client, reps[0], consortium)
    services.reply_record(meeting=meeting, user=reps[0], response="attending")
    answered = dashboard(client, reps[0], consortium)

    assert f"Reply to the notice of {meeting.title}" in asked
    assert "Reply to the notice of" not in answered


def test_an_observer_is_never_asked_to_reply(client, consortium, meeting, chair, observer):
    services.meeting_notice_send(meeting=meeting, by=chair)

    page = dashboard(client, observer, consortium)

    assert meeting.title in page  # they see the meeting
    assert "Reply to the notice of" not in page and "Reply needed" not in page


def test_an_observer_cannot_reply(client, consortium, meeting, chair, observer):
    from django.core.exceptions import ValidationError

    services.meeting_notice_send(meeting=meeting, by=chair)
    client.force_login(observer)

    response = client.get(f"/{consortium.slug}/meetings/{meeting.pk}/reply/")

    assert response.status_code == 302
    with pytest.raises(ValidationError, match="sent the notice"):
        services.reply_record(meeting=meeting, user=observer, response="attending")


def test_papers_to_read_before_the_next_meeting(client, consortium, meeting, chair, reps, schools):
    services.paper_upload(meeting=meeting, uploaded_by=chair, title="Moderation summary", confidentiality="members",
                          file=SimpleUploadedFile("m.pdf", b"%PDF-1.4\n"), no_pupil_data_confirmed=True)
    services.paper_upload(meeting=meeting, uploaded_by=chair, title="For Bryn Taf only",
                          confidentiality="organisations", organisations=[schools[1]],
                          file=SimpleUploadedFile("b.pdf", b"%PDF-1.4\n"), no_pupil_data_confirmed=True)
    services.meeting_notice_send(meeting=meeting, by=chair)

    page = dashboard(client, reps[0], consortium)

    assert "Papers to read before your next meetings" in page
    assert "Moderation summary" in page and "For Bryn Taf only" not in page


def test_an_overdue_register_of_interests_is_shown(client, consortium, meeting, reps, monkeypatch):
    monkeypatch.setattr(rules, "INTERESTS_GRACE_DAYS", -1)  # whatever today's date, the grace has passed

    page = dashboard(client, reps[0], consortium)

    assert "Confirm your register of interests for" in page and "Overdue" in page


def test_a_confirmed_register_is_not_shown(client, consortium, meeting, reps, monkeypatch):
    monkeypatch.setattr(rules, "INTERESTS_GRACE_DAYS", -1)
    services.interests_confirm(consortium=consortium, user=reps[0], nothing_to_declare=True)

    page = dashboard(client, reps[0], consortium)

    assert "Confirm your register of interests for" not in page


def test_an_observer_sees_newly_circulated_minutes(client, consortium, partnership, chair, clerk, reps, observer,
                                                   send):
    first = took_place(partnership, clerk, days_ago=8, title="Autumn meeting")
    services.minutes_save(meeting=first, by=clerk, body="Notes")
    second = took_place(partnership, clerk, days_ago=1, title="Spring meeting")
    send(services.minutes_approve, minutes=first.minutes, at_meeting=second, by=chair)
    send(services.minutes_circulate, minutes=first.minutes)

    page = dashboard(client, observer, consortium)

    assert "Minutes newly circulated" in page and "Autumn meeting" in page


def test_the_panel_costs_the_same_however_many_meetings_and_papers(client, consortium, partnership, chair, reps):
    client.force_login(reps[0])
    url = reverse("dashboard", args=[consortium.slug])

    def grow(count):
        for n in range(count):
            meeting = plan(partnership, chair, days=8 + n % 5, title=f"Meeting {n}")
            services.paper_upload(meeting=meeting, uploaded_by=chair, title=f"Paper {n}", confidentiality="members",
                                  file=SimpleUploadedFile("p.pdf", b"%PDF-1.4\n"), no_pupil_data_confirmed=True)
            services.meeting_notice_send(meeting=meeting, by=chair)

    grow(2)
    small = queries_for(client, url)
    grow(10)
    large = queries_for(client, url)

    assert large == small


def test_updating_an_action_from_my_actions_returns_to_my_actions(client, consortium, partnership, reps):
    action = services.action_create(partnership=partnership, title="Share the timetable", owner=reps[0],
                                    due_on=dt.date(2030, 1, 1))
    client.force_login(reps[0])

    mine = client.get(reverse("my_actions", args=[consortium.slug])).content.decode()
    response = client.post(reverse("action_edit", args=[consortium.slug, action.pk]) + "?from=mine",
                           {"status": "done", "due_on": "2030-01-01"})

    assert f"/meetings/actions/{action.pk}/?from=mine" in mine
    assert response.status_code == 302 and response["Location"] == reverse("my_actions", args=[consortium.slug])


def test_updating_an_action_from_the_partnership_list_returns_there(client, consortium, partnership, reps):
    action = services.action_create(partnership=partnership, title="Share the timetable", owner=reps[0],
                                    due_on=dt.date(2030, 1, 1))
    client.force_login(reps[0])

    response = client.post(reverse("action_edit", args=[consortium.slug, action.pk]),
                           {"status": "done", "due_on": "2030-01-01"})

    assert response["Location"] == reverse("partnership_actions", args=[consortium.slug, partnership.pk])
