"""The dashboard shows who will be reminded next, when, how many, and how many reminders have gone."""

import datetime as dt

import pytest

from agreements import selectors, services
from agreements.models import AgreementVersion

pytestmark = pytest.mark.django_db

UTC = dt.UTC


@pytest.fixture
def monday_morning(published):
    """Published on Monday 4 January 2027 at 10:00 UTC; reminders every 7 days at 08:00 UTC."""
    AgreementVersion.objects.filter(pk=published.pk).update(published_at=dt.datetime(2027, 1, 4, 10, tzinfo=UTC))
    published.refresh_from_db()
    return published


def test_the_first_reminder_is_planned_for_the_first_run_a_week_after_publication(monday_morning, head, fellow):
    plan = selectors.reminder_plan(monday_morning, now=dt.datetime(2027, 1, 5, 12, tzinfo=UTC))

    assert plan.state == "active"
    assert plan.next_at == dt.datetime(2027, 1, 12, 8, tzinfo=UTC)
    assert [user.email for user, _parties in plan.recipients] == [fellow.email, head.email]
    assert plan.recipient_count == 2 and plan.sent_count == 0


def test_once_sent_the_next_is_a_window_later(monday_morning, head):
    services.version_reminders_send(version=monday_morning, now=dt.datetime(2027, 1, 12, 8, tzinfo=UTC))

    plan = selectors.reminder_plan(monday_morning, now=dt.datetime(2027, 1, 12, 9, tzinfo=UTC))

    assert plan.sent_count == 2
    assert plan.next_at == dt.datetime(2027, 1, 19, 8, tzinfo=UTC)


def test_accepting_takes_the_party_out_of_the_plan(monday_morning, school_party, head, fellow):
    services.agreement_accept(party=school_party, user=head)

    plan = selectors.reminder_plan(monday_morning, now=dt.datetime(2027, 1, 5, 12, tzinfo=UTC))

    assert [user.email for user, _parties in plan.recipients] == [fellow.email]


def test_a_pause_moves_the_next_reminder_to_its_end(monday_morning):
    AgreementVersion.objects.filter(pk=monday_morning.pk).update(
        reminders_paused_until=dt.datetime(2027, 1, 25, tzinfo=UTC))
    monday_morning.refresh_from_db()

    plan = selectors.reminder_plan(monday_morning, now=dt.datetime(2027, 1, 5, 12, tzinfo=UTC))

    assert plan.state == "paused"
    assert plan.next_at == dt.datetime(2027, 1, 25, 8, tzinfo=UTC)


def test_cancelled_reminders_plan_nothing(monday_morning):
    cancelled = services.reminders_cancel(version=monday_morning)

    plan = selectors.reminder_plan(cancelled)

    assert plan.state == "cancelled" and plan.next_at is None and plan.recipients == []


def test_the_dashboard_shows_the_planned_reminders(client, consortium, chair, published, head, fellow):
    client.force_login(chair)

    page = client.get(f"/{consortium.slug}/agreements/versions/{published.pk}/dashboard/").content.decode()

    assert "The next reminder goes to 2 people on" in page
    assert "Rhian Davies" in page and "Dafydd Price" in page
    assert "0 reminders sent so far." in page
    assert "Postpone reminders" in page and "Cancel reminders" in page
