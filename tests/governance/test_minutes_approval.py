"""Minutes are approved only at a later meeting that was held; without one, approval is not offered."""

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import Minutes

from .conftest import plan, planned_earlier, took_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(partnership, clerk, reps):
    meeting = took_place(partnership, clerk, days_ago=10, title="Autumn meeting")
    services.minutes_save(meeting=meeting, by=clerk, body="Notes of the autumn meeting.")
    return meeting


def test_a_later_meeting_still_to_come_cannot_approve(drafted, partnership, chair):
    later = plan(partnership, chair, days=14, title="Spring meeting")

    with pytest.raises(ValidationError, match="not been held"):
        services.minutes_approve(minutes=drafted.minutes, at_meeting=later, by=chair)


def test_a_later_meeting_whose_attendance_is_not_recorded_cannot_approve(drafted, partnership, chair):
    later = planned_earlier(partnership, chair, days=-1, title="Yesterday's meeting")

    with pytest.raises(ValidationError, match="not been held"):
        services.minutes_approve(minutes=drafted.minutes, at_meeting=later, by=chair)


def test_a_later_held_meeting_approves_and_its_chair_signs(drafted, partnership, chair, send):
    later = took_place(partnership, chair, days_ago=1, title="Spring meeting", chair=chair)

    minutes = send(services.minutes_approve, minutes=drafted.minutes, at_meeting=later, by=chair)

    assert minutes.status == Minutes.Status.APPROVED
    assert (minutes.approved_at_meeting, minutes.approved_by) == (later, chair)


def test_approve_is_not_offered_without_a_later_held_meeting(client, drafted, partnership, chair):
    plan(partnership, chair, days=14, title="Spring meeting")
    client.force_login(chair)
    base = f"/{partnership.consortium.slug}/meetings/{drafted.pk}/"

    page = client.get(base).content.decode()
    approve_page = client.get(base + "minutes/approve/").content.decode()

    assert f'href="{base}minutes/approve/"' not in page
    assert "approved at the next meeting of the partnership, once it has been held" in page
    assert "There is no later meeting of the partnership that has been held yet" in approve_page
    assert "---------" not in approve_page and 'type="radio"' not in approve_page


def test_approve_is_offered_with_the_held_meetings_as_the_only_choices(client, drafted, partnership, chair):
    later = took_place(partnership, chair, days_ago=1, title="Spring meeting")
    plan(partnership, chair, days=14, title="Summer meeting")
    client.force_login(chair)
    base = f"/{partnership.consortium.slug}/meetings/{drafted.pk}/"

    page = client.get(base).content.decode()
    approve_page = client.get(base + "minutes/approve/").content.decode()
    refused = client.post(base + "minutes/approve/", {})
    approved = client.post(base + "minutes/approve/", {"at_meeting": later.pk})

    assert f'href="{base}minutes/approve/"' in page
    assert "Spring meeting" in approve_page and "Summer meeting" not in approve_page
    assert "---------" not in approve_page
    assert refused.status_code == 400
    assert approved.status_code == 302
    assert Minutes.objects.get(meeting=drafted).status == Minutes.Status.APPROVED


def test_minutes_are_written_only_for_a_held_meeting(partnership, chair, clerk, reps):
    meeting = plan(partnership, chair, days=14)

    with pytest.raises(ValidationError, match="held"):
        services.minutes_save(meeting=meeting, by=clerk, body="Written too soon")
