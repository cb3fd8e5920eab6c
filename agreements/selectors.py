"""Reads for agreements: who may see and respond, parties' status, the dashboard and reminders.

Pages built from these cost a fixed number of queries, however many parties there are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from consortia.models import Consortium, OutboundEmail
from consortia.permissions import has_consortium_perm
from partnerships.models import Partnership, PartnershipRole, PartnershipUserObjectPermission
from partnerships.selectors import has_partnership_perm

from .models import AgreementParty, AgreementResponse, AgreementTemplate, AgreementVersion, PartyStatus

REMINDER_PURPOSE = "agreement_reminder"
# NOTE: the beat entry (migration 0002) runs the reminder job daily at this hour, UTC.
REMINDER_HOUR_UTC = 8
REPRESENTATIVE = "representative"


# --- Permissions ------------------------------------------------------------------------------------

def can_manage(user, partnership: Partnership) -> bool:
    """Drafting, publishing, answering challenges and reminders: the chair or a consortium admin."""
    return has_partnership_perm(user, "partnerships.change_partnership", partnership)


def _representing(user, *, partnership_ref, organisation_ref) -> QuerySet[PartnershipRole]:
    return PartnershipRole.objects.filter(
        consortium_id=OuterRef("consortium_id"), user=user, role=REPRESENTATIVE, ended_at__isnull=True,
        partnership_id=OuterRef(partnership_ref), organisation_id=OuterRef(organisation_ref),
    )


def _mine(user) -> Q:
    """Parties the person is, or currently represents (the organisation, in that partnership)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    represents = _representing(user, partnership_ref="version__template__partnership_id",
                               organisation_ref="organisation_id")
    return Q(user=user) | Q(organisation__isnull=False) & Exists(represents)


def can_act_for(user, party: AgreementParty) -> bool:
    """Only the person themselves, or a current representative of the organisation, may respond."""
    if not user.is_authenticated:
        return False
    if party.kind == AgreementParty.Kind.PERSON:
        return party.user_id == user.pk
    return PartnershipRole.objects.filter(
        consortium_id=party.consortium_id, partnership_id=party.version.template.partnership_id, user=user,
        role=REPRESENTATIVE, organisation_id=party.organisation_id, ended_at__isnull=True,
    ).exists()


def can_view_version(user, version: AgreementVersion) -> bool:
    partnership = version.template.partnership
    if can_manage(user, partnership):
        return True
    if version.is_draft:
        return False
    return (has_partnership_perm(user, "partnerships.view_partnership", partnership)
            or AgreementParty.objects.filter(_mine(user), consortium_id=version.consortium_id,
                                             version=version).exists())


# --- Status -----------------------------------------------------------------------------------------

def _latest_response():
    return AgreementResponse.objects.filter(
        consortium_id=OuterRef("consortium_id"), party_id=OuterRef("pk")).order_by("-at", "-pk")


def with_status(parties: QuerySet[AgreementParty]) -> QuerySet[AgreementParty]:
    """Annotate each party with its latest response: status, when, by whom, and the response's id."""
    latest = _latest_response()
    status = Case(
        When(kind="accept", then=Value(PartyStatus.ACCEPTED.value)),
        When(kind="challenge", then=Value(PartyStatus.CHALLENGED.value)),
        When(kind="withdraw", then=Value(PartyStatus.WITHDRAWN.value)),
    )
    return parties.annotate(
        status=Coalesce(Subquery(latest.annotate(s=status).values("s")[:1]), Value(PartyStatus.PENDING.value)),
        status_at=Subquery(latest.values("at")[:1]),
        status_by_name=Subquery(latest.values("by__full_name")[:1]),
        status_by_email=Subquery(latest.values("by__email")[:1]),
    )


def parties_with_status(version: AgreementVersion) -> QuerySet[AgreementParty]:
    return with_status(
        AgreementParty.objects.filter(consortium_id=version.consortium_id, version=version)
        .select_related("organisation", "user")
    ).order_by("kind", "organisation__name", "user__full_name", "user__email", "role", "pk")


