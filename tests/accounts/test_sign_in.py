"""Signing in by email, rate limits, password reset, and no open sign-up."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db

from ..factories import PASSWORD  # noqa: E402


def test_people_sign_in_with_their_email(client, representative):
    response = client.post("/accounts/login/", {"login": representative.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/").status_code == 302  # on to their consortium's dashboard


def test_the_login_form_has_no_username(client):
    page = client.get("/accounts/login/").content.decode()

    assert 'name="login"' in page and 'type="email"' in page
    assert "username" not in page.lower()


def test_repeated_failures_lock_the_address_for_a_while(client, representative):
    for _ in range(5):
        client.post("/accounts/login/", {"login": representative.email, "password": "wrong"})

    after = client.post("/accounts/login/", {"login": representative.email, "password": PASSWORD})

    assert after.status_code == 200  # the form again, not a session
    assert "Too many failed login attempts" in after.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_an_email(client, representative):
    response = client.post("/accounts/password/reset/", {"email": representative.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body


def test_there_is_no_open_sign_up(client):
    response = client.post("/accounts/signup/", {"email": "stranger@example.com", "password1": "Xy!12345678",
                                                 "password2": "Xy!12345678"})

    assert response.status_code == 200
    assert "Accounts are made by invitation" in response.content.decode()
    assert not get_user_model().objects.filter(email="stranger@example.com").exists()


def test_the_sign_in_page_says_how_to_get_an_account_and_offers_no_sign_up(client):
    page = client.get("/accounts/login/").content.decode()

    assert "/accounts/signup/" not in page
    assert "Ask your consortium admin" in page and "invite you" in page
    from accounts.models import User

    assert not User.objects.filter(email="stranger@example.com").exists()


def test_unverified_email_cannot_sign_in(client):
    from accounts.models import User

    User.objects.create_user(email="unverified@ysgol.cymru", password=PASSWORD)

    response = client.post("/accounts/login/", {"login": "unverified@ysgol.cymru", "password": PASSWORD})

    assert response.status_code == 302
    assert "confirm-email" in response.url or "verification" in response.url


def test_the_signed_in_message_is_in_the_persons_own_language(client, representative):
    representative.preferred_language = "cy"
    representative.save(update_fields=["preferred_language"])

    response = client.post("/accounts/login/", {"login": representative.email, "password": PASSWORD}, follow=True)

    page = response.content.decode()
    assert "Wedi mewngofnodi" in page and "Successfully signed in" not in page
