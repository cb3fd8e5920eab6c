"""Planning a meeting, its agenda, the notice, replies and attendance, through the pages."""

import pytest
from django.core import mail

from governance import services
from governance.models import Attendance, Meeting, Reply

from .conftest import at, plan, planned_earlier

pytestmark = pytest.mark.django_db


def test_a_chair_plans_a_meeting_in_uk_time(client, partnership, chair, reps):
    client.force_login(chair)
    day = at(21).date()

    response = client.post(f"/{partnership.consortium.slug}/meetings/partnership/{partnership.pk}/new/", {
        "title": "Autumn strategic meeting", "kind": "strategic", "date": day.isoformat(), "start_time": "16:00",
        "end_time": "17:30", "venue": "Ysgol Gymraeg Bryn Taf"})

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == at(21)
    assert meeting.chair == chair


def test_a_representative_cannot_plan_a_meeting(client, partnership, reps):
    client.force_login(reps[0])

    response = client.get(f"/{partnership.consortium.slug}/meetings/partnership/{partnership.pk}/new/")

    assert response.status_code == 403


def test_the_meeting_page_shows_dates_in_uk_format(client, meeting, reps):
    client.force_login(reps[0])

    page = client.get(f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/").content.decode()

    assert meeting.starts_at.strftime("%A %-d %B %Y, 16:00") in page
    assert page.count("<h1") == 1


def test_the_whole_flow_through_the_pages(client, partnership, chair, clerk, reps, django_capture_on_commit_callbacks):
    meeting = plan(partnership, chair, days=10, agree=False)
    base = f"/{partnership.consortium.slug}/meetings/{meeting.pk}/"
    client.force_login(chair)

    client.post(base + "agenda/add/", {"title": "Moderation at Y6", "minutes_allowed": 20})
    client.post(base + "agenda/agree/", {"agreed": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(base + "notice/", {"late_reason": ""})
    client.force_login(reps[0])
    client.post(base + "reply/", {"response": "apologies", "note": "Estyn visit"})

    assert len(mail.outbox) == 6
    assert "Moderation at Y6" in mail.outbox[0].body
    assert Reply.objects.get(user=reps[0]).response == "apologies"


def test_a_delegate_reply_needs_a_name(client, meeting, chair, reps):
    services.meeting_notice_send(meeting=meeting, by=chair)
    client.force_login(reps[0])

    response = client.post(f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/reply/",
                           {"response": "delegate"})

    assert response.status_code == 400


def test_the_clerk_records_attendance_on_the_day(client, partnership, chair, clerk, reps, schools):
    meeting = planned_earlier(partnership, chair, days=0)
    client.force_login(clerk)
    data = {f"person_{u.pk}": "present" for u in reps[:3]}
    data.update({f"person_{reps[3].pk}": "apologies", f"person_{chair.pk}": "present",
                 f"person_{clerk.pk}": "present", "guest_0_name": "Deputy head", "guest_0_organisation": schools[3].pk})

    response = client.post(f"/{partnership.consortium.slug}/meetings/{meeting.pk}/attendance/", data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == 6


def test_attendance_cannot_be_recorded_before_the_day(meeting, clerk, reps):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.attendance_record(meeting=meeting, by=clerk, people={reps[0].pk: "present"})


def test_the_note_taker_rotates(partnership, chair, clerk, reps):
    services.rotation_set(partnership=partnership, users=[clerk, reps[0]])

    first = plan(partnership, chair, days=10)
    second = plan(partnership, chair, days=20)
    third = plan(partnership, chair, days=30)

    assert [first.note_taker, second.note_taker, third.note_taker] == [clerk, reps[0], clerk]


def test_the_partnership_page_shows_compliance_and_upcoming_meetings(client, partnership, meeting, reps):
    client.force_login(reps[0])

    page = client.get(f"/{partnership.consortium.slug}/partnerships/{partnership.pk}/").content.decode()

    assert meeting.title in page
    assert "0 held, 1 planned, of at least 3" in page


def test_the_consortium_compliance_page(client, consortium, partnership, meeting, consortium_admin, reps):
    client.force_login(consortium_admin)

    page = client.get(f"/{consortium.slug}/meetings/compliance/").content.decode()

    assert partnership.name in page
    assert client.get(f"/{consortium.slug}/meetings/compliance/").status_code == 200
    client.force_login(reps[0])
    assert client.get(f"/{consortium.slug}/meetings/compliance/").status_code == 403


def test_the_meeting_list_shows_upcoming_meetings_across_my_partnerships(client, consortium, meeting, reps):
    client.force_login(reps[0])

    page = client.get(f"/{consortium.slug}/meetings/").content.decode()

    assert meeting.title in page
