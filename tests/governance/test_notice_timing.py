"""Notice is due `notice_days` full days before the meeting: 7 days is on time, 6 is short notice."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from governance import rules, services
from governance.models import Meeting

from .conftest import at, plan

pytestmark = pytest.mark.django_db


def test_seven_days_before_is_on_time(partnership, chair, reps):
    meeting = plan(partnership, chair, days=7)

    services.meeting_notice_send(meeting=meeting, by=chair)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOTICE_SENT
    assert not meeting.notice_late


def test_six_days_before_needs_a_reason(partnership, chair, reps):
    meeting = plan(partnership, chair, days=6)

    with pytest.raises(ValidationError, match="short notice"):
        services.meeting_notice_send(meeting=meeting, by=chair)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_six_days_before_with_a_reason_is_sent_and_flagged(partnership, chair, reps):
    meeting = plan(partnership, chair, days=6)

    services.meeting_notice_send(meeting=meeting, by=chair, late_reason="Urgent budget decision")

    meeting.refresh_from_db()
    assert meeting.notice_late
    assert meeting.late_notice_reason == "Urgent budget decision"


def test_the_rule_counts_uk_calendar_days():
    starts = dt.datetime(2027, 1, 14, 16, tzinfo=rules.LONDON)

    on_time = rules.notice_is_late(sent_at=dt.datetime(2027, 1, 7, 23, 30, tzinfo=rules.LONDON), starts_at=starts,
                                   notice_days=7)
    late = rules.notice_is_late(sent_at=dt.datetime(2027, 1, 8, 0, 30, tzinfo=rules.LONDON), starts_at=starts,
                                notice_days=7)

    assert (on_time, late) == (False, True)


def test_a_partnerships_own_notice_period_applies(partnership, chair, reps):
    partnership.notice_days = 10
    partnership.save()
    meeting = plan(partnership, chair, days=9)

    with pytest.raises(ValidationError):
        services.meeting_notice_send(meeting=meeting, by=chair)


def test_the_agenda_must_be_agreed_before_the_notice(partnership, chair, reps):
    meeting = plan(partnership, chair, agree=False)

    with pytest.raises(ValidationError, match="Agree the agenda"):
        services.meeting_notice_send(meeting=meeting, by=chair)


def test_the_notice_page_warns_of_short_notice_and_records_the_reason(client, partnership, chair, reps):
    meeting = plan(partnership, chair, days=6)
    client.force_login(chair)
    url = f"/{partnership.consortium.slug}/meetings/{meeting.pk}/notice/"

    warning = client.get(url).content.decode()
    refused = client.post(url, {"late_reason": ""})
    accepted = client.post(url, {"late_reason": "Estyn visit moved"})

    assert "Short notice" in warning
    assert refused.status_code == 400
    assert accepted.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notice_late and meeting.late_notice_reason == "Estyn visit moved"


def test_rescheduling_to_short_notice_needs_a_reason(partnership, chair, reps):
    meeting = plan(partnership, chair, days=14)
    services.meeting_notice_send(meeting=meeting, by=chair)

    with pytest.raises(ValidationError, match="short notice"):
        services.meeting_update(meeting=meeting, by=chair, starts_at=at(3), ends_at=at(3, 18))
