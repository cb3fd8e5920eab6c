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