def party_status(party: AgreementParty) -> str:
    latest = AgreementResponse.objects.filter(consortium_id=party.consortium_id, party=party).order_by(
        "-at", "-pk").values_list("kind", flat=True).first()
    return PartyStatus.PENDING if latest is None else {
        "accept": PartyStatus.ACCEPTED, "challenge": PartyStatus.CHALLENGED, "withdraw": PartyStatus.WITHDRAWN,
    }[latest]


def parties_for_user(user, version: AgreementVersion) -> QuerySet[AgreementParty]:
    """The parties this person may respond for on this version."""
    return parties_with_status(version).filter(_mine(user))


def version_history(version: AgreementVersion, party_ids) -> QuerySet[AgreementResponse]:
    return AgreementResponse.objects.filter(consortium_id=version.consortium_id, version=version,
                                            party_id__in=party_ids).select_related(
        "by", "on_behalf_of", "answered_by", "party__organisation", "party__user").order_by("at", "pk")


# --- Lists ------------------------------------------------------------------------------------------

def _versions_of(status: str):
    return AgreementVersion.objects.filter(consortium_id=OuterRef("consortium_id"), template_id=OuterRef("pk"),
                                           status=status)


def agreements_visible_to(user, consortium: Consortium) -> QuerySet[AgreementTemplate]:
    """Agreements of partnerships the person can see, and those binding them or an organisation they represent."""
    templates = AgreementTemplate.objects.for_consortium(consortium)
    if not has_consortium_perm(user, "consortia.administer_consortium", consortium):
        visible_partnerships = PartnershipUserObjectPermission.objects.filter(
            consortium=consortium, user=user, permission__codename="view_partnership").values("content_object_id")
        bound = AgreementParty.objects.filter(_mine(user), consortium=consortium).exclude(
            version__status=AgreementVersion.Status.DRAFT).values("version__template_id")
        templates = templates.filter(Q(partnership_id__in=visible_partnerships) | Q(pk__in=bound))
    published = _versions_of(AgreementVersion.Status.PUBLISHED)
    return templates.select_related("partnership").annotate(
        current_pk=Subquery(published.values("pk")[:1]),
        current_number=Subquery(published.values("number")[:1]),
        current_published_at=Subquery(published.values("published_at")[:1]),
        draft_pk=Subquery(_versions_of(AgreementVersion.Status.DRAFT).values("pk")[:1]),
    ).order_by("partnership__name", "title")


def partnership_agreements(partnership: Partnership) -> QuerySet[AgreementTemplate]:
    """A partnership's agreements with their current version and how many of its parties have accepted."""
    current_parties = AgreementParty.objects.filter(
        consortium_id=OuterRef("consortium_id"), version__template_id=OuterRef("pk"),
        version__status=AgreementVersion.Status.PUBLISHED)
    total = current_parties.order_by().values("version__template_id").annotate(n=Count("pk")).values("n")
    accepted = with_status(current_parties).filter(status=PartyStatus.ACCEPTED).order_by().values(
        "version__template_id").annotate(n=Count("pk")).values("n")
    published = _versions_of(AgreementVersion.Status.PUBLISHED)
    return AgreementTemplate.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership).annotate(
        current_pk=Subquery(published.values("pk")[:1]),
        current_number=Subquery(published.values("number")[:1]),
        party_total=Coalesce(Subquery(total[:1]), Value(0)),
        accepted_total=Coalesce(Subquery(accepted[:1]), Value(0)),
    ).order_by("title")


def agreements_awaiting(user, consortium: Consortium) -> QuerySet[AgreementParty]:
    """Current versions binding the person (or an organisation they represent) that they have not accepted."""
    return with_status(
        AgreementParty.objects.filter(_mine(user), consortium=consortium,
                                      version__status=AgreementVersion.Status.PUBLISHED)
        .select_related("version__template__partnership", "organisation", "user")
    ).filter(status__in=[PartyStatus.PENDING, PartyStatus.CHALLENGED]).order_by("version__published_at", "pk")


