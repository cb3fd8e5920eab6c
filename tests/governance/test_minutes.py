"""Minutes: drafted by the note-taker, approved at a later meeting, circulated by a task, downloaded as a PDF."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from consortia.models import OutboundEmail
from governance import services
from governance.models import Minutes
from partnerships.models import Organisation
from partnerships.services import partnership_update

from .conftest import took_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(partnership, chair, clerk, reps):
    """A meeting that took place two days ago, recorded with its attendance, a declaration, a decision
    with a vote, an action and draft minutes."""
    meeting = took_place(partnership, clerk, days_ago=2, agenda=("Moderation",), people={reps[3]: "apologies"})
    services.declaration_record(meeting=meeting, user=reps[0], interest="Spouse works at the supplier")
    services.decision_record(meeting=meeting, by=clerk, text="Adopt the joint INSET calendar", vote_taken=True,
                             votes_for=3, votes_against=0, votes_abstaining=1)
    services.action_create(partnership=partnership, meeting=meeting, title="Book the venue", owner=reps[1],
                           due_on=meeting.starts_at.date())
    services.minutes_save(meeting=meeting, by=clerk, body="The partnership agreed the calendar.")
    return meeting


def approve(held, partnership, chair, send):
    """Approve the held meeting's minutes at the next meeting, which took place yesterday."""
    later = took_place(partnership, chair, days_ago=1, title="Next meeting")
    return send(services.minutes_approve, minutes=held.minutes, at_meeting=later, by=chair)


def test_minutes_cannot_be_approved_at_the_same_or_an_earlier_meeting(held, chair):
    with pytest.raises(ValidationError, match="later meeting"):
        services.minutes_approve(minutes=held.minutes, at_meeting=held, by=chair)


def test_approved_minutes_are_circulated_to_members_once(held, partnership, chair, clerk, reps, send):
    approve(held, partnership, chair, send)
    send(services.minutes_circulate, minutes=held.minutes)

    circulated = OutboundEmail.objects.filter(purpose="minutes_circulated")
    assert sorted(circulated.values_list("recipient", flat=True)) == sorted(
        [u.email for u in reps] + [chair.email, clerk.email])
    assert Minutes.objects.get(pk=held.minutes.pk).circulated_at is not None
    assert all(m.attachments[0][2] == "application/pdf" for m in mail.outbox)


def test_the_local_authority_receives_them_where_the_partnership_agreed(held, partnership, chair, schools, send):
    council = Organisation.objects.create(consortium=partnership.consortium, kind="local_authority",
                                          name="Rhondda Cynon Taf", email="partnerships@rctcbc.gov.uk")
    schools[0].local_authority = council
    schools[0].save()
    partnership_update(partnership=partnership, circulate_notes_to_local_authority=True)
    held.partnership.refresh_from_db()

    approve(held, partnership, chair, send)

    to_council = OutboundEmail.objects.filter(purpose="minutes_circulated", recipient="partnerships@rctcbc.gov.uk")
    assert to_council.count() == 1


def test_the_local_authority_is_not_sent_them_otherwise(held, partnership, chair, schools, send):
    council = Organisation.objects.create(consortium=partnership.consortium, kind="local_authority",
                                          name="Rhondda Cynon Taf", email="partnerships@rctcbc.gov.uk")
    schools[0].local_authority = council
    schools[0].save()

    approve(held, partnership, chair, send)

    assert not OutboundEmail.objects.filter(recipient="partnerships@rctcbc.gov.uk").exists()


def test_subscribed_observers_receive_approved_minutes(held, partnership, chair, observer, send):
    services.subscription_set(partnership=partnership, user=observer, subscribed=True)

    approve(held, partnership, chair, send)

    assert OutboundEmail.objects.filter(purpose="minutes_circulated", recipient=observer.email).exists()


def test_the_pdf_has_attendance_declarations_decisions_votes_and_actions(client, held, partnership, chair, reps,
                                                                          send):
    approve(held, partnership, chair, send)
    client.force_login(reps[2])

    response = client.get(f"/{partnership.consortium.slug}/meetings/{held.pk}/minutes.pdf")

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    for expected in (reps[0].full_name, "Apologies", "Spouse works at the supplier",
                     "Adopt the joint INSET calendar", "3 / 0 / 1", "Book the venue", "Approved at the meeting"):
        assert expected in text


def test_draft_minutes_are_hidden_from_readers(client, held, partnership, reps):
    client.force_login(reps[2])

    page = client.get(f"/{partnership.consortium.slug}/meetings/{held.pk}/").content.decode()

    assert "The partnership agreed the calendar." not in page
    assert client.get(f"/{partnership.consortium.slug}/meetings/{held.pk}/minutes.pdf").status_code == 404


def test_approved_minutes_cannot_be_edited(held, partnership, chair, send):
    approve(held, partnership, chair, send)

    with pytest.raises(ValidationError):
        services.minutes_save(meeting=held, by=chair, body="Rewritten")


def test_a_representative_cannot_draft_minutes(client, held, partnership, reps):
    client.force_login(reps[0])

    assert client.get(f"/{partnership.consortium.slug}/meetings/{held.pk}/minutes/").status_code == 403
