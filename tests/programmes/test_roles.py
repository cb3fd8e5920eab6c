"""Programme roles grant guardian permissions on the programme or one cohort, in the same transaction."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from consortia import roles
from programmes import services
from programmes.models import CohortUserObjectPermission, ProgrammeUserObjectPermission
from programmes.selectors.access import access

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

PROGRAMME_ROLES = [r for r in roles.ALL_ROLES if r.scope == roles.PROGRAMME]


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def held(model, user):
    return {f"programmes.{c}" for c in model.objects.filter(user=user).values_list("permission__codename", flat=True)}


@pytest.mark.parametrize("role", [r for r in PROGRAMME_ROLES if r.code != "induction_tutor"], ids=lambda r: r.code)
def test_a_role_on_the_programme_grants_exactly_its_permissions(ect_programme, role):
    user = UserFactory()

    services.programme_role_grant(programme=ect_programme, user=user, role=role.code)

    assert held(ProgrammeUserObjectPermission, user) == set(role.permissions)


def test_a_role_on_a_cohort_grants_on_that_cohort_only(ect_programme, ect_cohort):
    other = services.cohort_create(programme=ect_programme, name="Other", starts_on=ect_cohort.starts_on)
    user = UserFactory()

    services.programme_role_grant(programme=ect_programme, cohort=ect_cohort, user=user, role="visiting_fellow")

    allowed = access(fresh(user), ect_programme.consortium)
    assert allowed.can("programmes.facilitate", ect_programme.pk, ect_cohort.pk)
    assert not allowed.can("programmes.facilitate", ect_programme.pk, other.pk)
    assert held(CohortUserObjectPermission, user) == set(roles.VISITING_FELLOW.permissions)
    assert not ProgrammeUserObjectPermission.objects.filter(user=user).exists()


def test_an_induction_tutor_names_their_school(ect_programme):
    with pytest.raises(ValidationError, match="school"):
        services.programme_role_grant(programme=ect_programme, user=UserFactory(), role="induction_tutor")


def test_ending_a_role_removes_its_permissions(ect_programme):
    user = UserFactory()
    services.programme_role_grant(programme=ect_programme, user=user, role="programme_lead")

    services.programme_role_end(programme=ect_programme, user=user, role="programme_lead")

    assert held(ProgrammeUserObjectPermission, user) == set()
    assert ect_programme.roles.get(user=user).ended_at is not None


def test_a_grant_rolled_back_leaves_no_permission(ect_programme):
    user = UserFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        services.programme_role_grant(programme=ect_programme, user=user, role="programme_lead")
        raise RuntimeError("the surrounding work failed")

    assert not ProgrammeUserObjectPermission.objects.filter(user=user).exists()


def test_a_programme_lead_may_use_the_admin_until_the_role_ends(ect_programme):
    user = UserFactory()

    services.programme_role_grant(programme=ect_programme, user=user, role="programme_lead")
    assert fresh(user).is_staff
    services.programme_role_end(programme=ect_programme, user=user, role="programme_lead")
    assert not fresh(user).is_staff


def test_a_partnership_role_cannot_be_granted_on_a_programme(ect_programme):
    with pytest.raises(ValidationError):
        services.programme_role_grant(programme=ect_programme, user=UserFactory(), role="chair")


def test_enrolling_gives_the_participant_their_role_on_the_cohort(ect_cohort, schools):
    from .conftest import enrol

    enrolment = enrol(ect_cohort, schools[0], role="ect")

    assert access(fresh(enrolment.user), ect_cohort.consortium).can("programmes.participate",
                                                                  ect_cohort.programme_id, ect_cohort.pk)
