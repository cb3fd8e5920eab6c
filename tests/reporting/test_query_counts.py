"""Gathering a report's data costs the same number of queries however many meetings, members and actions."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Organisation
from partnerships.services import membership_add
from reporting import pdf
from reporting.sections import ReportYear

from ..factories import UserFactory
from .conftest import YEAR, add_action, add_attendance, add_meeting

pytestmark = pytest.mark.django_db


def grow(partnership, schools: int, meetings: int):
    owner = UserFactory()
    organisations = [Organisation.objects.create(consortium=partnership.consortium, kind="school",
                                                 name=f"Extra School {partnership.pk}-{i}-{schools}")
                     for i in range(schools)]
    for organisation in organisations:
        membership_add(partnership=partnership, organisation=organisation, joined_on=dt.date(2023, 9, 1))
    for i in range(meetings):
        meeting = add_meeting(partnership, dt.date(2024, 9, 10) + dt.timedelta(days=20 * i), title=f"Meeting {i}")
        for organisation in organisations:
            add_attendance(meeting, organisation)
        add_action(partnership, meeting, owner, title=f"Action {i}", due_on=dt.date(2025, 1, 1))


def gather_queries(partnership) -> int:
    with CaptureQueriesContext(connection) as captured:
        pdf.gather(partnership, ReportYear(YEAR))
    return len(captured)


def test_gathering_is_bounded_as_the_data_grows(demo_year):
    # Given a partnership with a little data
    partnership = demo_year["partnership"]
    small = gather_queries(partnership)

    # When it gains many more members, meetings, attendance rows and actions
    grow(partnership, schools=8, meetings=12)
    big = gather_queries(partnership)

    # Then gathering makes the same number of queries
    assert big == small
    assert small <= 17  # one query per section at most (ITE and joint plans added two), a few for governance
