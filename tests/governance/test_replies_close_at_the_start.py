"""Once a meeting has started, its notice no longer asks for a reply: not on the list, not on its page,
and the reply page (and the service behind it and the API) refuses with the reason."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from governance import services
from governance.models import Meeting, Reply

from .conftest import plan

pytestmark = pytest.mark.django_db


def noticed(partnership, by, *, starts_in: dt.timedelta) -> Meeting:
    """A meeting noticed three weeks ago that starts `starts_in` from now (in the past when negative)."""
    now = timezone.now()
    starts = now + starts_in
    meeting = services.meeting_schedule(partnership=partnership, created_by=by, title="Strategic meeting",
                                        kind="strategic", starts_at=starts, ends_at=starts + dt.timedelta(hours=2),
                                        venue="Parc Primary School", now=starts - dt.timedelta(days=30))
    services.agenda_item_save(meeting=meeting, title="Welcome")
    services.agenda_agree(meeting=meeting, by=by)
    services.meeting_notice_send(meeting=meeting, by=by, now=starts - dt.timedelta(days=21))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOTICE_SENT
    return meeting


@pytest.fixture
def started(partnership, chair, reps):
    return noticed(partnership, chair, starts_in=-dt.timedelta(minutes=20))


@pytest.fixture
def coming(partnership, chair, reps):
    return noticed(partnership, chair, starts_in=dt.timedelta(hours=2))


def base(meeting):
    return f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/"


def test_the_meeting_page_asks_for_a_reply_until_the_start_and_not_after(client, started, coming, reps):
    client.force_login(reps[0])

    before = client.get(base(coming)).content.decode()
    after = client.get(base(started)).content.decode()

    assert "Reply to the notice" in before and base(coming) + "reply/" in before
    assert "Reply needed" not in after and base(started) + "reply/" not in after


def test_a_reply_already_given_cannot_be_changed_once_it_has_started(client, partnership, chair, reps):
    meeting = noticed(partnership, chair, starts_in=dt.timedelta(minutes=30))
    services.reply_record(meeting=meeting, user=reps[0], response="attending")
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=5))
    client.force_login(reps[0])

    page = client.get(base(meeting)).content.decode()

    assert "Change my reply" not in page
    assert "Your reply: Attending." in page


def test_the_meeting_list_stops_asking_once_it_has_started(client, started, coming, reps):
    client.force_login(reps[0])

    page = client.get(f"/{started.partnership.consortium.slug}/meetings/").content.decode()

    assert base(coming) + "reply/" in page
    assert base(started) + "reply/" not in page
    assert page.count("Reply needed") == 1


def test_the_reply_page_refuses_with_the_reason(client, started, reps):
    client.force_login(reps[0])

    shown = client.get(base(started) + "reply/")
    posted = client.post(base(started) + "reply/", {"response": "attending"})

    for response in (shown, posted):
        assert response.status_code == 409
        assert "Replies are closed" in response.content.decode()
        assert "The meeting started at" in response.content.decode()
    assert not Reply.objects.filter(meeting=started).exists()


def test_the_refusal_is_in_welsh_for_a_welsh_reader(client, started, reps):
    client.force_login(reps[1])  # prefers Welsh
    client.cookies["language"] = "cy"

    response = client.get(base(started) + "reply/")

    assert response.status_code == 409
    assert "Replies are closed" not in response.content.decode()


def test_the_service_refuses_a_reply_after_the_start(started, reps):
    with translation.override("en"), pytest.raises(ValidationError, match="The meeting has started"):
        services.reply_record(meeting=started, user=reps[0], response="attending")
    assert not Reply.objects.filter(meeting=started).exists()


def test_the_service_still_takes_a_reply_just_before_the_start(coming, reps):
    assert services.reply_record(meeting=coming, user=reps[0], response="apologies").response == "apologies"


def test_the_api_refuses_a_reply_after_the_start_with_a_400(started, reps):
    from .test_api import api
    from .test_api import base as api_base

    response = api(reps[0]).post(api_base(started.partnership.consortium) + f"meetings/{started.pk}/reply/",
                                 {"response": "attending"}, format="json")

    assert response.status_code == 400
    assert "The meeting has started" in response.content.decode()
    assert not Reply.objects.filter(meeting=started).exists()


def test_a_meeting_in_a_fortnight_is_still_on_the_dashboard_as_a_reply_needed(client, partnership, chair, reps):
    meeting = plan(partnership, chair, days=14)
    services.meeting_notice_send(meeting=meeting, by=chair)
    client.force_login(reps[0])

    page = client.get(base(meeting)).content.decode()

    assert base(meeting) + "reply/" in page
