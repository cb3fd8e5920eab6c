"""Who sees which participants: leads all of them, induction tutors their own school's, mentors
their ECTs, each participant themselves, and a school's representative its own people."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from partnerships.models import PartnershipRole

from ..models import Enrolment, Mentorship, Programme
from . import access as access_selectors
from .enrolments import at_school, with_status


def visible_programmes(user, consortium) -> QuerySet[Programme]:
    allowed = access_selectors.access(user, consortium)
    programmes = Programme.objects.for_consortium(consortium).select_related("partnership", "lead_provider")
    if allowed.is_admin:
        return programmes
    return programmes.filter(pk__in=allowed.programme_ids(access_selectors.SEE))


def participants_visible(user, consortium, *, programme: Programme | None = None) -> QuerySet[Enrolment]:
    """The enrolments whose records the person may read: everyone's for a lead, the school's for a tutor."""
    allowed = access_selectors.access(user, consortium)
    enrolments = Enrolment.objects.for_consortium(consortium)
    if programme is not None:
        enrolments = enrolments.filter(cohort__programme=programme)
    if allowed.is_admin:
        return enrolments
    led = set(allowed.programme_ids(access_selectors.RUN))
    led_cohorts = allowed.cohort_ids(access_selectors.RUN)
    condition = Q(cohort__programme_id__in=led) | Q(cohort_id__in=led_cohorts) | Q(user=user)
    tutored = Q(pk__in=[])
    for programme_id in allowed.programme_ids(access_selectors.SEE_PARTICIPANTS) - led:
        schools = allowed.tutor_schools(programme_id)
        if schools:
            tutored |= Q(cohort__programme_id=programme_id, pk__in=at_school(
                Enrolment.objects.all(), schools).values("pk"))
    mentored = Q(pk__in=Mentorship.objects.filter(consortium_id=consortium.pk, mentor__user=user).values("ect_id"))
    return enrolments.filter(condition | tutored | mentored)


def can_see_enrolment(user, consortium, enrolment: Enrolment) -> bool:
    return participants_visible(user, consortium).filter(pk=enrolment.pk).exists()


def can_run(user, consortium, programme_id: int, cohort_id: int | None = None) -> bool:
    return access_selectors.access(user, consortium).can(access_selectors.RUN, programme_id, cohort_id)


def my_enrolments(user, consortium) -> QuerySet[Enrolment]:
    return with_status(Enrolment.objects.for_consortium(consortium).filter(user=user).select_related(
        "cohort__programme", "cohort__course")).order_by("-cohort__starts_on", "pk")


def mentees_of(user, consortium, *, current: bool = True) -> QuerySet[Mentorship]:
    today = timezone.localdate()
    mentorships = Mentorship.objects.for_consortium(consortium).filter(mentor__user=user).select_related(
        "ect__user", "ect__cohort__programme")
    if current:
        mentorships = mentorships.filter(started_on__lte=today).filter(
            Q(finished_on__isnull=True) | Q(finished_on__gte=today))
    return mentorships.order_by("ect__user__full_name")


def represented_schools(user, consortium) -> dict[int, set[int]]:
    """{partnership id: organisation ids} the person currently represents there."""
    schools: dict[int, set[int]] = {}
    for partnership_id, organisation_id in PartnershipRole.objects.filter(
            consortium_id=consortium.pk, user=user, role="representative", ended_at__isnull=True,
            organisation__isnull=False).values_list("partnership_id", "organisation_id"):
        schools.setdefault(partnership_id, set()).add(organisation_id)
    return schools


def school_participants(user, consortium) -> QuerySet[Enrolment]:
    """Who from the schools the person represents is on which programme (the school's view)."""
    represented = represented_schools(user, consortium)
    condition = Q(pk__in=[])
    for partnership_id, schools in represented.items():
        condition |= Q(cohort__programme__partnership_id=partnership_id,
                       pk__in=at_school(Enrolment.objects.all(), schools).values("pk"))
    return with_status(Enrolment.objects.for_consortium(consortium).filter(condition).select_related(
        "user", "cohort__programme", "cohort__course")).order_by("cohort__programme__name", "user__full_name")
