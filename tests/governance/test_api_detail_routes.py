"""A detail route or action reads no list filters: a query string meant for a list refuses nothing."""

import pytest

from governance.models import Attendance

from .conftest import planned_earlier
from .test_api import api, base

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.governance.api_urls")]


def test_recording_attendance_ignores_list_filters(consortium, partnership, chair, clerk, reps):
    meeting = planned_earlier(partnership, chair, days=0)

    response = api(clerk).post(base(consortium) + f"meetings/{meeting.pk}/attendance/?partnership=0&search=x",
                               {"people": {str(reps[0].pk): "present"}}, format="json")

    assert response.status_code == 200
    assert [row["user"] for row in response.json()] == [reps[0].pk]
    assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_a_row_is_found_whatever_the_list_filters_say(consortium, meeting, chair):
    response = api(chair).get(base(consortium) + f"meetings/{meeting.pk}/?partnership=0&status=cancelled")

    assert response.status_code == 200
