"""Writes to programmes, courses, cohorts and programme roles (with their guardian permissions)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from consortia import roles
from consortia.models import Consortium
from consortia.scoping import require_same_consortium
from consortia.services import membership_ensure, role_resyncer, sync_staff_flag
from partnerships.models import Organisation, Partnership

from .. import rules
from ..models import (
    Cohort,
    CohortUserObjectPermission,
    Course,
    Programme,
    ProgrammeRole,
    ProgrammeUserObjectPermission,
)
from ..selectors.access import forget

User = get_user_model()

PROGRAMME_FIELDS = {"kind", "name", "name_cy", "partnership", "lead_provider", "jurisdiction",
                    "engagement_threshold", "agreement"}
COHORT_FIELDS = {"name", "name_cy", "starts_on", "academic_year", "course"}

# DfE's NPQ courses (shared/PROGRAMMES.md §1.3). SENCO is a leadership NPQ.
NPQ_COURSES = [
    ("npq-senior-leadership", "NPQSL", "Senior leadership", "Uwch arweinyddiaeth", "leadership"),
    ("npq-headship", "NPQH", "Headship", "Prifathrawiaeth", "leadership"),
    ("npq-executive-leadership", "NPQEL", "Executive leadership", "Arweinyddiaeth weithredol", "leadership"),
    ("npq-early-years-leadership", "NPQEYL", "Early years leadership", "Arweinyddiaeth blynyddoedd cynnar",
     "leadership"),
    ("npq-senco", "NPQSENCO", "Special educational needs co-ordinator", "Cydlynydd anghenion addysgol arbennig",
     "leadership"),
    ("npq-leading-teaching", "NPQLT", "Leading teaching", "Arwain addysgu", "specialist"),
    ("npq-leading-behaviour-culture", "NPQLBC", "Leading behaviour and culture", "Arwain ymddygiad a diwylliant",
     "specialist"),
    ("npq-leading-teaching-development", "NPQLTD", "Leading teacher development", "Arwain datblygiad athrawon",
     "specialist"),
    ("npq-leading-literacy", "NPQLL", "Leading literacy", "Arwain llythrennedd", "specialist"),
    ("npq-leading-primary-mathematics", "NPQLPM", "Leading primary mathematics", "Arwain mathemateg gynradd",
     "specialist"),
]


# --- Programmes and cohorts ------------------------------------------------------------------------

def _check_programme(programme: Programme) -> None:
    require_same_consortium(programme.consortium_id, programme.partnership, programme.lead_provider,
                            programme.agreement)
    if programme.agreement is not None and programme.agreement.partnership_id != programme.partnership_id:
        raise ValidationError({"agreement": _("Choose an agreement of the delivering partnership.")})
    duplicate = Programme.objects.filter(consortium_id=programme.consortium_id, name=programme.name).exclude(
        pk=programme.pk)
    if duplicate.exists():
        raise ValidationError({"name": _("A programme with this name already exists.")})
    programme.full_clean(exclude=["consortium"])


@transaction.atomic
def programme_create(*, consortium: Consortium, kind: str, name: str, partnership: Partnership,
                     jurisdiction: str = "england", name_cy: str = "", lead_provider: Organisation | None = None,
                     engagement_threshold: int | None = None, agreement=None) -> Programme:
    if engagement_threshold is None:
        engagement_threshold = rules.ECT_ENGAGEMENT_PERCENT if kind == Programme.Kind.ECT \
            else rules.NPQ_ENGAGEMENT_PERCENT
    programme = Programme(consortium=consortium, kind=kind, name=name.strip(), name_cy=name_cy.strip(),
                          partnership=partnership, lead_provider=lead_provider, jurisdiction=jurisdiction,
                          engagement_threshold=engagement_threshold, agreement=agreement)
    _check_programme(programme)
    programme.save()
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, **fields) -> Programme:
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    programme = Programme.objects.select_for_update().get(consortium_id=programme.consortium_id, pk=programme.pk)
    for name, value in fields.items():
        setattr(programme, name, value.strip() if isinstance(value, str) else value)
    _check_programme(programme)
    programme.save()
    return programme


@transaction.atomic
def npq_courses_ensure(*, consortium: Consortium) -> list[Course]:
    """The DfE NPQ courses in this consortium, created once; a hub's own edits are kept."""
    courses = []
    for identifier, code, name, name_cy, group in NPQ_COURSES:
        course, _created = Course.objects.get_or_create(
            consortium=consortium, identifier=identifier,
            defaults={"short_code": code, "name": name, "name_cy": name_cy, "group": group})
        courses.append(course)
    return courses


def _check_cohort(cohort: Cohort) -> None:
    require_same_consortium(cohort.consortium_id, cohort.programme, cohort.course)
    if cohort.programme.is_npq and cohort.course is None:
        raise ValidationError({"course": _("An NPQ cohort is for one course: choose it.")})
    if not cohort.programme.is_npq:
        cohort.course = None
    if cohort.course is not None and cohort.course.completion_months is None:
        raise ValidationError({"course": _("Choose a specialist or leadership NPQ.")})
    if Cohort.objects.filter(consortium_id=cohort.consortium_id, programme=cohort.programme,
                             name=cohort.name).exclude(pk=cohort.pk).exists():
        raise ValidationError({"name": _("This programme already has a cohort with that name.")})
    cohort.full_clean(exclude=["consortium", "programme"])


