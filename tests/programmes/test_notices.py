"""Event notices and reminders with an iCalendar invitation, through the outbox, exactly once."""

import datetime as dt

import pytest
from django.core import mail
from icalendar import Calendar

from consortia.models import OutboundEmail
from programmes import services

from .conftest import enrol, event_on, future

pytestmark = pytest.mark.django_db


@pytest.fixture
def noticed(npq_cohort, schools, django_capture_on_commit_callbacks):
    people = [enrol(npq_cohort, schools[0]) for _ in range(3)]
    event = event_on(npq_cohort, future(10))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.event_notify(event=event, by=None)
    return event, people, callbacks


def notices(event):
    return OutboundEmail.objects.filter(object_type="programmes.event", object_id=str(event.pk),
                                        purpose="programme_event_notice")


def test_each_expected_participant_gets_one_notice_with_an_invitation(noticed):
    event, people, callbacks = noticed

    assert callbacks[0].task_name == "programmes.tasks.event_notices_dispatch"  # queued on commit
    assert sorted(notices(event).values_list("recipient", flat=True)) == sorted(p.user.email for p in people)
    invitation = next(m for m in mail.outbox if m.to == [people[0].user.email] and m.attachments)
    calendar = Calendar.from_ical(invitation.attachments[0][1])
    vevent = next(c for c in calendar.walk("VEVENT"))
    assert str(vevent["UID"]) == event.ics_uid and int(vevent["SEQUENCE"]) == 1
    assert str(calendar["METHOD"]) == "REQUEST"


def test_dispatching_again_sends_nothing_twice(noticed):
    event, _people, _callbacks = noticed

    assert services.event_notices_dispatch(event=event) == 0


def test_reminders_are_planned_for_a_week_and_a_day_before(noticed):
    event, people, _callbacks = noticed

    reminders = OutboundEmail.objects.filter(object_id=str(event.pk), recipient=people[0].user.email,
                                             purpose__startswith="programme_event_reminder")
    assert sorted(r.not_before.date() for r in reminders) == [
        (event.starts_at - dt.timedelta(days=7)).date(), (event.starts_at - dt.timedelta(days=1)).date()]


def test_a_new_time_sends_an_update_with_a_higher_sequence(noticed, django_capture_on_commit_callbacks):
    event, people, _callbacks = noticed

    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(cohort=event.cohort, event=event, by=None,
                            starts_at=event.starts_at + dt.timedelta(hours=1),
                            ends_at=event.ends_at + dt.timedelta(hours=1))

    event.refresh_from_db()
    assert event.version == 2
    assert notices(event).filter(version=2).count() == len(people)
    old = OutboundEmail.objects.filter(object_id=str(event.pk), version=1, purpose__startswith="programme_event_rem")
    assert set(old.values_list("status", flat=True)) == {"cancelled"}


def test_cancelling_sends_a_cancellation_that_removes_it_from_calendars(noticed, django_capture_on_commit_callbacks):
    event, people, _callbacks = noticed

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=None)

    cancellation = next(m for m in mail.outbox if m.subject.startswith("Cancelled") and m.to == [people[0].user.email])
    assert str(Calendar.from_ical(cancellation.attachments[0][1])["METHOD"]) == "CANCEL"


def test_the_personal_calendar_feed_includes_programme_events(client, npq_cohort, schools):
    from governance.services import calendar_feed_reset

    enrolment = enrol(npq_cohort, schools[0])
    event = event_on(npq_cohort, future(3), title="Clinic on retrieval practice")
    token = calendar_feed_reset(consortium=npq_cohort.consortium, user=enrolment.user)

    feed = client.get(f"/feeds/calendar/{token}/")

    assert feed.status_code == 200
    assert event.ics_uid in feed.content.decode()
    assert "Clinic on retrieval practice" in feed.content.decode()


def test_an_event_needs_a_place_or_a_link(npq_cohort):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="venue"):
        services.event_save(cohort=npq_cohort, by=None, kind="clinic", title="Clinic", starts_at=future(3),
                            ends_at=future(3) + dt.timedelta(hours=1))
