"""A second factor is available to everyone and required of consortium admins, in the site and admin."""

import pytest
from allauth.mfa.models import Authenticator

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_consortium_admin_without_an_authenticator_must_set_one_up(client, consortium):
    from consortia.services import consortium_role_grant

    user = UserFactory()
    consortium_role_grant(consortium=consortium, user=user, role="consortium_admin")
    client.force_login(user)

    for path in [f"/{consortium.slug}/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/2fa/totp/activate")


def test_a_consortium_admin_with_an_authenticator_gets_in(client, consortium_admin, consortium):
    client.force_login(consortium_admin)

    assert client.get(f"/{consortium.slug}/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_other_roles_are_not_forced_but_may_set_one_up(client, representative, consortium):
    client.post("/accounts/login/", {"login": representative.email, "password": PASSWORD})

    assert client.get(f"/{consortium.slug}/").status_code == 200
    # Setting up an authenticator asks for the password once more, then shows the QR code.
    assert client.get("/accounts/2fa/totp/activate/").url.startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()


def test_signing_in_with_an_authenticator_asks_for_the_code(client, consortium_admin):
    response = client.post("/accounts/login/", {"login": consortium_admin.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/authenticate")
    assert Authenticator.objects.filter(user=consortium_admin).exists()


def test_the_admin_signs_in_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
