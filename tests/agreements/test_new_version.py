"""A new version asks everyone to accept again; acceptances of earlier versions stay in the history."""

import pytest
from django.core import mail

from agreements import selectors, services
from agreements.models import AgreementResponse, AgreementVersion, PartyStatus

from .helpers import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted_v1(published, school_party, head, fellow_party, fellow):
    services.agreement_accept(party=school_party, user=head)
    services.agreement_accept(party=fellow_party, user=fellow)
    return published


def test_drafting_the_next_version_copies_the_text_and_the_people(accepted_v1, fellow):
    draft = services.version_draft_next(template=accepted_v1.template)

    assert draft.number == 2 and draft.status == AgreementVersion.Status.DRAFT
    assert [s.heading for s in draft.sections.all()] == [s.heading for s in accepted_v1.sections.all()]
    # Member schools are bound again at publication; the people added by hand come across now.
    assert [(p.user_id, p.role) for p in draft.parties.all()] == [(fellow.pk, "visiting_fellow")]


def test_re_acceptance_after_a_new_version(accepted_v1, school, head, consortium_admin,
                                           django_capture_on_commit_callbacks):
    draft = services.version_draft_next(template=accepted_v1.template)
    services.section_save(version=draft, section=draft.sections.first(), role="school",
                          heading="Schools commit to", body="Register the ECT\nRelease staff for events")
    mail.outbox.clear()

    v2 = publish(draft, consortium_admin, django_capture_on_commit_callbacks)

    accepted_v1.refresh_from_db()
    assert accepted_v1.status == AgreementVersion.Status.SUPERSEDED
    old_party = accepted_v1.parties.get(organisation=school)
    new_party = v2.parties.get(organisation=school)
    assert selectors.party_status(old_party) == PartyStatus.ACCEPTED  # still in the history
    assert selectors.party_status(new_party) == PartyStatus.PENDING
    assert AgreementResponse.objects.filter(version=accepted_v1, kind="accept").count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["fellow@exceed.cymru", head.email]
    assert "version 2" in mail.outbox[0].subject


def test_the_superseded_version_can_no_longer_be_accepted(accepted_v1, school, head, consortium_admin,
                                                          django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    services.agreement_withdraw(party=accepted_v1.parties.get(organisation=school), user=head)
    publish(services.version_draft_next(template=accepted_v1.template), consortium_admin,
            django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError):
        services.agreement_accept(party=accepted_v1.parties.get(organisation=school), user=head)


def test_accepting_the_new_version_keeps_both_acceptances(accepted_v1, school, head, consortium_admin,
                                                          django_capture_on_commit_callbacks):
    v2 = publish(services.version_draft_next(template=accepted_v1.template), consortium_admin,
                 django_capture_on_commit_callbacks)

    services.agreement_accept(party=v2.parties.get(organisation=school), user=head)

    assert sorted(AgreementResponse.objects.filter(by=head, kind="accept").values_list("version__number",
                                                                                        flat=True)) == [1, 2]


def test_only_one_draft_at_a_time(accepted_v1):
    first = services.version_draft_next(template=accepted_v1.template)

    again = services.version_draft_next(template=accepted_v1.template)

    assert again == first


def test_the_change_history_records_publication_and_supersession(accepted_v1, consortium_admin,
                                                                  django_capture_on_commit_callbacks):
    publish(services.version_draft_next(template=accepted_v1.template), consortium_admin,
            django_capture_on_commit_callbacks)

    statuses = list(accepted_v1.history.order_by("history_date", "history_id").values_list("status", flat=True))

    assert statuses == ["draft", "published", "superseded"]
