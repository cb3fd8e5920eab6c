"""Notice is counted the partnership's way: in clear days by default (neither the day the notice is sent
nor the day of the meeting), or in calendar days. Short notice needs a recorded reason."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from governance import rules, services
from governance.models import Meeting
from partnerships.services import partnership_update

from .conftest import at, plan

pytestmark = pytest.mark.django_db

NINTH = dt.datetime(2026, 12, 9, 16, tzinfo=rules.LONDON)


def sent(day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=rules.LONDON)


def test_sent_on_1_december_for_9_december_is_7_clear_days():
    assert rules.notice_days_given(sent_at=sent(1), starts_at=NINTH) == 7
    assert not rules.notice_is_late(sent_at=sent(1), starts_at=NINTH, notice_days=7)


def test_sent_on_2_december_for_9_december_is_6_clear_days_and_short():
    assert rules.notice_days_given(sent_at=sent(2), starts_at=NINTH) == 6
    assert rules.notice_is_late(sent_at=sent(2), starts_at=NINTH, notice_days=7)


def test_calendar_days_give_the_old_answer():
    eighth = NINTH - dt.timedelta(days=1)

    assert rules.notice_days_given(sent_at=sent(1), starts_at=eighth, counting=rules.CALENDAR) == 7
    assert not rules.notice_is_late(sent_at=sent(1), starts_at=eighth, notice_days=7, counting=rules.CALENDAR)
    assert rules.notice_is_late(sent_at=sent(2), starts_at=eighth, notice_days=7, counting=rules.CALENDAR)


def test_the_deadline_is_the_last_day_a_notice_is_on_time():
    assert rules.notice_deadline(starts_at=NINTH, notice_days=7) == dt.date(2026, 12, 1)
    assert rules.notice_deadline(starts_at=NINTH, notice_days=7, counting=rules.CALENDAR) == dt.date(2026, 12, 2)


def test_the_day_is_the_uk_date_at_either_side_of_midnight():
    late_evening, after_midnight = sent(1, 23, 30), sent(2, 0, 30)

    assert not rules.notice_is_late(sent_at=late_evening, starts_at=NINTH, notice_days=7)
    assert rules.notice_is_late(sent_at=after_midnight, starts_at=NINTH, notice_days=7)


def test_a_notice_on_the_day_of_the_meeting_gives_no_notice():
    assert rules.notice_days_given(sent_at=sent(9, 8), starts_at=NINTH) == 0


def test_eight_days_before_is_seven_clear_days_and_on_time(partnership, chair, reps):
    meeting = plan(partnership, chair, days=8)

    services.meeting_notice_send(meeting=meeting, by=chair)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOTICE_SENT
    assert not meeting.notice_late


def test_seven_days_before_is_short_notice_in_clear_days(partnership, chair, reps):
    meeting = plan(partnership, chair, days=7)

    with pytest.raises(ValidationError, match="short notice"):
        services.meeting_notice_send(meeting=meeting, by=chair)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_seven_days_before_is_on_time_in_calendar_days(partnership, chair, reps):
    partnership_update(partnership=partnership, notice_counting="calendar")
    meeting = plan(partnership, chair, days=7)

    services.meeting_notice_send(meeting=meeting, by=chair)

    meeting.refresh_from_db()
    assert not meeting.notice_late


def test_short_notice_with_a_reason_is_sent_and_flagged(partnership, chair, reps):
    meeting = plan(partnership, chair, days=6)

    services.meeting_notice_send(meeting=meeting, by=chair, late_reason="Urgent budget decision")

    meeting.refresh_from_db()
    assert meeting.notice_late
    assert meeting.late_notice_reason == "Urgent budget decision"


def test_a_partnerships_own_notice_period_applies(partnership, chair, reps):
    partnership_update(partnership=partnership, notice_days=10)
    meeting = plan(partnership, chair, days=10)

    with pytest.raises(ValidationError):
        services.meeting_notice_send(meeting=meeting, by=chair)


def test_the_agenda_must_be_agreed_before_the_notice(partnership, chair, reps):
    meeting = plan(partnership, chair, agree=False)

    with pytest.raises(ValidationError, match="Agree the agenda"):
        services.meeting_notice_send(meeting=meeting, by=chair)


def test_the_notice_page_shows_the_deadline_warns_of_short_notice_and_records_the_reason(client, partnership,
                                                                                         chair, reps):
    meeting = plan(partnership, chair, days=6)
    deadline = rules.notice_deadline(starts_at=meeting.starts_at, notice_days=7)
    client.force_login(chair)
    url = f"/{partnership.consortium.slug}/meetings/{meeting.pk}/notice/"

    warning = client.get(url).content.decode()
    refused = client.post(url, {"late_reason": ""})
    accepted = client.post(url, {"late_reason": "Estyn visit moved"})

    assert "Short notice" in warning
    assert deadline.strftime("%A %-d %B %Y") in warning
    assert "7 clear days&#x27; notice" in warning or "7 clear days' notice" in warning
    assert "5 clear days" in warning  # what it would be if sent now
    assert refused.status_code == 400
    assert accepted.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notice_late and meeting.late_notice_reason == "Estyn visit moved"


def test_the_meeting_page_shows_when_notice_is_due(client, partnership, chair, reps):
    meeting = plan(partnership, chair, days=20)
    client.force_login(reps[0])

    page = client.get(f"/{partnership.consortium.slug}/meetings/{meeting.pk}/").content.decode()

    due = rules.notice_deadline(starts_at=meeting.starts_at, notice_days=7)
    assert f"Due by {due.strftime('%A %-d %B %Y')}" in page
    assert "neither the day the notice is sent nor the day of the meeting counts" in page


def test_the_notice_email_says_how_much_notice_it_gives(partnership, chair, reps, send):
    meeting = plan(partnership, chair, days=10)

    send(services.meeting_notice_send, meeting=meeting, by=chair)

    english = next(m for m in mail.outbox if m.to == [reps[0].email])
    assert "Notice: 9 clear days (the partnership gives 7 clear days' notice" in english.body


def test_rescheduling_to_short_notice_needs_a_reason(partnership, chair, reps):
    meeting = plan(partnership, chair, days=14)
    services.meeting_notice_send(meeting=meeting, by=chair)

    with pytest.raises(ValidationError, match="short notice"):
        services.meeting_update(meeting=meeting, by=chair, starts_at=at(3), ends_at=at(3, 18))
