"""Agreement fixtures: a member school with its head as representative, and a drafted agreement."""

import pytest

from agreements import services
from agreements.models import AgreementVersion, BoundRole

from ..factories import UserFactory
from .helpers import add_head, add_school, draft_agreement, publish


@pytest.fixture
def school(partnership):
    return add_school(partnership, "Ysgol y Cwm")


@pytest.fixture
def head(partnership, school):
    return add_head(partnership, school, "head@ysgol-y-cwm.cymru", "Rhian Davies")


@pytest.fixture
def fellow(consortium):
    from consortia.services import membership_ensure

    user = UserFactory(email="fellow@exceed.cymru", full_name="Dafydd Price")
    membership_ensure(consortium=consortium, user=user)
    return user


@pytest.fixture
def draft(partnership, fellow):
    version = draft_agreement(partnership)
    services.party_add(version=version, role=BoundRole.VISITING_FELLOW, user=fellow)
    return version


@pytest.fixture
def published(draft, head, consortium_admin, django_capture_on_commit_callbacks) -> AgreementVersion:
    """Version 1, published: it binds Ysgol y Cwm (a member, as a school) and Dafydd Price (a visiting fellow)."""
    return publish(draft, consortium_admin, django_capture_on_commit_callbacks)


@pytest.fixture
def school_party(published, school):
    return published.parties.get(organisation=school)


@pytest.fixture
def fellow_party(published, fellow):
    return published.parties.get(user=fellow)


@pytest.fixture
def their_version(other_partnership, other_admin, django_capture_on_commit_callbacks):
    """A published agreement in the other consortium."""
    version = draft_agreement(other_partnership, title="Their agreement")
    return publish(version, other_admin, django_capture_on_commit_callbacks)
