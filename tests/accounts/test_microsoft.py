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


@pytest.mark.parametrize("path", ["/accounts/microsoft/login/", "/accounts/microsoft/login/callback/?code=x&state=y"])
def test_without_configuration_the_microsoft_sign_in_is_not_there(client, path):
    assert client.get(path).status_code == 404
    assert client.post(path.split("?")[0]).status_code == 404


def test_without_configuration_the_profile_offers_no_microsoft_connection(client, member):
    client.force_login(member)

    page = client.get("/me/").content.decode()

    assert "Connected accounts (Microsoft)" not in page


def test_with_configuration_the_profile_offers_the_microsoft_connection(client, member, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": {
        "APPS": [{"client_id": "client-id", "secret": "secret", "settings": {"tenant": "organizations"}}],
    }}
    client.force_login(member)

    page = client.get("/me/").content.decode()

    assert "Connected accounts (Microsoft)" in page