def template_versions(template: AgreementTemplate) -> QuerySet[AgreementVersion]:
    accepted = with_status(AgreementParty.objects.filter(consortium_id=OuterRef("consortium_id"),
                                                         version_id=OuterRef("pk"))).filter(
        status=PartyStatus.ACCEPTED).order_by().values("version_id").annotate(n=Count("pk")).values("n")
    return AgreementVersion.objects.filter(consortium_id=template.consortium_id, template=template).select_related(
        "published_by").annotate(
        party_count=Count("parties", distinct=True),
        accepted_count=Coalesce(Subquery(accepted[:1]), Value(0)),
    ).order_by("-number")


# --- Recipients and reminders -----------------------------------------------------------------------

def recipients_for(version: AgreementVersion, parties) -> list[tuple[object, list[AgreementParty]]]:
    """Who to email for these parties: each person, and each organisation's current representatives.

    One entry per person however many of the parties they answer for, in email order.
    """
    parties = list(parties)
    by_user: dict[int, tuple[object, list]] = {}
    for party in parties:
        if party.kind == AgreementParty.Kind.PERSON and party.user.is_active:
            by_user.setdefault(party.user_id, (party.user, []))[1].append(party)
    organisation_parties = defaultdict(list)
    for party in parties:
        if party.kind == AgreementParty.Kind.ORGANISATION:
            organisation_parties[party.organisation_id].append(party)
    if organisation_parties:
        representatives = PartnershipRole.objects.filter(
            consortium_id=version.consortium_id, partnership_id=version.template.partnership_id, role=REPRESENTATIVE,
            ended_at__isnull=True, organisation_id__in=list(organisation_parties), user__is_active=True,
        ).select_related("user")
        for role in representatives:
            entry = by_user.setdefault(role.user_id, (role.user, []))
            entry[1].extend(p for p in organisation_parties[role.organisation_id] if p not in entry[1])
    return sorted(by_user.values(), key=lambda entry: entry[0].email)


