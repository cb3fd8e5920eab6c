"""A refused step always says why: repeating a finished step, reminders of a version that is not the
current one, or a request that names no known action, is a 400 with its reason on the page."""

import datetime as dt

import pytest
from django.utils import timezone

from agreements import services
from agreements.models import AgreementResponse, AgreementVersion

pytestmark = pytest.mark.django_db


def errors_shown(response):
    return [str(message) for message in response.context["messages"]]


def reminders_url(consortium, version):
    return f"/{consortium.slug}/agreements/versions/{version.pk}/reminders/"


def test_accepting_twice_says_it_is_already_accepted(client, consortium, published, school_party, head):
    client.force_login(head)
    url = f"/{consortium.slug}/agreements/versions/{published.pk}/accept/"
    client.post(url, {"accept-party": school_party.pk, "accept-confirm": "on"}, follow=True)

    again = client.post(url, {"accept-party": school_party.pk, "accept-confirm": "on"})

    assert again.status_code == 400
    # The accept form is gone from the page, so the reason is at the top.
    assert errors_shown(again) == ["This has already been accepted."]
    assert AgreementResponse.objects.filter(kind=AgreementResponse.Kind.ACCEPT).count() == 1


def test_answering_an_answered_challenge_says_so(client, consortium, consortium_admin, published, school_party,
                                                head):
    challenge = services.agreement_challenge(party=school_party, user=head, reason="Clinics clash with exams.")
    services.challenge_answer(response=challenge, by=consortium_admin, answer="First answer.")
    client.force_login(consortium_admin)

    again = client.post(f"/{consortium.slug}/agreements/challenges/{challenge.pk}/answer/", {"answer": "Second."})

    assert again.status_code == 400
    assert errors_shown(again) == ["This challenge has already been answered."]
    challenge.refresh_from_db()
    assert challenge.answer == "First answer."


@pytest.mark.parametrize("data", [{}, {"action": "explode"}], ids=["no action", "unknown action"])
def test_a_reminders_request_without_a_known_action_says_what_to_do(client, consortium, consortium_admin, published,
                                                                    data):
    client.force_login(consortium_admin)

    response = client.post(reminders_url(consortium, published), data)

    assert response.status_code == 400
    assert "Choose what to do with the reminders." in response.content.decode()


@pytest.mark.parametrize("action", ["cancel", "resume", "postpone"])
def test_reminders_of_a_draft_cannot_be_changed_and_the_page_says_why(client, consortium, consortium_admin, draft,
                                                                     action):
    client.force_login(consortium_admin)
    until = (timezone.localdate() + dt.timedelta(days=7)).isoformat()

    response = client.post(reminders_url(consortium, draft), {"action": action, "until": until})

    assert response.status_code == 400
    assert errors_shown(response) == ["Only the current published version of an agreement can be responded to."]
    draft.refresh_from_db()
    assert (draft.reminders_cancelled, draft.reminders_paused_until) == (False, None)


def test_reminders_of_a_superseded_version_cannot_be_resumed(client, consortium, consortium_admin, published,
                                                            django_capture_on_commit_callbacks):
    from .helpers import publish

    publish(services.version_draft_next(template=published.template), consortium_admin,
            django_capture_on_commit_callbacks)
    client.force_login(consortium_admin)

    response = client.post(reminders_url(consortium, published), {"action": "resume"})

    assert response.status_code == 400
    assert AgreementVersion.objects.get(pk=published.pk).status == AgreementVersion.Status.SUPERSEDED
    assert errors_shown(response)


def test_reminders_cannot_be_postponed_beyond_a_year(client, consortium, consortium_admin, published):
    client.force_login(consortium_admin)

    response = client.post(reminders_url(consortium, published), {"action": "postpone", "until": "9999-12-31"})

    assert response.status_code == 400
    assert "Enter a date between" in str(response.context["postpone_form"].errors["until"])
    assert AgreementVersion.objects.get(pk=published.pk).reminders_paused_until is None
