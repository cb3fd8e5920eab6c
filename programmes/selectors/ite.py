"""Reads for ITE: schools' contrast profiles, trainees with their state and placements, the
placement board, and who may see which trainee.

Who sees what: the partnership office (programme lead) and university tutors see every trainee
of the programme; a school's ITE lead sees the trainees placed at their school; a school mentor
the trainees they mentor; a trainee their own record.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from partnerships.models import Organisation, OrganisationYear

from .. import rules_ite
from ..models import (
    Mentor,
    Placement,
    PlacementOffer,
    PlacementRules,
    Programme,
    ProgrammeRole,
    Trainee,
    TraineeStatusChange,
)
from . import access as access_selectors


def rules_for(programme: Programme) -> PlacementRules:
    """The partnership's placement rules, or the defaults (contrast on phase, size, medium, LA, context)."""
    found = PlacementRules.objects.filter(consortium_id=programme.consortium_id, programme=programme).first()
    return found or PlacementRules(consortium_id=programme.consortium_id, programme=programme,
                                   contrast_attributes=["phase", "size_band", "language_medium", "local_authority",
                                                        "context"])


def school_profiles(consortium_id: int, school_ids, academic_year: int) -> dict[int, dict]:
    """Each school's recorded attributes the contrast rule compares, in two queries."""
    pupils = dict(OrganisationYear.objects.filter(
        consortium_id=consortium_id, organisation_id__in=school_ids, academic_year=academic_year,
    ).values_list("organisation_id", "pupils"))
    return {
        pk: {"phase": phase, "size_band": rules_ite.size_band(pupils.get(pk)), "language_medium": medium,
             "local_authority": la_id or "", "context": (context or "").casefold()}
        for pk, phase, medium, la_id, context in Organisation.objects.filter(
            consortium_id=consortium_id, pk__in=school_ids,
        ).values_list("pk", "phase", "language_medium", "local_authority_id", "context")
    }


def latest_state():
    return Subquery(TraineeStatusChange.objects.filter(trainee=OuterRef("pk")).order_by(
        "-effective_on", "-recorded_at", "-pk").values("state")[:1])


def with_state(queryset: QuerySet[Trainee]) -> QuerySet[Trainee]:
    return queryset.annotate(state=latest_state())


@dataclass
class IteAccess:
    sees_all: bool
    school_ids: set[int]
    user_id: int

    def trainees(self, queryset: QuerySet[Trainee]) -> QuerySet[Trainee]:
        if self.sees_all:
            return queryset
        return queryset.filter(
            Q(user_id=self.user_id) | Q(placements__school_id__in=self.school_ids)
            | Q(placements__mentor__user_id=self.user_id)).distinct()


def ite_access(user, consortium, programme: Programme) -> IteAccess:
    allowed = access_selectors.access(user, consortium)
    sees_all = allowed.can(access_selectors.SEE_PARTICIPANTS, programme.pk)
    schools = set() if sees_all else set(ProgrammeRole.objects.filter(
        consortium_id=consortium.pk, programme=programme, user=user, role="ite_school_lead",
        ended_at__isnull=True, organisation__isnull=False).values_list("organisation_id", flat=True))
    return IteAccess(sees_all=sees_all, school_ids=schools, user_id=user.pk)


def trainee_list(*, programme: Programme, visible: IteAccess, academic_year: int | None = None,
                 route: str = "", subject: str = "", state: str = "") -> QuerySet[Trainee]:
    """The trainees list: one query for the rows, one for their placements, one for the schools."""
    queryset = Trainee.objects.filter(consortium_id=programme.consortium_id, programme=programme)
    if academic_year:
        queryset = queryset.filter(academic_year=academic_year)
    if route:
        queryset = queryset.filter(route=route)
    if subject:
        queryset = queryset.filter(subject=subject)
    queryset = with_state(visible.trainees(queryset))
    if state:
        queryset = queryset.filter(state=state)
    return queryset.select_related("user").prefetch_related(
        Prefetch("placements", queryset=Placement.objects.select_related("school").order_by("sequence")))


