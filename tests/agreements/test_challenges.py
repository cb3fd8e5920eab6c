"""A party may challenge a version within its challenge window; the chair or an admin answers."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agreements import selectors, services
from agreements.models import AgreementResponse, AgreementVersion, PartyStatus

pytestmark = pytest.mark.django_db


def published_days_ago(version, days):
    AgreementVersion.objects.filter(pk=version.pk).update(published_at=timezone.now() - dt.timedelta(days=days))
    version.refresh_from_db()


def test_a_challenge_within_the_window_is_recorded(client, consortium, published, school_party, head):
    published_days_ago(published, 13)
    client.force_login(head)

    response = client.post(f"/{consortium.slug}/agreements/versions/{published.pk}/challenge/",
                           {"challenge-party": school_party.pk, "challenge-reason": "Clinics clash with exams."})

    assert response.status_code == 302
    challenge = AgreementResponse.objects.get()
    assert challenge.kind == AgreementResponse.Kind.CHALLENGE
    assert challenge.reason == "Clinics clash with exams."
    assert challenge.by == head and challenge.on_behalf_of_id == school_party.organisation_id
    assert selectors.party_status(school_party) == PartyStatus.CHALLENGED


def test_a_challenge_after_the_window_is_refused(published, school_party, head):
    published_days_ago(published, 15)

    with pytest.raises(ValidationError, match="time to challenge"):
        services.agreement_challenge(party=school_party, user=head, reason="Too late?")

    assert not AgreementResponse.objects.exists()


def test_the_challenge_form_is_not_offered_after_the_window(client, consortium, published, head):
    published_days_ago(published, 15)
    client.force_login(head)

    page = client.get(f"/{consortium.slug}/agreements/versions/{published.pk}/").content.decode()

    assert "id_challenge-reason" not in page
    assert "The time to challenge this version ended" in page


def test_a_challenge_needs_a_reason(client, consortium, published, school_party, head):
    client.force_login(head)

    response = client.post(f"/{consortium.slug}/agreements/versions/{published.pk}/challenge/",
                           {"challenge-party": school_party.pk, "challenge-reason": ""})

    assert response.status_code == 400
    assert not AgreementResponse.objects.exists()


def test_an_admin_answers_a_challenge_and_the_challenger_is_told(client, consortium, consortium_admin, published,
                                                                  school_party, head,
                                                                  django_capture_on_commit_callbacks):
    challenge = services.agreement_challenge(party=school_party, user=head, reason="Clinics clash with exams.")
    mail.outbox.clear()
    client.force_login(consortium_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/{consortium.slug}/agreements/challenges/{challenge.pk}/answer/",
                               {"answer": "Clinics will be recorded for those who cannot attend."})

    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.answer == "Clinics will be recorded for those who cannot attend."
    assert challenge.answered_by == consortium_admin and challenge.answered_at is not None
    assert [m.to for m in mail.outbox] == [[head.email]]
    assert "Clinics will be recorded" in mail.outbox[0].body


def test_the_chair_may_answer_too(published, school_party, head, chair):
    challenge = services.agreement_challenge(party=school_party, user=head, reason="Why?")

    services.challenge_answer(response=challenge, by=chair, answer="Because.")

    challenge.refresh_from_db()
    assert challenge.answered_by == chair


def test_a_representative_cannot_answer_a_challenge(client, consortium, published, school_party, head):
    challenge = services.agreement_challenge(party=school_party, user=head, reason="Why?")
    client.force_login(head)

    response = client.post(f"/{consortium.slug}/agreements/challenges/{challenge.pk}/answer/", {"answer": "Me."})

    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.challenge_answer(response=challenge, by=head, answer="Me.")
    challenge.refresh_from_db()
    assert challenge.answered_at is None


def test_an_empty_answer_is_400_and_saves_nothing(client, consortium, consortium_admin, published, school_party,
                                                  head):
    challenge = services.agreement_challenge(party=school_party, user=head, reason="Why?")
    client.force_login(consortium_admin)

    response = client.post(f"/{consortium.slug}/agreements/challenges/{challenge.pk}/answer/", {"answer": ""})

    assert response.status_code == 400
    challenge.refresh_from_db()
    assert challenge.answered_at is None


def test_after_an_answer_the_party_can_accept(published, school_party, head, consortium_admin):
    challenge = services.agreement_challenge(party=school_party, user=head, reason="Why?")
    services.challenge_answer(response=challenge, by=consortium_admin, answer="Because.")

    services.agreement_accept(party=school_party, user=head)

    assert selectors.party_status(school_party) == PartyStatus.ACCEPTED
    assert list(AgreementResponse.objects.order_by("at", "pk").values_list("kind", flat=True)) == [
        "challenge", "accept"]
