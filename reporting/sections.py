"""The annual report is a list of sections; any app can add one without touching the others.

A section gathers its data for one partnership and one academic year in a bounded number of
queries (NOTE: never one query per meeting, member or action: tests/reporting counts them), may
draw charts from that data, may contribute figures to the consortium overview, and renders with
its own template. Apps register theirs from `AppConfig.ready()` (see reporting.apps, and
reporting.sections_governance for one that reads another app's models without importing them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership, PartnershipItem, PartnershipMembership, PartnershipRole


@dataclass(frozen=True)
class ReportYear:
    """An academic year, September to August: 2026 means 1 September 2026 to 31 August 2027."""

    year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 9, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year + 1, 8, 31)

    @property
    def label(self) -> str:
        return f"{self.year}/{str(self.year + 1)[-2:]}"

    @property
    def as_of(self) -> dt.date:
        """The day the report speaks for: the year's last day, or today while the year is running."""
        return min(self.end, timezone.localdate())

    @property
    def in_progress(self) -> bool:
        """A report of a year still running is a report to date: its figures may yet change."""
        return timezone.localdate() <= self.end

    def start_datetime(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    def end_datetime(self) -> dt.datetime:
        """The first moment after the year (exclusive bound)."""
        return timezone.make_aware(dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min))


@dataclass(frozen=True)
class Chart:
    """A chart drawn at build time: an SVG and the words a screen reader says instead."""

    key: str
    title: str
    description: str
    svg: str

    @property
    def svg_b64(self) -> str:
        import base64

        return base64.b64encode(self.svg.encode()).decode()


@dataclass(frozen=True)
class Figure:
    """A figure a section adds to the consortium overview, to compare partnerships side by side."""

    key: str
    label: Promise | str
    kind: str = "number"  # "number", "percent" or "text"


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    title: Promise | str
    gather: Callable[[Partnership, ReportYear], dict | None]  # None leaves the section out
    template: str
    charts: Callable[[dict], list[Chart]] | None = None
    figures: tuple[Figure, ...] = field(default=())
    summarise: Callable[[dict], dict] | None = None  # data -> {figure key: value}


_sections: dict[str, Section] = {}


def register(section: Section) -> None:
    """Add or replace a section (by key): registering twice, as ready() may, changes nothing."""
    _sections[section.key] = section


def unregister(key: str) -> None:
    _sections.pop(key, None)


def registered() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def overview_figures() -> list[Figure]:
    return [figure for section in registered() for figure in section.figures]


def model_or_none(app_label: str, model_name: str):
    """Another app's model, or None when that app (or that model) is not there yet."""
    if not apps.is_installed(app_label):
        return None
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


# --- The sections every report has ------------------------------------------------------------

def members_as_of(partnership: Partnership, on: dt.date) -> list[PartnershipMembership]:
    return list(
        PartnershipMembership.objects.for_consortium(partnership.consortium_id)
        .filter(partnership=partnership, joined_on__lte=on)
        .exclude(left_on__lte=on)
        .select_related("organisation", "organisation__local_authority")
        .order_by("organisation__name")
    )


def gather_cover(partnership: Partnership, year: ReportYear) -> dict:
    members = members_as_of(partnership, year.as_of)
    officers = list(
        PartnershipRole.objects.for_consortium(partnership.consortium_id)
        .filter(partnership=partnership, ended_at__isnull=True, role__in=["chair", "clerk"])
        .select_related("user").order_by("role", "user__full_name")
    )
    return {"partnership": partnership, "members": members, "officers": officers, "as_of": year.as_of}


def gather_purpose(partnership: Partnership, year: ReportYear) -> dict:
    items = list(PartnershipItem.objects.for_consortium(partnership.consortium_id).filter(partnership=partnership))
    return {
        "purpose": partnership.purpose,
        "terms_of_reference": partnership.terms_of_reference,
        "principles": [i.text for i in items if i.list_kind == PartnershipItem.ListKind.PRINCIPLE],
        "responsibilities": [i.text for i in items if i.list_kind == PartnershipItem.ListKind.RESPONSIBILITY],
    }


