"""The programme agreement: participants, their schools and visiting fellows are bound to its
current version, the hub sees who has not accepted, and the agreements app's reminders chase them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from agreements import services as agreement_services
from agreements.models import AgreementParty
from consortia.models import OutboundEmail
from programmes import services

from ..factories import UserFactory
from .conftest import enrol

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(partnership, npq_programme):
    template = agreement_services.template_create(partnership=partnership, title="Partnership agreement")
    version = template.versions.get()
    for role in ("participant", "school", "visiting_fellow"):
        agreement_services.section_save(version=version, role=role, heading=f"{role} commit to",
                                        body="Attend all events")
    agreement_services.version_publish(version=version, by=None)
    services.programme_update(programme=npq_programme, agreement=template)
    npq_programme.refresh_from_db()
    return version


def test_enrolling_binds_the_participant_and_their_school_and_asks_them(agreement, npq_cohort, schools):
    participant = enrol(npq_cohort, schools[0])

    parties = set(AgreementParty.objects.filter(version=agreement).values_list("role", "user", "organisation"))
    assert ("participant", participant.user_id, None) in parties
    assert ("school", None, schools[0].pk) in parties
    assert OutboundEmail.objects.filter(purpose="agreement_request", recipient=participant.user.email).exists()


def test_a_visiting_fellow_is_bound_when_given_the_role(agreement, npq_programme):
    fellow = UserFactory()

    services.programme_role_grant(programme=npq_programme, user=fellow, role="visiting_fellow")
    services.programme_role_grant(programme=npq_programme, user=fellow, role="visiting_fellow")

    assert AgreementParty.objects.filter(version=agreement, user=fellow, role="visiting_fellow").count() == 1


def test_the_hub_sees_who_has_not_accepted(client, lead, agreement, npq_programme, npq_cohort, schools):
    accepted, pending = enrol(npq_cohort, schools[0]), enrol(npq_cohort, schools[0])
    party = AgreementParty.objects.get(version=agreement, user=accepted.user)
    agreement_services.agreement_accept(party=party, user=accepted.user)
    client.force_login(lead)

    page = client.get(reverse("programme_agreement", args=[npq_programme.consortium.slug, npq_programme.pk]) +
                      "?status=pending").content.decode()

    assert escape(pending.user.get_full_name()) in page
    assert escape(accepted.user.get_full_name()) not in page


def test_reminders_chase_a_participant_who_has_not_accepted(agreement, npq_cohort, schools):
    participant = enrol(npq_cohort, schools[0])

    queued = agreement_services.version_reminders_send(version=agreement,
                                                       now=timezone.now() + dt.timedelta(days=8))

    assert queued >= 1
    assert OutboundEmail.objects.filter(purpose="agreement_reminder", recipient=participant.user.email).exists()
