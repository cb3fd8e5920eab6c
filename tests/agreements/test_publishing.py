"""Publishing a version binds the member organisations and the people added, and emails each of them once."""

import pytest
from django.core import mail

from agreements import services
from agreements.models import AgreementParty, AgreementVersion
from consortia.models import OutboundEmail

from .helpers import add_head, add_school, publish

pytestmark = pytest.mark.django_db


def test_publishing_binds_member_schools_and_the_people_added(published, school, fellow):
    parties = {(p.kind, p.organisation_id, p.user_id, p.role) for p in published.parties.all()}

    assert parties == {
        ("organisation", school.pk, None, "school"),
        ("person", None, fellow.pk, "visiting_fellow"),
    }
    assert published.status == AgreementVersion.Status.PUBLISHED
    assert published.published_at is not None


def test_each_party_is_emailed_once_asking_them_to_accept(published, head, fellow):
    assert sorted(m.to[0] for m in mail.outbox) == [fellow.email, head.email]
    message = next(m for m in mail.outbox if m.to == [head.email])
    assert "Please accept" in message.subject
    assert f"/agreements/versions/{published.pk}/" in message.body
    assert "Ysgol y Cwm" in message.body
    assert OutboundEmail.objects.filter(purpose="agreement_request").count() == 2


def test_a_representative_of_two_bound_schools_gets_one_email(partnership, draft, head, consortium_admin,
                                                              django_capture_on_commit_callbacks):
    second = add_school(partnership, "Ysgol Gynradd Aber")
    from partnerships.services import partnership_role_grant

    partnership_role_grant(partnership=partnership, user=head, role="representative", organisation=second)

    publish(draft, consortium_admin, django_capture_on_commit_callbacks)

    assert [m.to[0] for m in mail.outbox].count(head.email) == 1


def test_the_email_leaves_only_when_the_publication_commits(draft, head, consortium_admin,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.version_publish(version=draft, by=consortium_admin)

    assert mail.outbox == []
    assert len(callbacks) == 2


def test_a_welsh_speaker_is_written_to_in_welsh(partnership, draft, consortium_admin,
                                                django_capture_on_commit_callbacks):
    school = add_school(partnership, "Ysgol Bro Taf")
    welsh_head = add_head(partnership, school, "pennaeth@ysgol-bro-taf.cymru", "Elin Jones", language="cy")

    publish(draft, consortium_admin, django_capture_on_commit_callbacks)

    message = next(m for m in mail.outbox if m.to == [welsh_head.email])
    assert "Cytundeb partneriaeth" in message.subject
    assert OutboundEmail.objects.get(recipient=welsh_head.email).language == "cy"


def test_a_school_that_has_left_is_not_bound(partnership, draft, consortium_admin, django_capture_on_commit_callbacks):
    from partnerships.services import membership_leave

    gone = add_school(partnership, "Ysgol Gaeedig")
    membership_leave(membership=gone.memberships.get())

    version = publish(draft, consortium_admin, django_capture_on_commit_callbacks)

    assert not AgreementParty.objects.filter(version=version, organisation=gone).exists()


def test_a_version_without_sections_cannot_be_published(partnership, consortium_admin):
    from django.core.exceptions import ValidationError

    template = services.template_create(partnership=partnership, title="Empty")

    with pytest.raises(ValidationError):
        services.version_publish(version=template.versions.get(), by=consortium_admin)

    assert template.versions.get().status == AgreementVersion.Status.DRAFT


def test_publishing_from_the_page_asks_for_confirmation_then_publishes(client, consortium, draft, chair,
                                                                       django_capture_on_commit_callbacks):
    client.force_login(chair)
    url = f"/{consortium.slug}/agreements/versions/{draft.pk}/publish/"

    confirm = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert confirm.status_code == 200 and "Publish version 1" in confirm.content.decode()
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == AgreementVersion.Status.PUBLISHED
    assert draft.published_by == chair
    assert [m.to[0] for m in mail.outbox] == ["fellow@exceed.cymru"]
