"""API fixtures: a token client per person, and a few rows in each consortium."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from partnerships.models import Organisation
from partnerships.services import membership_add, organisation_save


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def token_client():
    """An APIClient that sends `Authorization: Token <key>` for the given person."""

    def make(user):
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def admin_api(token_client, consortium_admin):
    return token_client(consortium_admin)


@pytest.fixture
def school(consortium):
    return organisation_save(consortium=consortium, kind=Organisation.Kind.SCHOOL, name="Ysgol y Cwm",
                             phase=Organisation.Phase.PRIMARY)


@pytest.fixture
def local_authority(consortium):
    return organisation_save(consortium=consortium, kind=Organisation.Kind.LOCAL_AUTHORITY,
                             name="Rhondda Cynon Taf")


@pytest.fixture
def other_school(other_consortium):
    return organisation_save(consortium=other_consortium, kind=Organisation.Kind.SCHOOL, name="Exceed Primary")


@pytest.fixture
def other_local_authority(other_consortium):
    return organisation_save(consortium=other_consortium, kind=Organisation.Kind.LOCAL_AUTHORITY,
                             name="Newport")


@pytest.fixture
def school_membership(partnership, school):
    return membership_add(partnership=partnership, organisation=school)


@pytest.fixture
def other_membership(other_partnership, other_school):
    return membership_add(partnership=other_partnership, organisation=other_school)
