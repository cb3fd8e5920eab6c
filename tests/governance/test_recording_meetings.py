"""A meeting that took place is recorded with its attendance; the schedule flow is for meetings to come."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import Attendance, Meeting

from .conftest import at, took_place

pytestmark = pytest.mark.django_db


def test_a_meeting_yesterday_cannot_be_scheduled(partnership, chair, reps):
    with pytest.raises(ValidationError, match="record it with its attendance"):
        services.meeting_schedule(partnership=partnership, created_by=chair, title="Yesterday's meeting",
                                  starts_at=at(-1), ends_at=at(-1, 18), venue="Parc Primary School")

    assert not Meeting.objects.exists()


def test_a_meeting_a_minute_from_now_can_be_scheduled(partnership, chair, reps):
    from django.utils import timezone

    soon = timezone.now() + dt.timedelta(minutes=1)

    meeting = services.meeting_schedule(partnership=partnership, created_by=chair, title="Soon", starts_at=soon,
                                        ends_at=soon + dt.timedelta(hours=1), venue="Parc Primary School")

    assert meeting.status == Meeting.Status.PLANNED


def test_a_meeting_yesterday_is_recorded_as_held_with_its_attendance(partnership, clerk, reps):
    meeting = services.meeting_record(
        partnership=partnership, recorded_by=clerk, title="Autumn strategic meeting", title_cy="Cyfarfod yr hydref",
        starts_at=at(-1), ends_at=at(-1, 18), venue="Parc Primary School",
        people={reps[0].pk: "present", reps[1].pk: "present", reps[2].pk: "apologies"},
        agenda=[{"title": "Welcome", "title_cy": "Croeso"}], notice_sent_on=at(-1).date() - dt.timedelta(days=9))

    assert meeting.status == Meeting.Status.HELD and meeting.recorded_after
    assert list(meeting.agenda_items.values_list("title", "title_cy")) == [("Welcome", "Croeso")]
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == 2
    assert meeting.notice_sent_at is not None and not meeting.notice_late  # 8 clear days


def test_a_recorded_meeting_with_a_late_notice_is_marked_short_notice(partnership, clerk, reps):
    meeting = services.meeting_record(
        partnership=partnership, recorded_by=clerk, title="Called in a hurry", starts_at=at(-1), ends_at=at(-1, 18),
        venue="Parc Primary School", people={reps[0].pk: "present"},
        notice_sent_on=at(-1).date() - dt.timedelta(days=7))  # 6 clear days

    assert meeting.notice_late


def test_a_meeting_to_come_cannot_be_recorded(partnership, clerk, reps):
    with pytest.raises(ValidationError, match="has not happened yet"):
        services.meeting_record(partnership=partnership, recorded_by=clerk, title="Next week", starts_at=at(7),
                                ends_at=at(7, 18), venue="Parc Primary School", people={reps[0].pk: "present"})

    assert not Meeting.objects.exists()


def test_recording_needs_the_attendance(partnership, clerk, reps):
    with pytest.raises(ValidationError, match="who attended"):
        services.meeting_record(partnership=partnership, recorded_by=clerk, title="No register", starts_at=at(-1),
                                ends_at=at(-1, 18), venue="Parc Primary School", people={})


def test_someone_outside_the_partnership_cannot_be_recorded_present(partnership, clerk, reps, other_partnership):
    from ..factories import UserFactory

    stranger = UserFactory()

    with pytest.raises(ValidationError, match="not invited"):
        services.meeting_record(partnership=partnership, recorded_by=clerk, title="Stranger", starts_at=at(-1),
                                ends_at=at(-1, 18), venue="Parc Primary School", people={stranger.pk: "present"})
    assert not Meeting.objects.exists()  # nothing half-saved


def test_the_plan_page_refuses_a_past_date_beside_the_date(client, partnership, chair, reps):
    client.force_login(chair)
    yesterday = at(-1)

    response = client.post(f"/{partnership.consortium.slug}/meetings/partnership/{partnership.pk}/new/", {
        "title": "Yesterday", "kind": "strategic", "date_day": yesterday.day, "date_month": yesterday.month,
        "date_year": yesterday.year, "start_time": "16:00", "end_time": "18:00", "venue": "Parc"})

    assert response.status_code == 400
    assert "Record a meeting that took place" in response.content.decode()
    assert response.context["form"].errors["date"]


def test_the_record_page_records_a_held_meeting(client, partnership, chair, clerk, reps):
    client.force_login(clerk)
    day = at(-3)
    data = {"title": "Summer meeting", "title_cy": "Cyfarfod yr haf", "kind": "strategic", "date_day": day.day,
            "date_month": day.month, "date_year": day.year, "start_time": "16:00", "end_time": "17:30",
            "venue": "Parc", "agenda": "Welcome\nModeration", "agenda_cy": "Croeso\nCymedroli"}
    data.update({f"person_{u.pk}": "present" for u in (chair, clerk, *reps)})

    response = client.post(f"/{partnership.consortium.slug}/meetings/partnership/{partnership.pk}/record/", data)

    meeting = Meeting.objects.get(title="Summer meeting")
    assert response.status_code == 302 and response["Location"].endswith(f"/meetings/{meeting.pk}/")
    assert meeting.status == Meeting.Status.HELD and meeting.title_cy == "Cyfarfod yr haf"
    assert list(meeting.agenda_items.values_list("title_cy", flat=True)) == ["Croeso", "Cymedroli"]


def test_a_representative_cannot_record_a_meeting(client, partnership, reps):
    client.force_login(reps[0])

    response = client.get(f"/{partnership.consortium.slug}/meetings/partnership/{partnership.pk}/record/")

    assert response.status_code == 403


def test_the_record_page_of_another_consortium_is_404(client, other_partnership, consortium_admin):
    client.force_login(consortium_admin)

    response = client.get(f"/{other_partnership.consortium.slug}/meetings/partnership/{other_partnership.pk}/record/")

    assert response.status_code == 404


def test_a_recorded_meeting_counts_as_held_for_the_partnership(partnership, clerk, reps):
    from governance import selectors

    took_place(partnership, clerk, days_ago=1)

    assert selectors.partnership_compliance(partnership)["strategic_held"] == 1
