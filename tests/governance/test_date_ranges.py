"""Dates outside their sensible range are bad input in words, on the pages and in the API alike; and a
date already stored at the edge of the calendar never breaks a page or a rule."""

import datetime as dt

import pytest
from django.urls import reverse

from governance import rules, services
from governance.models import Action, Meeting

from .conftest import at, plan
from .test_api import api, base

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.governance.api_urls")]

EDGES = [dt.date(9999, 12, 31), dt.date(1, 1, 1)]
OUT_OF_RANGE = "Enter a date between"


@pytest.fixture
def action(partnership, reps):
    return services.action_create(partnership=partnership, title="Share the timetable", owner=reps[0],
                                  due_on=dt.date.today() + dt.timedelta(days=20))


@pytest.mark.parametrize("day", EDGES)
def test_an_action_due_at_the_edge_of_the_calendar_is_refused_on_the_page(client, meeting, clerk, reps, day):
    client.force_login(clerk)

    response = client.post(reverse("action_add", args=[meeting.consortium.slug, meeting.pk]),
                           {"title": "Book the hall", "owner": reps[0].pk, "due_on": day.isoformat()})

    assert response.status_code == 400
    assert OUT_OF_RANGE in str(response.context["form"].errors["due_on"])
    assert not Action.objects.exists()


@pytest.mark.parametrize("day", EDGES)
def test_an_action_due_at_the_edge_of_the_calendar_is_refused_by_the_api(consortium, partnership, clerk, reps, day):
    response = api(clerk).post(base(consortium) + "actions/", {"partnership": partnership.pk, "title": "Book",
                                                               "owner": reps[0].pk, "due_on": day.isoformat()},
                               format="json")

    assert response.status_code == 400
    assert OUT_OF_RANGE in response.json()["due_on"][0]
    assert not Action.objects.exists()


@pytest.mark.parametrize("day", EDGES)
def test_an_owner_cannot_move_the_due_date_off_the_calendar(client, consortium, action, reps, day):
    client.force_login(reps[0])

    page = client.post(reverse("action_edit", args=[consortium.slug, action.pk]),
                       {"status": "open", "due_on": day.isoformat()})
    through_api = api(reps[0]).patch(base(consortium) + f"actions/{action.pk}/", {"due_on": day.isoformat()},
                                     format="json")

    assert page.status_code == through_api.status_code == 400
    assert Action.objects.get(pk=action.pk).due_on == action.due_on


@pytest.mark.parametrize("day", EDGES)
def test_a_meeting_off_the_calendar_is_refused_by_the_form_and_the_api(client, consortium, partnership, chair, day):
    client.force_login(chair)

    page = client.post(reverse("meeting_create", args=[consortium.slug, partnership.pk]), {
        "title": "Far away", "kind": "strategic", "date": day.isoformat(), "start_time": "10:00",
        "end_time": "11:00", "venue": "Parc"})
    through_api = api(chair).post(base(consortium) + "meetings/", {
        "partnership": partnership.pk, "title": "Far away", "kind": "strategic", "venue": "Parc",
        "starts_at": f"{day.isoformat()}T10:00:00Z", "ends_at": f"{day.isoformat()}T11:00:00Z"}, format="json")

    assert page.status_code == through_api.status_code == 400
    assert OUT_OF_RANGE in str(page.context["form"].errors["date"])
    assert OUT_OF_RANGE in through_api.json()["starts_at"][0]
    assert not Meeting.objects.filter(title="Far away").exists()


def test_moving_a_meeting_off_the_calendar_through_the_api_is_refused(consortium, meeting, chair):
    response = api(chair).patch(base(consortium) + f"meetings/{meeting.pk}/",
                                {"starts_at": "0001-01-01T10:00:00Z"}, format="json")

    assert response.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).starts_at == meeting.starts_at


def test_an_interest_since_the_year_one_is_refused(client, consortium, reps):
    client.force_login(reps[0])

    response = client.post(reverse("interests", args=[consortium.slug]), {
        "step": "add", "interest": "Governor of Ysgol y Graig", "kind": "pecuniary", "since": "0001-01-01"})

    assert response.status_code == 400
    assert OUT_OF_RANGE in str(response.context["add_form"].errors["since"])


def test_the_range_is_one_rule_for_every_kind(consortium):
    from consortia import dates

    earliest, latest = dates.MEETING.bounds(dt.date(2026, 12, 2))

    assert (earliest, latest) == (dt.date(2000, 1, 1), dt.date(2031, 12, 2))
    dates.MEETING(dt.datetime(2000, 1, 1, 0, 0, tzinfo=dt.UTC))  # the first day is in range


# --- Dates stored before they were checked -------------------------------------------------------

@pytest.mark.parametrize("moment", [dt.datetime(1, 1, 1, 10, tzinfo=dt.UTC),
                                    dt.datetime(9999, 12, 31, 10, tzinfo=dt.UTC)])
def test_a_meeting_stored_at_the_edge_of_the_calendar_still_has_a_page(client, consortium, partnership, chair,
                                                                       moment):
    meeting = plan(partnership, chair)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=moment, ends_at=moment + dt.timedelta(minutes=30))
    client.force_login(chair)

    page = client.get(reverse("meeting_detail", args=[consortium.slug, meeting.pk]))
    listed = api(chair).get(base(consortium) + f"meetings/{meeting.pk}/")

    assert page.status_code == listed.status_code == 200


@pytest.mark.parametrize("day", EDGES)
def test_an_action_stored_at_the_edge_of_the_calendar_asks_for_a_real_date(client, consortium, action, reps, day):
    Action.objects.filter(pk=action.pk).update(due_on=day)
    client.force_login(reps[0])
    url = reverse("action_edit", args=[consortium.slug, action.pk])

    kept = client.post(url, {"status": "in_progress", "due_on": day.isoformat()})
    moved = client.post(url, {"status": "in_progress", "due_on": (dt.date.today() + dt.timedelta(days=5)).isoformat()})

    assert kept.status_code == 400 and OUT_OF_RANGE in str(kept.context["form"].errors["due_on"])
    assert moved.status_code == 302
    assert Action.objects.get(pk=action.pk).status == "in_progress"


def test_the_notice_deadline_is_safe_for_any_stored_date():
    assert rules.notice_deadline(starts_at=dt.datetime(1, 1, 2, tzinfo=dt.UTC), notice_days=7) == dt.date.min
    assert rules.local_date(dt.datetime(1, 1, 1, tzinfo=dt.UTC)) == dt.date(1, 1, 1)
    assert at(0).date() == dt.date.today()


@pytest.mark.parametrize("moment", ["9999-12-31T10:00", "0001-01-01T10:00"])
def test_an_email_cannot_be_postponed_off_the_calendar(client, consortium, meeting, chair, send, moment):
    from consortia.models import OutboundEmail

    send(services.meeting_notice_send, meeting=meeting, by=chair)
    reminder = OutboundEmail.objects.filter(purpose="meeting_reminder_1d").first()
    client.force_login(chair)

    response = client.post(f"/{consortium.slug}/meetings/notifications/{reminder.pk}/",
                           {"step": "postpone", "not_before": moment})

    assert response.status_code == 400
    assert OUT_OF_RANGE in str(response.context["form"].errors["not_before"])
    assert OutboundEmail.objects.get(pk=reminder.pk).not_before == reminder.not_before
