"""Reads for reports: a partnership's builds, who receives the annual report, the consortium overview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from consortia.models import Consortium
from consortia.permissions import has_consortium_perm
from partnerships.models import Organisation, Partnership, PartnershipMembership, PartnershipRole
from partnerships.selectors import has_partnership_perm

from . import sections
from .models import ReportBuild, ReportSummary

REPRESENTATIVE = "representative"


def can_view_reports(user, partnership: Partnership) -> bool:
    return has_partnership_perm(user, "partnerships.view_partnership", partnership)


def can_generate(user, partnership: Partnership) -> bool:
    """Generating and retrying: consortium admins and the partnership's chair."""
    return has_partnership_perm(user, "partnerships.change_partnership", partnership)


def can_delete(user, consortium: Consortium) -> bool:
    return has_consortium_perm(user, "consortia.administer_consortium", consortium)


def builds_for(partnership: Partnership) -> QuerySet[ReportBuild]:
    return (ReportBuild.objects.for_consortium(partnership.consortium_id).filter(partnership=partnership)
            .select_related("requested_by").order_by("-academic_year", "language", "-version"))


def build_for_partnership(partnership: Partnership, academic_year: int, language: str) -> QuerySet[ReportBuild]:
    return ReportBuild.objects.for_consortium(partnership.consortium_id).filter(
        partnership=partnership, academic_year=academic_year, language=language)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


def report_recipients(partnership: Partnership, on: dt.date) -> list[Recipient]:
    """Each current member's representatives and, where the partnership circulates notes to it,
    the local authority's contact address (of member schools' authorities and member authorities).

    Two queries, however many members; one entry per address.
    """
    memberships = list(
        PartnershipMembership.objects.for_consortium(partnership.consortium_id)
        .filter(partnership=partnership, joined_on__lte=on).exclude(left_on__lte=on)
        .select_related("organisation", "organisation__local_authority")
    )
    member_ids = [m.organisation_id for m in memberships]
    found: dict[str, Recipient] = {}
    roles = (PartnershipRole.objects.for_consortium(partnership.consortium_id)
             .filter(partnership=partnership, role=REPRESENTATIVE, ended_at__isnull=True,
                     organisation_id__in=member_ids, user__is_active=True)
             .select_related("user").order_by("user__email"))
    for role in roles:
        email = role.user.email.lower()
        found.setdefault(email, Recipient(email=email, name=str(role.user), language=role.user.preferred_language))
    if partnership.circulate_notes_to_local_authority:
        authorities: dict[int, Organisation] = {}
        for membership in memberships:
            organisation = membership.organisation
            if organisation.kind == Organisation.Kind.LOCAL_AUTHORITY:
                authorities[organisation.pk] = organisation
            elif organisation.local_authority is not None:
                authorities[organisation.local_authority_id] = organisation.local_authority
        for authority in sorted(authorities.values(), key=lambda a: a.name):
            if authority.email:
                email = authority.email.lower()
                found.setdefault(email, Recipient(email=email, name=authority.name, language="en"))
    return sorted(found.values(), key=lambda r: r.email)


@dataclass
class OverviewRow:
    partnership: Partnership
    builds: dict  # language -> latest ready build
    figures: dict


def overview(consortium: Consortium, academic_year: int) -> tuple[list[sections.Figure], list[OverviewRow]]:
    """Every partnership of the consortium with its latest ready report of the year and its figures.

    Two queries whatever the number of partnerships or builds: the figures were kept with each build.
    """
    partnerships = list(Partnership.objects.for_consortium(consortium).order_by("name"))
    latest: dict[int, dict[str, ReportBuild]] = {}
    ready = (ReportBuild.objects.for_consortium(consortium)
             .filter(academic_year=academic_year, status=ReportBuild.Status.READY)
             .defer("error").order_by("partnership_id", "language", "-version"))
    for build in ready:
        latest.setdefault(build.partnership_id, {}).setdefault(build.language, build)
    figures = sections.overview_figures()
    rows = []
    for partnership in partnerships:
        builds = latest.get(partnership.pk, {})
        chosen = builds.get("en") or next(iter(builds.values()), None)
        rows.append(OverviewRow(partnership=partnership, builds=builds, figures=chosen.figures if chosen else {}))
    return figures, rows


def report_years(consortium: Consortium) -> list[int]:
    return list(ReportBuild.objects.for_consortium(consortium).order_by("-academic_year")
                .values_list("academic_year", flat=True).distinct())


def summary_for(partnership: Partnership, academic_year: int) -> ReportSummary | None:
    return ReportSummary.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                        academic_year=academic_year).first()
