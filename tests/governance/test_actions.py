"""Actions: reminders to the owner before and after the due date, the partnership's page and "my actions"."""

import datetime as dt

import pytest
from django.utils import timezone

from consortia.models import OutboundEmail
from governance import services
from governance.models import Action

pytestmark = pytest.mark.django_db


def reminders(action, status="queued"):
    return OutboundEmail.objects.filter(object_type="governance.action", object_id=str(action.pk), status=status)


@pytest.fixture
def action(partnership, reps):
    return services.action_create(partnership=partnership, title="Share the moderation timetable", owner=reps[0],
                                  due_on=timezone.localdate() + dt.timedelta(days=20))


def test_reminders_before_and_after_the_due_date_are_planned(action, reps):
    planned = {e.purpose: timezone.localtime(e.not_before) for e in reminders(action)}

    assert set(planned) == {"action_reminder_due", "action_reminder_overdue"}
    assert planned["action_reminder_due"].date() == action.due_on - dt.timedelta(days=3)
    assert planned["action_reminder_overdue"].date() == action.due_on + dt.timedelta(days=1)
    assert {e.recipient for e in reminders(action)} == {reps[0].email}


def test_a_new_due_date_replans_the_reminders_once(action, reps):
    services.action_update(action=action, by=reps[0], due_on=action.due_on + dt.timedelta(days=7))
    services.action_update(action=action, by=reps[0], status="in_progress")

    assert reminders(action).count() == 2
    assert reminders(action, "cancelled").count() == 2
    assert set(reminders(action).values_list("version", flat=True)) == {2}


def test_done_cancels_the_planned_reminders(action, reps):
    services.action_update(action=action, by=reps[0], status="done")

    assert not reminders(action).exists()
    assert Action.objects.get(pk=action.pk).completed_at is not None


def test_only_people_with_a_role_own_actions(partnership, member):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.action_create(partnership=partnership, title="X", owner=member, due_on=timezone.localdate())


def test_my_actions_lists_mine_only(client, partnership, action, reps):
    services.action_create(partnership=partnership, title="Someone else's action", owner=reps[1],
                           due_on=timezone.localdate())
    client.force_login(reps[0])

    page = client.get(f"/{partnership.consortium.slug}/meetings/actions/mine/").content.decode()

    assert "Share the moderation timetable" in page
    assert "Someone else's action" not in page


def test_the_partnership_actions_page_filters_overdue(client, partnership, action, reps):
    late = services.action_create(partnership=partnership, title="Late action", owner=reps[1],
                                  due_on=timezone.localdate() - dt.timedelta(days=2))
    client.force_login(reps[2])

    page = client.get(f"/{partnership.consortium.slug}/meetings/partnership/{partnership.pk}/actions/",
                      {"status": "overdue"}).content.decode()

    assert late.title in page and "Overdue" in page
    assert action.title not in page


def test_an_owner_updates_their_action_but_not_anothers(client, partnership, action, reps):
    client.force_login(reps[1])
    url = f"/{partnership.consortium.slug}/meetings/actions/{action.pk}/"

    refused = client.post(url, {"status": "done", "due_on": action.due_on.isoformat()})
    client.force_login(reps[0])
    accepted = client.post(url, {"status": "done", "due_on": action.due_on.isoformat()})

    assert (refused.status_code, accepted.status_code) == (403, 302)
    assert Action.objects.get(pk=action.pk).status == "done"