def gather_membership(partnership: Partnership, year: ReportYear) -> dict:
    memberships = list(
        PartnershipMembership.objects.for_consortium(partnership.consortium_id)
        .filter(partnership=partnership, joined_on__lte=year.end)
        .select_related("organisation").order_by("organisation__name")
    )
    joined = [m for m in memberships if year.start <= m.joined_on <= year.end]
    left = [m for m in memberships if m.left_on and year.start <= m.left_on <= year.end]
    at_start = [m for m in memberships if m.joined_on < year.start and (m.left_on is None or m.left_on >= year.start)]
    at_end = [m for m in memberships if m.left_on is None or m.left_on > year.as_of]
    return {"joined": joined, "left": left, "at_start": len(at_start), "at_end": len(at_end)}


def gather_agreements(partnership: Partnership, year: ReportYear) -> dict | None:
    """Acceptance of each agreement's version in force at the end of the year, if agreements exist."""
    version_model = model_or_none("agreements", "AgreementVersion")
    party_model = model_or_none("agreements", "AgreementParty")
    if version_model is None or party_model is None or model_or_none("agreements", "AgreementResponse") is None:
        return None
    from agreements.selectors import with_status  # read-only, and only when the app is there

    versions = list(
        version_model.objects.filter(
            consortium_id=partnership.consortium_id, template__partnership=partnership,
            status__in=["published", "superseded"], published_at__lt=year.end_datetime(),
        ).select_related("template").order_by("template__title", "-number")
    )
    in_force: dict[int, object] = {}
    for version in versions:  # newest first per template
        in_force.setdefault(version.template_id, version)
    if not in_force:
        return {"agreements": [], "parties": 0, "accepted": 0}
    counts: dict[int, dict[str, int]] = {pk: {} for pk in (v.pk for v in in_force.values())}
    parties = with_status(party_model.objects.filter(consortium_id=partnership.consortium_id,
                                                     version_id__in=list(counts))).values_list("version_id", "status")
    for version_id, status in parties:
        counts[version_id][status] = counts[version_id].get(status, 0) + 1
    rows = []
    for version in in_force.values():
        c = counts[version.pk]
        total = sum(c.values())
        rows.append({"title": version.template.display_title(), "number": version.number,
                     "published_at": version.published_at, "total": total,
                     "accepted": c.get("accepted", 0), "pending": c.get("pending", 0),
                     "challenged": c.get("challenged", 0), "withdrawn": c.get("withdrawn", 0),
                     "rate": c.get("accepted", 0) / total if total else None})
    total = sum(r["total"] for r in rows)
    accepted = sum(r["accepted"] for r in rows)
    return {"agreements": rows, "parties": total, "accepted": accepted}


def _summarise_agreements(data: dict) -> dict:
    return {"acceptance_rate": data["accepted"] / data["parties"] if data["parties"] else None}


def register_core_sections() -> None:
    register(Section(
        key="cover", order=0, title=_("The partnership and its members"), gather=gather_cover,
        template="reporting/sections/cover.html",
        figures=(Figure("members", _("Member organisations")),),
        summarise=lambda data: {"members": len(data["members"])},
    ))
    register(Section(
        key="purpose", order=10, title=_("Purpose and principles"), gather=gather_purpose,
        template="reporting/sections/purpose.html",
    ))
    register(Section(
        key="membership", order=20, title=_("Membership changes in the year"), gather=gather_membership,
        template="reporting/sections/membership.html",
        figures=(Figure("joined", _("Joined")), Figure("left", _("Left"))),
        summarise=lambda data: {"joined": len(data["joined"]), "left": len(data["left"])},
    ))
    register(Section(
        key="agreements", order=70, title=_("Agreement acceptance"), gather=gather_agreements,
        template="reporting/sections/agreements.html",
        figures=(Figure("acceptance_rate", _("Agreement acceptance"), "percent"),),
        summarise=_summarise_agreements,
    ))
