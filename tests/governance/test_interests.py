"""Declarations per meeting, and a register of standing interests re-confirmed each academic year."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from consortia.models import OutboundEmail
from governance import rules, selectors, services
from governance.models import Declaration

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today,confirmed,status", [
    (dt.date(2026, 9, 1), False, "due"),
    (dt.date(2026, 9, 30), False, "due"),
    (dt.date(2026, 10, 1), False, "overdue"),
    (dt.date(2027, 8, 31), False, "overdue"),
    (dt.date(2026, 10, 1), True, "confirmed"),
])
def test_status_through_the_year(today, confirmed, status):
    assert rules.interests_status(confirmed=confirmed, today=today) == status


def test_nothing_to_declare_is_a_confirmation(consortium, reps):
    services.interests_confirm(consortium=consortium, user=reps[0], nothing_to_declare=True,
                               today=dt.date(2026, 9, 5))

    rows = {r["user"]: r["status"] for r in selectors.interests_compliance(consortium.pk, today=dt.date(2026, 10, 2))}

    assert rows[reps[0]] == "confirmed"
    assert rows[reps[1]] == "overdue"


def test_a_confirmation_lasts_only_its_academic_year(consortium, reps):
    services.interests_confirm(consortium=consortium, user=reps[0], nothing_to_declare=True,
                               today=dt.date(2026, 8, 31))

    rows = {r["user"]: r["status"] for r in selectors.interests_compliance(consortium.pk, today=dt.date(2026, 9, 1))}

    assert rows[reps[0]] == "due"


def test_nothing_to_declare_is_refused_with_interests_on_the_register(consortium, reps):
    services.standing_interest_add(consortium=consortium, user=reps[0], interest="Governor at Ysgol y Graig")

    with pytest.raises(ValidationError):
        services.interests_confirm(consortium=consortium, user=reps[0], nothing_to_declare=True)


def test_reminders_go_once_when_due_and_once_when_overdue(consortium, reps, chair, clerk,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.interests_reminders_send(today=dt.date(2026, 9, 2))
        again = services.interests_reminders_send(today=dt.date(2026, 9, 3))
        overdue = services.interests_reminders_send(today=dt.date(2026, 10, 2))

    assert (first, again, overdue) == (6, 0, 6)
    assert OutboundEmail.objects.filter(purpose="interests_reminder", recipient=reps[0].email, version=2026).exists()


def test_declaring_an_interest_at_a_meeting(client, meeting, reps):
    item = meeting.agenda_items.get()
    client.force_login(reps[0])

    response = client.post(f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/declarations/add/",
                           {"agenda_item": item.pk, "kind": "pecuniary", "interest": "Husband is the contractor"})
    page = client.get(f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/").content.decode()

    assert response.status_code == 302
    assert Declaration.objects.get().agenda_item == item
    assert "Husband is the contractor" in page


def test_the_register_page_confirms(client, consortium, reps):
    client.force_login(reps[0])

    response = client.post(f"/{consortium.slug}/meetings/interests/", {"step": "confirm",
                                                                        "nothing_to_declare": "on"})
    page = client.get(f"/{consortium.slug}/meetings/interests/").content.decode()

    assert response.status_code == 302
    assert "Confirmed" in page
