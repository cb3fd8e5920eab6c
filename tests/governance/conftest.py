"""Governance fixtures: member schools with a representative each, and meetings at set times."""

import datetime as dt

import pytest
from django.utils import timezone

from governance import services
from governance.rules import LONDON
from partnerships.models import Organisation
from partnerships.services import membership_add, partnership_role_grant

from ..factories import UserFactory


@pytest.fixture
def schools(partnership):
    return [
        membership_add(partnership=partnership, joined_on=dt.date(2024, 9, 1), organisation=Organisation.objects.create(
            consortium=partnership.consortium, kind="school", name=name, phase="primary")).organisation
        for name in ("Parc Primary School", "Ysgol Gymraeg Bryn Taf", "Llwyncelyn Primary School", "Ysgol y Graig")
    ]


@pytest.fixture
def reps(partnership, schools):
    """One representative per school; the second prefers Welsh."""
    people = []
    for index, school in enumerate(schools):
        user = UserFactory(email=f"head{index}@school.cymru", preferred_language="cy" if index == 1 else "en")
        partnership_role_grant(partnership=partnership, user=user, role="representative", organisation=school)
        people.append(user)
    return people


def at(days: int, hour: int = 16) -> dt.datetime:
    """`days` from today at `hour` o'clock UK time."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


def plan(partnership, by, *, days=14, title="Strategic meeting", kind="strategic", agenda=("Welcome",),
         agree=True, **extra):
    meeting = services.meeting_schedule(partnership=partnership, created_by=by, title=title, kind=kind,
                                        starts_at=at(days), ends_at=at(days, 18), venue="Parc Primary School",
                                        **extra)
    for title_ in agenda:
        services.agenda_item_save(meeting=meeting, title=title_)
    if agree:
        services.agenda_agree(meeting=meeting, by=by)
    meeting.refresh_from_db()
    return meeting


def planned_earlier(partnership, by, *, days: int, title="Strategic meeting", kind="strategic",
                    agenda=("Welcome",), notice=True, **extra):
    """A meeting on the day `days` from today (in the past when negative) that was planned three weeks
    before it and, with `notice`, noticed ten days before: what a meeting looks like once it has come
    round, whatever the hour the test runs. Its attendance is not recorded yet."""
    starts, ends = at(days), at(days, 18)
    meeting = services.meeting_schedule(partnership=partnership, created_by=by, title=title, kind=kind,
                                        starts_at=starts, ends_at=ends, venue="Parc Primary School",
                                        now=starts - dt.timedelta(days=21), **extra)
    for title_ in agenda:
        services.agenda_item_save(meeting=meeting, title=title_)
    services.agenda_agree(meeting=meeting, by=by)
    if notice:
        services.meeting_notice_send(meeting=meeting, by=by, now=starts - dt.timedelta(days=10))
    meeting.refresh_from_db()
    return meeting


def took_place(partnership, by, *, days_ago=1, title="Strategic meeting", agenda=("Welcome",), people=None,
               **extra):
    """A meeting that took place `days_ago` days ago, recorded with its attendance (everyone invited
    present unless `people` says otherwise): held, at any hour the test runs."""
    from governance import selectors

    invited = selectors.partnership_invitees(partnership)
    statuses = {user.pk: "present" for user, _viewer in invited}
    statuses.update({user.pk: status for user, status in (people or {}).items()})
    meeting = services.meeting_record(partnership=partnership, recorded_by=by, title=title,
                                      starts_at=at(-days_ago), ends_at=at(-days_ago, 18), venue="Parc Primary School",
                                      people=statuses, agenda=[{"title": t} for t in agenda], **extra)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def meeting(partnership, chair, clerk, reps):
    return plan(partnership, chair)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run a call and every task it queues on commit (the tasks are eager in tests)."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run
