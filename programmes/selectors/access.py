"""Who may do what on a programme: read once per request, then answered from memory.

A programme permission comes from a role on the programme, a role on one of its cohorts (for
that cohort), or from administering the consortium. An induction tutor's role names their
school: they see that school's participants and no others.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from consortia.permissions import has_consortium_perm

from ..models import CohortUserObjectPermission, ProgrammeRole, ProgrammeUserObjectPermission

ADMIN = "consortia.administer_consortium"
SEE = "programmes.see_programme"
RUN = "programmes.run_programme"
SEE_PARTICIPANTS = "programmes.see_participants"
REPORT_STAFFING = "programmes.report_staffing"
LOG_COACHING = "programmes.log_coaching"
PARTICIPATE = "programmes.participate"
FACILITATE = "programmes.facilitate"


@dataclass
class ProgrammeAccess:
    user: object
    consortium_id: int
    is_admin: bool
    programme_perms: dict[int, set[str]] = field(default_factory=dict)
    cohort_perms: dict[int, set[str]] = field(default_factory=dict)
    cohort_programme: dict[int, int] = field(default_factory=dict)
    _tutor_schools: dict[int, set[int]] | None = None

    def can(self, perm: str, programme_id: int, cohort_id: int | None = None) -> bool:
        if self.is_admin:
            return True
        if perm in self.programme_perms.get(programme_id, ()):
            return True
        return cohort_id is not None and perm in self.cohort_perms.get(cohort_id, ())

    def can_anywhere(self, perm: str, programme_id: int) -> bool:
        """On the programme, or on at least one of its cohorts."""
        return self.can(perm, programme_id) or any(
            perm in perms and self.cohort_programme.get(cohort_id) == programme_id
            for cohort_id, perms in self.cohort_perms.items())

    def programme_ids(self, perm: str = SEE) -> set[int]:
        ids = {pk for pk, perms in self.programme_perms.items() if perm in perms}
        ids |= {self.cohort_programme[pk] for pk, perms in self.cohort_perms.items() if perm in perms}
        return ids

    def cohort_ids(self, perm: str) -> set[int]:
        return {pk for pk, perms in self.cohort_perms.items() if perm in perms}

    @property
    def has_any(self) -> bool:
        return self.is_admin or bool(self.programme_perms) or bool(self.cohort_perms)

    def tutor_schools(self, programme_id: int) -> set[int]:
        """The schools whose participants the person sees as an induction tutor on this programme."""
        if self._tutor_schools is None:
            schools: dict[int, set[int]] = defaultdict(set)
            for pk, organisation_id in ProgrammeRole.objects.filter(
                consortium_id=self.consortium_id, user=self.user, role="induction_tutor", ended_at__isnull=True,
                organisation__isnull=False,
            ).values_list("programme_id", "organisation_id"):
                schools[pk].add(organisation_id)
            self._tutor_schools = schools
        return self._tutor_schools.get(programme_id, set())

    def sees_all_participants(self, programme_id: int, cohort_id: int | None = None) -> bool:
        """Leads and admins see every participant; tutors only their school's."""
        return self.can(RUN, programme_id, cohort_id)


def access(user, consortium) -> ProgrammeAccess:
    """The person's programme permissions in the consortium, read once per user object."""
    cache = user.__dict__.setdefault("_programme_access", {})
    if consortium.pk in cache:
        return cache[consortium.pk]
    result = ProgrammeAccess(user=user, consortium_id=consortium.pk,
                             is_admin=user.is_authenticated and has_consortium_perm(user, ADMIN, consortium))
    if user.is_authenticated and not result.is_admin:
        for pk, codename in ProgrammeUserObjectPermission.objects.filter(
                consortium_id=consortium.pk, user=user).values_list("content_object_id", "permission__codename"):
            result.programme_perms.setdefault(pk, set()).add(f"programmes.{codename}")
        for pk, programme_id, codename in CohortUserObjectPermission.objects.filter(
                consortium_id=consortium.pk, user=user).values_list(
                "content_object_id", "content_object__programme_id", "permission__codename"):
            result.cohort_perms.setdefault(pk, set()).add(f"programmes.{codename}")
            result.cohort_programme[pk] = programme_id
    cache[consortium.pk] = result
    return result


def forget(user) -> None:
    """After a grant or an end: the next check reads the permissions again."""
    user.__dict__.pop("_programme_access", None)