def reminder_window(version: AgreementVersion, at: dt.datetime) -> int:
    """Which cadence window `at` falls in: 0 is the one the request to accept went out in."""
    return max((at - version.published_at).days // version.template.reminder_cadence_days, 0)


def reminders_active(version: AgreementVersion, at: dt.datetime) -> bool:
    return (version.is_published and not version.reminders_cancelled
            and (version.reminders_paused_until is None or version.reminders_paused_until <= at))


def next_run(at: dt.datetime) -> dt.datetime:
    """The first run of the daily reminder job at or after `at`."""
    at_utc = at.astimezone(dt.UTC)
    run = at_utc.replace(hour=REMINDER_HOUR_UTC, minute=0, second=0, microsecond=0)
    return run if run >= at_utc else run + dt.timedelta(days=1)


def _reminders_sent(version: AgreementVersion) -> QuerySet[OutboundEmail]:
    return OutboundEmail.objects.filter(
        consortium_id=version.consortium_id, purpose=REMINDER_PURPOSE,
        object_type=AgreementVersion._meta.label_lower, object_id=str(version.pk),
    ).exclude(status=OutboundEmail.Status.CANCELLED)


def reminders_sent_count(version: AgreementVersion) -> int:
    return _reminders_sent(version).count()


@dataclass
class ReminderPlan:
    state: str  # "active", "paused", "cancelled", "not_published", "nobody"
    next_at: dt.datetime | None = None
    recipients: list = field(default_factory=list)
    sent_count: int = 0
    paused_until: dt.datetime | None = None

    @property
    def recipient_count(self) -> int:
        return len(self.recipients)


def reminder_plan(version: AgreementVersion, now: dt.datetime | None = None) -> ReminderPlan:
    """Who the reminder job will email next for this version, when, and how many reminders have gone."""
    now = now or timezone.now()
    if not version.is_published:
        return ReminderPlan(state="not_published")
    sent_count = reminders_sent_count(version)
    if version.reminders_cancelled:
        return ReminderPlan(state="cancelled", sent_count=sent_count)
    pending = parties_with_status(version).filter(status=PartyStatus.PENDING)
    recipients = recipients_for(version, pending)
    paused = version.reminders_paused_until is not None and version.reminders_paused_until > now
    state = "paused" if paused else "active"
    if not recipients:
        return ReminderPlan(state="nobody", sent_count=sent_count, paused_until=version.reminders_paused_until)
    start = version.reminders_paused_until if paused else now
    window = reminder_window(version, start)
    reminded = set(_reminders_sent(version).filter(version=window).values_list("recipient", flat=True))
    if window < 1 or all(user.email.lower() in reminded for user, _parties in recipients):
        window_start = version.published_at + dt.timedelta(days=(window + 1) * version.template.reminder_cadence_days)
        start = max(start, window_start)
    return ReminderPlan(state=state, next_at=next_run(start), recipients=recipients, sent_count=sent_count,
                        paused_until=version.reminders_paused_until if paused else None)


def versions_due_for_reminders(now: dt.datetime) -> QuerySet[AgreementVersion]:
    """Current versions in every consortium whose reminders are neither cancelled nor paused."""
    return AgreementVersion.objects.filter(
        status=AgreementVersion.Status.PUBLISHED, reminders_cancelled=False,
    ).filter(Q(reminders_paused_until__isnull=True) | Q(reminders_paused_until__lte=now)).order_by(
        "consortium_id", "pk").values_list("consortium_id", "pk")


# --- The acceptance dashboard -----------------------------------------------------------------------

STATUS_KEYS = [s.value for s in PartyStatus]


def acceptance_counts(version: AgreementVersion) -> dict[str, int]:
    counts = parties_with_status(version).order_by().aggregate(
        total=Count("pk"), **{key: Count("pk", filter=Q(status=key)) for key in STATUS_KEYS})
    return counts


def challenges(version: AgreementVersion) -> QuerySet[AgreementResponse]:
    return AgreementResponse.objects.filter(
        consortium_id=version.consortium_id, version=version, kind=AgreementResponse.Kind.CHALLENGE,
    ).select_related("by", "on_behalf_of", "answered_by", "party__organisation", "party__user").order_by(
        "answered_at", "-at")


@dataclass
class Dashboard:
    version: AgreementVersion
    counts: dict
    parties: QuerySet
    challenges: list
    reminders: ReminderPlan


def acceptance_dashboard(version: AgreementVersion, *, status: str = "",
                         now: dt.datetime | None = None) -> Dashboard:
    parties = parties_with_status(version)
    if status in STATUS_KEYS:
        parties = parties.filter(status=status)
    return Dashboard(version=version, counts=acceptance_counts(version), parties=parties,
                     challenges=list(challenges(version)), reminders=reminder_plan(version, now))


# --- The text -----------------------------------------------------------------------------------

@dataclass
class SectionText:
    section: object
    heading: object  # ui.bilingual.Text
    body: object  # ui.bilingual.Text: its language is the commitments' language
    commitments: list[str]
    # The reader is bound by these commitments (as a party of that role, or a mentor by the participants').
    binds_reader: bool = False


def version_text(version: AgreementVersion, language: str, reader_roles=()) -> list[SectionText]:
    """The version's sections in the reader's language (English, marked, where there is no Welsh)."""
    from .models import roles_bound_by

    bound = {role for party_role in reader_roles for role in roles_bound_by(party_role)}
    return [SectionText(section=s, heading=s.display_heading(language), body=s.display_body(language),
                        commitments=s.commitments(language), binds_reader=s.role in bound)
            for s in version.sections.all()]


def missing_welsh(version: AgreementVersion) -> int:
    """How many of the version's texts have English but no Welsh (title, introduction, sections)."""
    texts = [(version.template.title, version.template.title_cy), (version.intro, version.intro_cy)]
    for section in version.sections.all():
        texts += [(section.heading, section.heading_cy), (section.body, section.body_cy)]
    return sum(1 for english, welsh in texts if english.strip() and not welsh.strip())
