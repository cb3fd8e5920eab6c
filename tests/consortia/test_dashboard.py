"""The dashboard leads with what needs the person now: meetings, actions and agreements to accept."""

import datetime as dt

import pytest
from django.urls import reverse

from governance import services as governance

from ..agreements.helpers import add_head, add_school, draft_agreement, publish
from ..governance.conftest import plan

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_my_next_meetings_actions_and_agreements(client, consortium, partnership, chair,
                                                                     consortium_admin,
                                                                     django_capture_on_commit_callbacks):
    school = add_school(partnership, "Ysgol Gymraeg Bryn Taf")
    head = add_head(partnership, school, "pennaeth@bryntaf.cymru", "Rhian Davies")
    plan(partnership, chair, days=5, title="Autumn strategic meeting")
    plan(partnership, chair, days=40, title="Spring strategic meeting")
    governance.action_create(partnership=partnership, meeting=None, title="Share the moderation timetable",
                             owner=head, due_on=dt.date.today() + dt.timedelta(days=3))
    publish(draft_agreement(partnership, title="Exceed partnership agreement"), consortium_admin,
            django_capture_on_commit_callbacks)
    client.force_login(head)

    page = client.get(reverse("dashboard", args=[consortium.slug])).content.decode()

    assert "Autumn strategic meeting" in page
    assert "Spring strategic meeting" not in page  # beyond the fortnight
    assert "Share the moderation timetable" in page
    assert "Exceed partnership agreement" in page
    assert "Agreements to accept" in page


def test_nothing_to_accept_hides_the_agreements_panel(client, consortium, representative):
    client.force_login(representative)

    page = client.get(reverse("dashboard", args=[consortium.slug])).content.decode()

    assert "Agreements to accept" not in page
    assert "No meetings in the next two weeks." in page
