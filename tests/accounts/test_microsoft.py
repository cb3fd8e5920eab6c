"""Schools and universities that use Microsoft accounts can sign in with them where configured."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_microsoft_button_appears_when_the_deployment_configures_it(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": {
        "EMAIL_AUTHENTICATION": True,
        "APPS": [{"client_id": "client-id", "secret": "secret", "settings": {"tenant": "organizations"}}],
    }}

    page = client.get("/accounts/login/").content.decode()

    assert "/accounts/microsoft/login/" in page


def test_the_microsoft_login_redirects_to_microsoft(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": {
        "APPS": [{"client_id": "client-id", "secret": "secret", "settings": {"tenant": "organizations"}}],
    }}

    response = client.post("/accounts/microsoft/login/")

    assert response.status_code == 302
    assert response.url.startswith("https://login.microsoftonline.com/organizations/")


def test_no_button_without_configuration(client):
    page = client.get("/accounts/login/").content.decode()

    assert "/accounts/microsoft/login/" not in page


def test_database_connections_are_health_checked(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
