"""A consortium admin invites someone by email; they follow the link and land in the role."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from consortia.models import Invitation, OutboundEmail

pytestmark = pytest.mark.django_db


def invite(client, consortium, django_capture_on_commit_callbacks, **data):
    form = {"email": "new.head@ysgol-y-cwm.cymru", "full_name": "Ceri Morgan", "role": "consortium_member",
            "language": "en", **data}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("invite", args=[consortium.slug]), form)


def link_in(message):
    return re.search(r"http://[^\s\"<]+/invitations/[^\s\"<]+/", message.body).group(0)


def test_invitation_end_to_end(client, consortium_admin, consortium, django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)

    response = invite(client, consortium, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.head@ysgol-y-cwm.cymru"]
    assert consortium.name in message.subject
    outbox_row = OutboundEmail.objects.get(purpose="invitation")
    assert outbox_row.status == OutboundEmail.Status.SENT and outbox_row.attempts == 1

    client.logout()
    path = link_in(message).split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200
    response = client.post("/" + path, {"full_name": "Ceri Morgan", "password1": "Cwm-Taf-2026-secret",
                                        "password2": "Cwm-Taf-2026-secret"})

    assert response.status_code == 302
    assert response.url == reverse("dashboard", args=[consortium.slug])
    assert client.get(response.url).status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitation.accepted_by.email == "new.head@ysgol-y-cwm.cymru"


def test_welsh_invitation_is_written_in_welsh(client, consortium_admin, consortium,
                                              django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)

    invite(client, consortium, django_capture_on_commit_callbacks, language="cy")

    assert "gwahodd" in mail.outbox[0].body.lower()


def test_an_existing_account_accepts_after_signing_in(client, consortium_admin, consortium, member, other_consortium,
                                                     django_capture_on_commit_callbacks):
    from consortia.services import invitation_create

    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(consortium=other_consortium, invited_by=consortium_admin, email=member.email,
                          role="consortium_member")
    path = "/" + link_in(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    client.force_login(member)

    response = client.post(path)

    assert response.status_code == 302
    assert client.get(reverse("dashboard", args=[other_consortium.slug])).status_code == 200


def test_someone_else_signed_in_cannot_take_the_invitation(client, consortium_admin, consortium, representative,
                                                           django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)
    invite(client, consortium, django_capture_on_commit_callbacks, role="consortium_admin")
    path = "/" + link_in(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    client.force_login(representative)

    response = client.post(path)

    assert response.status_code == 400
    assert not type(representative).objects.get(pk=representative.pk).is_staff


def test_a_used_invitation_cannot_be_used_again(client, consortium_admin, consortium,
                                                django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)
    invite(client, consortium, django_capture_on_commit_callbacks)
    path = "/" + link_in(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    client.logout()
    client.post(path, {"full_name": "Ceri", "password1": "Cwm-Taf-2026-secret", "password2": "Cwm-Taf-2026-secret"})
    client.logout()

    assert client.get(path).status_code == 410


def test_bad_invitation_input_is_a_400_and_saves_nothing(client, consortium_admin, consortium,
                                                        django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)

    response = invite(client, consortium, django_capture_on_commit_callbacks, email="not-an-email", role="chair")

    assert response.status_code == 400
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_second_pending_invitation_to_the_same_role_is_refused(client, consortium_admin, consortium,
                                                                 django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)
    invite(client, consortium, django_capture_on_commit_callbacks)

    response = invite(client, consortium, django_capture_on_commit_callbacks)

    assert response.status_code == 400
    assert "already has a pending invitation" in response.content.decode()
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_an_unknown_token_is_404(client):
    assert client.get(reverse("invitation_accept", args=["forged"])).status_code == 404


def test_tokens_are_stored_hashed(client, consortium_admin, consortium, django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)
    invite(client, consortium, django_capture_on_commit_callbacks)
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]

    assert not Invitation.objects.filter(token_hash=token).exists()
    assert Invitation.objects.filter(token_hash=Invitation.hash_token(token)).exists()
