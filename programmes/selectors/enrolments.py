"""Reads of enrolments: status on a day (derived from the history), school on a day, spans active."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import CharField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Enrolment, EnrolmentStatusChange, SchoolPeriod, Status

# Not a stored status: an enrolment whose start date is still to come.
JOINING = "joining"


def latest_change(day: dt.date):
    return EnrolmentStatusChange.objects.filter(
        consortium_id=OuterRef("consortium_id"), enrolment_id=OuterRef("pk"), effective_on__lte=day,
    ).order_by("-effective_on", "-pk")


def school_on(day: dt.date):
    return SchoolPeriod.objects.filter(
        consortium_id=OuterRef("consortium_id"), enrolment_id=OuterRef("pk"), started_on__lte=day,
    ).filter(Q(finished_on__isnull=True) | Q(finished_on__gte=day)).order_by("-started_on", "-pk")


def with_status(enrolments: QuerySet[Enrolment], day: dt.date | None = None) -> QuerySet[Enrolment]:
    """Each enrolment with its status on `day` (today by default), its school then, and its last change."""
    day = day or timezone.localdate()
    latest = latest_change(day)
    school = school_on(day)
    return enrolments.annotate(
        status=Coalesce(Subquery(latest.values("status")[:1]), Value(JOINING), output_field=CharField()),
        status_since=Subquery(latest.values("effective_on")[:1]),
        status_kind=Subquery(latest.values("kind")[:1]),
        school_id=Subquery(school.values("school_id")[:1]),
        school_name=Subquery(school.values("school__name")[:1]),
    )


def enrolments_in(cohort, day: dt.date | None = None) -> QuerySet[Enrolment]:
    return with_status(
        Enrolment.objects.filter(consortium_id=cohort.consortium_id, cohort=cohort)
        .select_related("user").order_by("user__full_name", "user__email", "pk"), day)


def status_label(status: str) -> str:
    from django.utils.translation import gettext as _

    if status == JOINING:
        return _("Not started yet")
    return str(Status(status).label) if status in Status.values else status


STATUS_TONE = {"active": "ok", "deferred": "warn", "withdrawn": "muted", "completed": "info", JOINING: "new"}


# --- Spans -----------------------------------------------------------------------------------------

def active_spans(changes: list[tuple[dt.date, str]]) -> tuple[list[tuple[dt.date, dt.date | None]], str]:
    """When the enrolment was active, from its changes (date, status) in order; and its last status.

    Each span is [start, end): an event on a day counts while a span covers it. Deferral,
    withdrawal and completion end a span; resuming starts another.
    """
    spans: list[tuple[dt.date, dt.date | None]] = []
    start = None
    last = ""
    for day, status in changes:
        if status == Status.ACTIVE and start is None:
            start = day
        elif status != Status.ACTIVE and start is not None:
            spans.append((start, day))
            start = None
        last = status
    if start is not None:
        spans.append((start, None))
    return spans, last


def covers(spans, day: dt.date) -> bool:
    return any(start <= day and (end is None or day < end) for start, end in spans)


def changes_by_enrolment(enrolment_ids=None, *, consortium_id: int, cohort_ids=None,
                         until: dt.date | None = None) -> dict[int, list]:
    """Each enrolment's changes (date, status) in order; with `until`, only those in effect by then."""
    rows = EnrolmentStatusChange.objects.filter(consortium_id=consortium_id)
    if until is not None:
        rows = rows.filter(effective_on__lte=until)
    rows = rows.filter(enrolment__cohort_id__in=cohort_ids) if cohort_ids is not None else rows.filter(
        enrolment_id__in=enrolment_ids)
    grouped: dict[int, list] = defaultdict(list)
    for enrolment_id, day, status in rows.order_by("effective_on", "pk").values_list(
            "enrolment_id", "effective_on", "status"):
        grouped[enrolment_id].append((day, status))
    return grouped


def history(enrolment: Enrolment) -> QuerySet[EnrolmentStatusChange]:
    return (EnrolmentStatusChange.objects.filter(consortium_id=enrolment.consortium_id, enrolment=enrolment)
            .select_related("recorded_by", "school").order_by("effective_on", "pk"))


def school_periods(enrolment: Enrolment) -> QuerySet[SchoolPeriod]:
    return (SchoolPeriod.objects.filter(consortium_id=enrolment.consortium_id, enrolment=enrolment)
            .select_related("school").order_by("started_on", "pk"))


def open_periods(enrolment: Enrolment, day: dt.date) -> QuerySet[SchoolPeriod]:
    return SchoolPeriod.objects.filter(consortium_id=enrolment.consortium_id, enrolment=enrolment).filter(
        Q(finished_on__isnull=True) | Q(finished_on__gte=day))


def at_school(queryset: QuerySet[Enrolment], school_ids, day: dt.date | None = None) -> QuerySet[Enrolment]:
    """Enrolments whose participant works at one of these schools on `day`."""
    day = day or timezone.localdate()
    return queryset.filter(pk__in=SchoolPeriod.objects.filter(school_id__in=school_ids, started_on__lte=day).filter(
        Q(finished_on__isnull=True) | Q(finished_on__gte=day)).values("enrolment_id"))


def employer_on(user, consortium_id: int, day: dt.date):
    """Who employed the person on `day` (partnerships.Employment): the payee of a fellow's time.

    An employment ends on the day the next begins, so on that day the new employer applies.
    """
    from partnerships.models import Employment

    employment = (Employment.objects.filter(consortium_id=consortium_id, user=user, started_on__lte=day)
                  .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day)).select_related("organisation")
                  .order_by("-started_on").first())
    return employment.organisation if employment else None


__all__ = ["F", "JOINING"]
