"""Fixtures for the programmes tests: a hub with schools, an ECT programme and an NPQ suite."""

import datetime as dt

import pytest
from django.utils import timezone

from programmes import rules, services
from programmes.models import Course

from ..conftest import with_mfa
from ..factories import OrganisationFactory, UserFactory


def london(day: dt.date, hour: int = 16, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=rules.LONDON)


@pytest.fixture
def schools(consortium):
    return [OrganisationFactory(consortium=consortium, name=f"School {letter}") for letter in "ABC"]


@pytest.fixture
def trust(consortium):
    return OrganisationFactory(consortium=consortium, kind="trust", name="Exceed Academies Trust", phase="",
                               school_code="")


@pytest.fixture
def ect_programme(consortium, partnership):
    return services.programme_create(consortium=consortium, kind="ect", name="ECT programme", partnership=partnership)


@pytest.fixture
def npq_programme(consortium, partnership):
    programme = services.programme_create(consortium=consortium, kind="npq", name="NPQ suite", partnership=partnership)
    services.npq_courses_ensure(consortium=consortium)
    return programme


@pytest.fixture
def ect_cohort(ect_programme):
    return services.cohort_create(programme=ect_programme, name="2025 ECTs", starts_on=dt.date(2025, 9, 1))


def npq_cohort_for(programme, identifier: str, starts_on=dt.date(2025, 9, 1)):
    course = Course.objects.get(consortium_id=programme.consortium_id, identifier=identifier)
    return services.cohort_create(programme=programme, name=f"{course.short_code} {starts_on:%Y}",
                                  starts_on=starts_on, course=course)


@pytest.fixture
def npq_cohort(npq_programme):
    """A specialist NPQ (12 months) starting 1 September 2025."""
    return npq_cohort_for(npq_programme, "npq-leading-teaching")


@pytest.fixture
def lead(ect_programme, npq_programme):
    user = UserFactory(email="lead@hub.example")
    for programme in (ect_programme, npq_programme):
        services.programme_role_grant(programme=programme, user=user, role="programme_lead")
    user.refresh_from_db()
    # A programme lead works in the admin too, so the site asks them for a second factor.
    return with_mfa(user)


def enrol(cohort, school, *, role=None, email=None, started_on=None, **kwargs):
    user = UserFactory(**({"email": email} if email else {}))
    role = role or ("npq_participant" if cohort.programme.is_npq else "ect")
    return services.enrolment_create(cohort=cohort, user=user, role=role, school=school,
                                     started_on=started_on or cohort.starts_on, **kwargs)


def event_on(cohort, starts_at, *, kind="conference", title=None, **fields):
    return services.event_save(cohort=cohort, by=None, kind=kind, title=title or f"{kind} {starts_at:%d %b %H:%M}",
                               starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=1),
                               venue=fields.pop("venue", "Hub"), **fields)


def past(days: int, hour: int = 16):
    return london(timezone.localdate() - dt.timedelta(days=days), hour)


def future(days: int, hour: int = 16):
    return london(timezone.localdate() + dt.timedelta(days=days), hour)
