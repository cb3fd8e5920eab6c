"""Who may change what on an action: one rule, and the page and the API both keep to it.

Whoever records the partnership's minutes (chair, clerk) may change anything; the action's owner
its status and due date; anyone else nothing.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Action

from .test_api import api, base

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.governance.api_urls")]

EVERYTHING = {"title", "title_cy", "owner", "status", "due_on"}


@pytest.fixture
def action(partnership, reps):
    return services.action_create(partnership=partnership, title="Share the moderation timetable", owner=reps[0],
                                  due_on=timezone.localdate() + dt.timedelta(days=20))


@pytest.fixture
def people(reps, clerk):
    return {"owner": reps[0], "clerk": clerk, "another representative": reps[1]}


ALLOWED = {"owner": {"status", "due_on"}, "clerk": EVERYTHING, "another representative": set()}


def new_values(action, reps):
    return {"title": "Renamed", "title_cy": "Wedi ei ailenwi", "owner": reps[2].pk, "status": "in_progress",
            "due_on": (action.due_on + dt.timedelta(days=7)).isoformat()}


def stored(action, field):
    action = Action.objects.get(pk=action.pk)
    return action.owner_id if field == "owner" else str(getattr(action, field))


@pytest.mark.parametrize("who", ["owner", "clerk"])
def test_the_page_offers_exactly_what_the_rule_allows(client, action, people, who):
    client.force_login(people[who])

    response = client.get(reverse("action_edit", args=[action.consortium.slug, action.pk]))

    assert set(response.context["form"].fields) == ALLOWED[who]


def test_the_page_is_refused_to_anyone_else(client, action, people):
    client.force_login(people["another representative"])

    assert client.get(reverse("action_edit", args=[action.consortium.slug, action.pk])).status_code == 403


API_CASES = [(who, field, field in allowed) for who, allowed in ALLOWED.items() for field in sorted(EVERYTHING)]


@pytest.mark.parametrize("who,field,allowed", [case for case in API_CASES if case[2]])
def test_the_api_accepts_what_the_rule_allows(consortium, action, people, reps, who, field, allowed):
    value = new_values(action, reps)[field]

    response = api(people[who]).patch(base(consortium) + f"actions/{action.pk}/", {field: value}, format="json")

    assert response.status_code == 200
    assert stored(action, field) == value


@pytest.mark.parametrize("who,field,allowed", [case for case in API_CASES if not case[2]])
def test_the_api_refuses_what_the_rule_does_not_allow(consortium, action, people, reps, who, field, allowed):
    before = stored(action, field)

    response = api(people[who]).patch(base(consortium) + f"actions/{action.pk}/",
                                      {field: new_values(action, reps)[field]}, format="json")

    assert response.status_code == 403
    assert stored(action, field) == before


@pytest.mark.parametrize("field", ["title", "owner"])
def test_the_page_ignores_what_the_owner_may_not_change(client, action, people, reps, field):
    values = new_values(action, reps)
    client.force_login(people["owner"])

    client.post(reverse("action_edit", args=[action.consortium.slug, action.pk]),
                {"status": "in_progress", "due_on": values["due_on"], field: values[field]})

    assert stored(action, "status") == "in_progress"
    assert stored(action, field) != values[field]


def test_the_api_says_what_the_owner_may_change(consortium, action, people):
    response = api(people["owner"]).patch(base(consortium) + f"actions/{action.pk}/", {"title": "Renamed"},
                                          format="json")

    assert response.json() == {"detail": "As the action's owner you can change only its status and due date."}


def test_a_full_update_with_unchanged_title_and_owner_is_the_owners_to_make(consortium, action, people):
    body = {"partnership": action.partnership_id, "title": action.title, "owner": action.owner_id,
            "due_on": action.due_on.isoformat(), "status": "done"}

    response = api(people["owner"]).put(base(consortium) + f"actions/{action.pk}/", body, format="json")

    assert response.status_code == 200 and stored(action, "status") == "done"


def test_the_owner_sees_the_due_date_in_welsh_too(client, action, people):
    people["owner"].preferred_language = "cy"
    people["owner"].save(update_fields=["preferred_language"])
    client.force_login(people["owner"])

    page = client.get(reverse("action_edit", args=[action.consortium.slug, action.pk])).content.decode()

    day, month, year = (f'name="due_on_{part}" type="text" inputmode="numeric" value="{value}"'
                        for part, value in (("day", action.due_on.day), ("month", action.due_on.month),
                                            ("year", action.due_on.year)))
    assert day in page and month in page and year in page
