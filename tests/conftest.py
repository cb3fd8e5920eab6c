"""Fixtures: a consortium, another consortium, and one signed-in-able person per role."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from consortia.services import consortium_role_grant, membership_ensure
from partnerships.services import partnership_role_grant

from .factories import ConsortiumFactory, PartnershipFactory, UserFactory

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    # allauth keeps rate-limit counters in the cache, the API's throttles in their own; each test starts with none.
    from django.core.cache import cache, caches

    cache.clear()
    caches["throttle"].clear()
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]


@pytest.fixture
def consortium(db):
    return ConsortiumFactory(name="Taf Valley Schools", slug="taf-valley")


@pytest.fixture
def other_consortium(db):
    return ConsortiumFactory(name="Exceed Teaching School Hub", slug="exceed-hub")


@pytest.fixture
def partnership(consortium):
    return PartnershipFactory(consortium=consortium, name="Primary School Improvement Partnership")


@pytest.fixture
def other_partnership(other_consortium):
    return PartnershipFactory(consortium=other_consortium, name="ECT Programme")


def with_mfa(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def consortium_admin(consortium):
    user = UserFactory(email="admin@taf.cymru")
    consortium_role_grant(consortium=consortium, user=user, role="consortium_admin")
    user.refresh_from_db()
    return with_mfa(user)


@pytest.fixture
def other_admin(other_consortium):
    user = UserFactory(email="admin@exceed.cymru")
    consortium_role_grant(consortium=other_consortium, user=user, role="consortium_admin")
    user.refresh_from_db()
    return with_mfa(user)


def _partnership_person(partnership, role, email):
    user = UserFactory(email=email)
    partnership_role_grant(partnership=partnership, user=user, role=role)
    return user


@pytest.fixture
def chair(partnership):
    return _partnership_person(partnership, "chair", "chair@taf.cymru")


@pytest.fixture
def clerk(partnership):
    return _partnership_person(partnership, "clerk", "clerk@taf.cymru")


@pytest.fixture
def representative(partnership):
    return _partnership_person(partnership, "representative", "head@ysgol.cymru")


@pytest.fixture
def observer(partnership):
    return _partnership_person(partnership, "observer", "officer@council.gov.wales")


@pytest.fixture
def member(consortium):
    user = UserFactory(email="member@taf.cymru")
    membership_ensure(consortium=consortium, user=user)
    return user


ROLE_FIXTURES = ["consortium_admin", "chair", "clerk", "representative", "observer", "member"]


@pytest.fixture(params=ROLE_FIXTURES)
def any_role_user(request):
    return request.getfixturevalue(request.param)