@transaction.atomic
def cohort_create(*, programme: Programme, name: str, starts_on: dt.date, academic_year: int | None = None,
                  name_cy: str = "", course: Course | None = None) -> Cohort:
    cohort = Cohort(consortium_id=programme.consortium_id, programme=programme, name=name.strip(),
                    name_cy=name_cy.strip(), starts_on=starts_on, course=course,
                    academic_year=academic_year or rules.academic_year_of(starts_on))
    _check_cohort(cohort)
    cohort.save()
    return cohort


@transaction.atomic
def cohort_update(*, cohort: Cohort, **fields) -> Cohort:
    unknown = set(fields) - COHORT_FIELDS
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    cohort = Cohort.objects.select_for_update().select_related("programme").get(
        consortium_id=cohort.consortium_id, pk=cohort.pk)
    for name, value in fields.items():
        setattr(cohort, name, value.strip() if isinstance(value, str) else value)
    _check_cohort(cohort)
    cohort.save()
    return cohort


# --- Roles -----------------------------------------------------------------------------------------

def _held(model, user, obj) -> set[str]:
    return {f"programmes.{codename}" for codename in model.objects.filter(
        user=user, content_object=obj).values_list("permission__codename", flat=True)}


def _sync(*, user, obj, wanted: set[str], model) -> None:
    held = _held(model, user, obj)
    for perm in wanted - held:
        assign_perm(perm, user, obj)
    for perm in held - wanted:
        remove_perm(perm, user, obj)


def _sync_programme_permissions(*, user, programme: Programme, cohort: Cohort | None) -> None:
    """Make the person's guardian permissions on the programme (or the cohort) match their roles."""
    active = ProgrammeRole.objects.filter(consortium_id=programme.consortium_id, programme=programme, user=user,
                                          ended_at__isnull=True)
    if cohort is None:
        wanted = roles.permissions_for(set(active.filter(cohort__isnull=True).values_list("role", flat=True)))
        _sync(user=user, obj=programme, wanted=wanted, model=ProgrammeUserObjectPermission)
    else:
        wanted = roles.permissions_for(set(active.filter(cohort=cohort).values_list("role", flat=True)))
        _sync(user=user, obj=cohort, wanted=wanted, model=CohortUserObjectPermission)
    forget(user)
    sync_staff_flag(user=user)


@role_resyncer
def programme_roles_resync() -> int:
    """The programme scope of `consortia.services.role_permissions_resync`."""
    keys = set(ProgrammeRole.objects.values_list("programme_id", "cohort_id", "user_id"))
    programmes = Programme.objects.in_bulk({p for p, _c, _u in keys})
    cohorts = Cohort.objects.in_bulk({c for _p, c, _u in keys if c})
    people = User.objects.in_bulk({u for _p, _c, u in keys})
    for programme_id, cohort_id, user_id in keys:
        _sync_programme_permissions(user=people[user_id], programme=programmes[programme_id],
                                    cohort=cohorts[cohort_id] if cohort_id else None)
    return len(keys)


def leads_a_programme(user) -> bool:
    """A programme lead works in the Django admin too (consortia.services.STAFF_ROLE_CHECKS)."""
    from consortia.models import Membership

    return ProgrammeRole.objects.filter(
        user=user, role=roles.PROGRAMME_LEAD.code, ended_at__isnull=True,
        consortium_id__in=Membership.objects.filter(user=user, is_active=True).values("consortium_id"),
    ).exists()


@transaction.atomic
def programme_role_grant(*, programme: Programme, user, role: str, cohort: Cohort | None = None,
                         organisation: Organisation | None = None, granted_by=None) -> ProgrammeRole:
    """Give the person a role on the programme, or on one cohort of it; granting twice changes nothing."""
    if role not in roles.ROLES_BY_CODE or roles.get(role).scope != roles.PROGRAMME:
        raise ValidationError({"role": _("Choose a programme role.")})
    require_same_consortium(programme.consortium_id, cohort, organisation)
    if cohort is not None and cohort.programme_id != programme.pk:
        raise ValidationError({"cohort": _("Choose a cohort of this programme.")})
    if role == roles.INDUCTION_TUTOR.code and organisation is None:
        raise ValidationError({"organisation": _("Name the school whose participants the induction tutor "
                                                 "supports.")})
    if role == roles.PROGRAMME_LEAD.code and cohort is not None:
        raise ValidationError({"cohort": _("A programme lead leads the whole programme.")})
    membership_ensure(consortium=programme.consortium, user=user)
    assignment = ProgrammeRole.objects.select_for_update().filter(
        consortium_id=programme.consortium_id, programme=programme, cohort=cohort, user=user, role=role,
        ended_at__isnull=True).first()
    if assignment is None:
        assignment = ProgrammeRole.objects.create(
            consortium_id=programme.consortium_id, programme=programme, cohort=cohort, user=user, role=role,
            organisation=organisation, granted_by=granted_by)
    elif organisation is not None and assignment.organisation_id != organisation.pk:
        assignment.organisation = organisation
        assignment.save(update_fields=["organisation"])
    _sync_programme_permissions(user=user, programme=programme, cohort=cohort)
    if role in ("visiting_fellow", "induction_tutor"):
        from .agreement import agreement_bind

        agreement_bind(programme=programme, role=role, user=user)
    return assignment


@transaction.atomic
def programme_role_end(*, programme: Programme, user, role: str, cohort: Cohort | None = None) -> None:
    for assignment in ProgrammeRole.objects.filter(
            consortium_id=programme.consortium_id, programme=programme, cohort=cohort, user=user, role=role,
            ended_at__isnull=True):
        # One by one so the change history records each ending.
        assignment.ended_at = timezone.now()
        assignment.save(update_fields=["ended_at"])
    _sync_programme_permissions(user=user, programme=programme, cohort=cohort)