def requirement(trainee: Trainee, placements: list[Placement], profiles: dict[int, dict],
                rules: PlacementRules) -> dict:
    """Whether the trainee's placements meet the two-school and contrast rules, and why not."""
    if not trainee.needs_placements:
        return {"needed": 0, "met": True, "message": "none_needed", "contrast": []}
    live = [p for p in placements if p.status != Placement.Status.ENDED_EARLY]
    schools = []
    for placement in sorted(live, key=lambda p: p.sequence):
        if placement.school_id not in schools:
            schools.append(placement.school_id)
    if len(schools) < rules_ite.MINIMUM_PLACEMENTS:
        return {"needed": rules_ite.MINIMUM_PLACEMENTS, "met": False, "message": "too_few_schools",
                "contrast": [], "schools": len(schools)}
    first, second = profiles.get(schools[0], {}), profiles.get(schools[1], {})
    differs = rules_ite.contrast(rules.contrast_attributes, first, second)
    if len(differs) >= rules.contrast_minimum:
        return {"needed": 2, "met": True, "message": "contrast_holds", "contrast": differs}
    second_placement = next(p for p in sorted(live, key=lambda p: p.sequence) if p.school_id == schools[1])
    if second_placement.contrast_reason:
        return {"needed": 2, "met": True, "message": "contrast_reason", "contrast": differs,
                "reason": second_placement.contrast_reason}
    return {"needed": 2, "met": False, "message": "no_contrast", "contrast": differs}


def offers_with_use(*, programme: Programme, academic_year: int) -> QuerySet[PlacementOffer]:
    return PlacementOffer.objects.filter(
        consortium_id=programme.consortium_id, programme=programme, academic_year=academic_year,
    ).select_related("school").annotate(
        used=Count("placements", filter=~Q(placements__status=Placement.Status.ENDED_EARLY)),
    ).order_by("school__name", "subject", "term")


def mentors_of(programme: Programme) -> QuerySet[Mentor]:
    return Mentor.objects.filter(consortium_id=programme.consortium_id, programme=programme).select_related(
        "user", "school").prefetch_related("training")


def placements_for_user(user, consortium) -> QuerySet[Placement]:
    """The placements a person is part of: as trainee, mentor, tutor or lead tutor, or at their school."""
    schools = ProgrammeRole.objects.filter(consortium_id=consortium.pk, user=user, role="ite_school_lead",
                                           ended_at__isnull=True).values("organisation_id")
    return Placement.objects.filter(consortium_id=consortium.pk).filter(
        Q(trainee__user=user) | Q(mentor__user=user) | Q(tutor=user) | Q(lead_tutor=user)
        | Q(school_id__in=schools)).distinct().select_related(
        "trainee__user", "trainee__programme", "school", "mentor__user", "tutor", "lead_tutor").order_by(
        "starts_on", "pk")


CONFIRMED_STATUSES = (Placement.Status.CONFIRMED, Placement.Status.IN_PROGRESS, Placement.Status.COMPLETED)


def panel_year(programme: Programme, today) -> int:
    """The academic year the ITE panel shows: this one, or the latest earlier year with trainees."""
    from django.db.models import Max

    from ..rules import academic_year_of

    current = academic_year_of(today)
    latest = Trainee.objects.filter(consortium_id=programme.consortium_id, programme=programme,
                                    academic_year__lte=current).aggregate(year=Max("academic_year"))["year"]
    if latest is None or Trainee.objects.filter(consortium_id=programme.consortium_id, programme=programme,
                                                academic_year=current).exists():
        return current
    return latest


def ite_summary(programme: Programme, academic_year: int) -> dict:
    """The ITE panel's figures for a year: trainees by route and by current state, and placements
    confirmed against needed (two schools per trainee, none for assessment only or a withdrawn
    trainee), with how many trainees meet the two-school and contrast rules. A fixed number of
    queries however many trainees."""
    from ..models import Route, TraineeState

    trainees = list(with_state(Trainee.objects.filter(
        consortium_id=programme.consortium_id, programme=programme, academic_year=academic_year,
    )).prefetch_related(Prefetch("placements", queryset=Placement.objects.order_by("sequence", "pk"))))
    by_route: dict[str, int] = {}
    by_state: dict[str, int] = {}
    for trainee in trainees:
        by_route[trainee.route] = by_route.get(trainee.route, 0) + 1
        state = trainee.state or TraineeState.DRAFT
        by_state[state] = by_state.get(state, 0) + 1
    counted = [t for t in trainees if t.needs_placements and t.state != TraineeState.WITHDRAWN]
    rules = rules_for(programme)
    profiles = school_profiles(programme.consortium_id, {p.school_id for t in counted for p in t.placements.all()},
                               academic_year)
    needed = confirmed = met = 0
    for trainee in counted:
        placements = list(trainee.placements.all())
        requirement_ = requirement(trainee, placements, profiles, rules)
        needed += requirement_["needed"]
        schools = {p.school_id for p in placements if p.status in CONFIRMED_STATUSES}
        confirmed += min(len(schools), requirement_["needed"])
        met += bool(requirement_["met"])
    return {
        "programme": programme, "year": academic_year, "total": len(trainees),
        "by_route": [(label, by_route[code]) for code, label in Route.choices if code in by_route],
        "by_state": [(code, label, by_state[code]) for code, label in TraineeState.choices if code in by_state],
        "trainees_needing": len(counted), "needed": needed, "confirmed": confirmed, "met": met,
    }
