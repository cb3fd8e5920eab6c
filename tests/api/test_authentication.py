"""Who gets in: token or session; anonymous and unknown tokens get a 401, never a sign-in redirect."""

import pytest

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

LISTS = ["organisations/", "people/", "partnerships/", "memberships/", "partnership-roles/"]


@pytest.mark.parametrize("path", LISTS)
def test_anonymous_requests_get_a_401(api_client, consortium, path):
    response = api_client.get(f"/api/v1/{consortium.slug}/{path}")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_requests_to_an_unknown_consortium_also_get_a_401(api_client):
    response = api_client.get("/api/v1/no-such-consortium/organisations/")

    assert response.status_code == 401


def test_an_unknown_token_gets_a_401(api_client, consortium):
    api_client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")

    response = api_client.get(f"/api/v1/{consortium.slug}/organisations/")

    assert response.status_code == 401


def test_a_token_authenticates_its_person(token_client, consortium, member, school):
    response = token_client(member).get(f"/api/v1/{consortium.slug}/organisations/")

    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == ["Ysgol y Cwm"]


def test_a_signed_in_session_works_too(api_client, consortium, member):
    api_client.force_login(member)

    response = api_client.get(f"/api/v1/{consortium.slug}/organisations/")

    assert response.status_code == 200


def test_a_person_outside_the_consortium_gets_a_404(token_client, consortium):
    outsider = UserFactory()

    response = token_client(outsider).get(f"/api/v1/{consortium.slug}/organisations/")

    assert response.status_code == 404


def test_a_token_of_a_departed_member_gets_a_404(token_client, consortium, member):
    from consortia.services import membership_end

    client = token_client(member)
    membership_end(consortium=consortium, user=member)

    response = client.get(f"/api/v1/{consortium.slug}/organisations/")

    assert response.status_code == 404


def test_tokens_are_issued_with_the_management_command(api_client, consortium, member):
    from io import StringIO

    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    call_command("drf_create_token", member.email, stdout=StringIO())
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user=member).key}")

    assert api_client.get(f"/api/v1/{consortium.slug}/organisations/").status_code == 200


def test_an_admin_without_a_second_factor_gets_no_api_access(consortium):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from consortia.services import consortium_role_grant

    from ..factories import UserFactory

    admin = UserFactory()
    consortium_role_grant(consortium=consortium, user=admin, role="consortium_admin")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=admin).key}")

    response = client.get(f"/api/v1/{consortium.slug}/organisations/")

    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]
