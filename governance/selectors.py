"""Reads for meetings, with the joins each page needs so it costs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast
from django.utils import timezone

from consortia.models import Consortium, ConsortiumRole, OutboundEmail
from consortia.permissions import has_consortium_perm
from partnerships.models import Partnership, PartnershipMembership, PartnershipRole
from partnerships.selectors import visible_partnerships

from . import rules
from .models import (
    Action,
    AgendaItem,
    Attendance,
    BallotReceipt,
    Decision,
    Declaration,
    Election,
    InterestConfirmation,
    Meeting,
    Minutes,
    Nomination,
    OfficeTerm,
    Paper,
    PaperAudience,
    Reply,
    StandingInterest,
    Subscription,
)

OFFICER_ROLES = frozenset({"chair", "clerk"})
VOTING_ROLES = frozenset({"representative"})
NOTICE_ROLES = frozenset({"chair", "clerk", "representative"})
# Outbox purposes this app sends; the notifications page lists these.
PURPOSES = ("meeting_notice", "meeting_cancellation", "meeting_reminder", "action_reminder", "minutes_circulated",
            "paper_published", "interests_reminder", "chair_term_ending")


# --- Who is looking, and what they may see --------------------------------------------------------

@dataclass(frozen=True)
class Viewer:
    """A person as one partnership sees them: their roles there and the organisations they speak for."""

    user_id: int | None
    partnership_id: int | None = None
    is_admin: bool = False
    roles: frozenset[str] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    officer_of_meeting_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_officer(self) -> bool:
        return self.is_admin or bool(self.roles & OFFICER_ROLES)

    def has(self, perm: str) -> bool:
        """The partnership permission, as `has_partnership_perm` answers it: from administering the
        consortium, or from the roles held (guardian's rows are granted from exactly these roles)."""
        return self.is_admin or perm in role_permissions(self.roles)


def role_permissions(codes) -> set[str]:
    from consortia import roles

    return roles.permissions_for(set(codes))


def viewer_for(user, partnership: Partnership) -> Viewer:
    if not user.is_authenticated:
        return Viewer(user_id=None)
    is_admin = has_consortium_perm(user, "consortia.administer_consortium", partnership.consortium)
    from partnerships.selectors import held_roles

    held = [(r.role, r.organisation_id) for r in held_roles(user, partnership.consortium_id)
            if r.partnership_id == partnership.pk]
    return Viewer(user_id=user.pk, partnership_id=partnership.pk, is_admin=is_admin,
                  roles=frozenset(r for r, _ in held), organisation_ids=frozenset(o for _, o in held if o))


def paper_visible(paper: Paper, viewer: Viewer, meeting: Meeting, audience_ids: set[int] | None = None) -> bool:
    """May this person see this paper? The one rule used by pages, emails and the API."""
    if viewer.user_id is None:
        return False
    if viewer.is_admin or paper.uploaded_by_id == viewer.user_id:
        return True
    if viewer.user_id in (meeting.chair_id, meeting.note_taker_id) or viewer.roles & OFFICER_ROLES:
        return True
    level = paper.confidentiality
    if level == Paper.Confidentiality.MEMBERS:
        return bool(viewer.roles)
    if level == Paper.Confidentiality.REPRESENTATIVES:
        return "representative" in viewer.roles
    if level == Paper.Confidentiality.ORGANISATIONS:
        if audience_ids is None:
            audience_ids = {a.organisation_id for a in paper.audience.all()}
        return bool(viewer.organisation_ids & audience_ids)
    return False  # officers only


# What may change on an action, by who is asking: the one rule the page and the API both apply.
ACTION_OWNER_CHANGES = frozenset({"status", "due_on"})
ACTION_RECORDER_CHANGES = frozenset({"title", "title_cy", "owner", "status", "due_on"})


def action_changes_allowed(action: Action, viewer: Viewer) -> frozenset[str]:
    """The fields this person may change: whoever records the partnership's minutes may change any of
    them; the action's owner its status and due date; anyone else nothing."""
    if viewer.has("partnerships.record_minutes"):
        return ACTION_RECORDER_CHANGES
    if viewer.user_id is not None and viewer.user_id == action.owner_id:
        return ACTION_OWNER_CHANGES
    return frozenset()


def visible_papers(papers, viewer: Viewer, meeting: Meeting) -> list[Paper]:
    return [p for p in papers if paper_visible(p, viewer, meeting)]


def papers_visible_queryset(user, consortium: Consortium) -> QuerySet[Paper]:
    """Papers the person may see, as a queryset: the same rule as `paper_visible`, for lists and the API."""
    papers = Paper.objects.for_consortium(consortium)
    if has_consortium_perm(user, "consortia.administer_consortium", consortium):
        return papers
    mine = PartnershipRole.objects.filter(consortium=consortium, user=user, ended_at__isnull=True)
    officer_of = mine.filter(role__in=OFFICER_ROLES).values("partnership_id")
    member_of = mine.values("partnership_id")
    representing = mine.filter(role="representative").values("partnership_id")
    audience = PaperAudience.objects.filter(
        paper=OuterRef("pk"),
        organisation_id__in=mine.filter(partnership_id=OuterRef(OuterRef("meeting__partnership_id")),
                                        organisation__isnull=False).values("organisation_id"))
    return papers.filter(
        Q(uploaded_by=user) | Q(meeting__chair=user) | Q(meeting__note_taker=user)
        | Q(meeting__partnership_id__in=officer_of)
        | Q(confidentiality=Paper.Confidentiality.MEMBERS, meeting__partnership_id__in=member_of)
        | Q(confidentiality=Paper.Confidentiality.REPRESENTATIVES, meeting__partnership_id__in=representing)
        | Q(Exists(audience), confidentiality=Paper.Confidentiality.ORGANISATIONS)
    )


def papers_to_read(user, consortium: Consortium, meeting_ids: list[int]) -> list[Paper]:
    """The papers of these meetings that the person may see, for reading before them. One query."""
    if not meeting_ids:
        return []
    return list(papers_visible_queryset(user, consortium).filter(meeting_id__in=meeting_ids)
                .select_related("meeting", "agenda_item").order_by("meeting__starts_at", "agenda_item__position",
                                                                    "pk")[:10])


def my_interests_status(user, consortium: Consortium, today: dt.date) -> str | None:
    """confirmed, due or overdue for someone who must keep a register (a chair, clerk or representative
    in the consortium); None for anyone else. One query."""
    year = rules.academic_year_of(today)
    from django.contrib.auth import get_user_model

    row = get_user_model().objects.filter(pk=user.pk).annotate(
        needs=Exists(PartnershipRole.objects.filter(consortium=consortium, user=OuterRef("pk"),
                                                    ended_at__isnull=True, role__in=NOTICE_ROLES)),
        confirmed=Exists(InterestConfirmation.objects.filter(consortium=consortium, user=OuterRef("pk"),
                                                             academic_year=year)),
    ).values("needs", "confirmed").first()
    if not row or not row["needs"]:
        return None
    return rules.interests_status(confirmed=row["confirmed"], today=today)


def minutes_circulated_to(user, consortium: Consortium, *, since: dt.datetime) -> list[Minutes]:
    """Approved minutes circulated since `since` in the partnerships the person can see. One query."""
    return list(Minutes.objects.for_consortium(consortium).filter(
        status=Minutes.Status.APPROVED, circulated_at__gte=since,
        meeting__partnership__in=visible_partnerships(user, consortium).values("pk"),
    ).select_related("meeting", "meeting__partnership").order_by("-circulated_at")[:5])


def papers_with_audience(meeting: Meeting) -> QuerySet[Paper]:
    return (Paper.objects.for_consortium(meeting.consortium_id).filter(meeting=meeting)
            .select_related("agenda_item", "uploaded_by")
            .prefetch_related(Prefetch("audience", queryset=PaperAudience.objects.select_related("organisation"))))


# --- Meetings -------------------------------------------------------------------------------------

def meetings_base(consortium: Consortium | int) -> QuerySet[Meeting]:
    return Meeting.objects.for_consortium(consortium).select_related("partnership", "group", "chair", "note_taker")


def meetings_visible_to(user, consortium: Consortium) -> QuerySet[Meeting]:
    return meetings_base(consortium).filter(partnership__in=visible_partnerships(user, consortium).values("pk"))


def invited_filter(user) -> Q:
    """Meetings whose notice goes to this person: the same people as `invitees`, as a filter."""
    roles = PartnershipRole.objects.filter(consortium_id=OuterRef("consortium_id"),
                                           partnership_id=OuterRef("partnership_id"), user=user,
                                           ended_at__isnull=True, role__in=NOTICE_ROLES)
    in_group = roles.filter(Q(group_id=OuterRef("group_id")) | Q(role__in=OFFICER_ROLES))
    return (Q(chair=user) | Q(note_taker=user) | (Q(group__isnull=True) & Q(Exists(roles)))
            | (Q(group__isnull=False) & Q(Exists(in_group))))


def meeting_list(user, consortium: Consortium, *, when: str = "upcoming", partnership_id: int | None = None):
    """Meetings across the person's partnerships, with their own reply, soonest first (latest first for past).

    `reply_needed` is true only for a meeting whose notice has gone to this person and who has not
    replied: an observer, who is never sent a notice, is never asked for a reply.
    """
    meetings = meetings_visible_to(user, consortium).annotate(
        my_reply=Subquery(Reply.objects.filter(meeting=OuterRef("pk"), user=user).values("response")[:1]),
        item_count=Count("agenda_items", distinct=True),
        invited=ExpressionWrapper(invited_filter(user), output_field=BooleanField()),
    ).annotate(reply_needed=ExpressionWrapper(  # replies close when the meeting starts (rules.replies_open)
        Q(invited=True, status=Meeting.Status.NOTICE_SENT, my_reply__isnull=True, starts_at__gt=timezone.now()),
        output_field=BooleanField()))
    if partnership_id:
        meetings = meetings.filter(partnership_id=partnership_id)
    cutoff = timezone.now() - dt.timedelta(hours=12)
    if when == "past":
        return meetings.filter(starts_at__lt=cutoff).order_by("-starts_at")
    return meetings.filter(starts_at__gte=cutoff).order_by("starts_at")


def invitees(meeting: Meeting) -> list[tuple[object, Viewer]]:
    """Everyone a notice goes to, with what they may see: the partnership's chair, clerk and current
    representatives (of the group, for a group meeting) and the meeting's own chair and note-taker."""
    roles = PartnershipRole.objects.for_consortium(meeting.consortium_id).filter(
        partnership_id=meeting.partnership_id, ended_at__isnull=True, role__in=NOTICE_ROLES,
    ).select_related("user")
    if meeting.group_id:
        roles = roles.filter(Q(group_id=meeting.group_id) | Q(role__in=OFFICER_ROLES))
    people: dict[int, dict] = {}
    for role in roles.order_by("user__full_name", "user__email"):
        entry = people.setdefault(role.user_id, {"user": role.user, "roles": set(), "orgs": set()})
        entry["roles"].add(role.role)
        if role.organisation_id:
            entry["orgs"].add(role.organisation_id)
    for officer in (meeting.chair, meeting.note_taker):
        if officer is not None and officer.pk not in people:
            people[officer.pk] = {"user": officer, "roles": set(), "orgs": set()}
    return [
        (p["user"], Viewer(user_id=p["user"].pk, partnership_id=meeting.partnership_id, roles=frozenset(p["roles"]),
                           organisation_ids=frozenset(p["orgs"])))
        for p in people.values() if p["user"].is_active
    ]


def partnership_invitees(partnership: Partnership) -> list[tuple[object, Viewer]]:
    """Everyone a whole-partnership meeting's notice would go to today (for recording a past meeting)."""
    return invitees(Meeting(consortium_id=partnership.consortium_id, partnership=partnership))


def members_on(partnership_id: int, consortium_id: int, day: dt.date) -> QuerySet[PartnershipMembership]:
    return PartnershipMembership.objects.for_consortium(consortium_id).filter(
        partnership_id=partnership_id, joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


@dataclass(frozen=True)
class Quorum:
    rule: str
    member_count: int
    required: int
    present: int

    @property
    def quorate(self) -> bool:
        return self.member_count > 0 and self.present >= self.required


def meeting_quorum(meeting: Meeting, attendance: list[Attendance] | None = None,
                   member_ids: set[int] | None = None) -> Quorum:
    """Quorum from the partnership's rule: member organisations represented by at least one person present."""
    if member_ids is None:
        member_ids = set(members_on(meeting.partnership_id, meeting.consortium_id,
                                    rules.local_date(meeting.starts_at)).values_list("organisation_id", flat=True))
    if attendance is None:
        attendance = list(Attendance.objects.for_consortium(meeting.consortium_id).filter(meeting=meeting))
    present = {a.organisation_id for a in attendance
               if a.status == Attendance.Status.PRESENT and a.organisation_id in member_ids}
    partnership = meeting.partnership
    required = rules.quorum_required(rule=partnership.quorum_rule, value=partnership.quorum_value,
                                     member_count=len(member_ids))
    return Quorum(rule=partnership.quorum_rule, member_count=len(member_ids), required=required,
                  present=len(present))


def members_absent(meeting: Meeting, attendance: list[Attendance],
                   memberships: list[PartnershipMembership] | None = None) -> list[dict]:
    """The member organisations on the day of the meeting that no one attended for, each with whether
    apologies were sent for it. Empty until attendance is recorded (absence is not known before)."""
    if not attendance:
        return []
    if memberships is None:
        memberships = list(members_on(meeting.partnership_id, meeting.consortium_id,
                                      rules.local_date(meeting.starts_at)).select_related("organisation"))
    present = {a.organisation_id for a in attendance if a.status == Attendance.Status.PRESENT}
    apologies = {a.organisation_id for a in attendance if a.status == Attendance.Status.APOLOGIES}
    return [{"organisation": m.organisation, "apologies": m.organisation_id in apologies}
            for m in sorted(memberships, key=lambda m: m.organisation.name)
            if m.organisation_id not in present]


def meeting_page(meeting: Meeting, user, viewer: Viewer | None = None) -> dict:
    """Everything the meeting page shows, in a fixed number of queries."""
    consortium_id = meeting.consortium_id
    partnership = meeting.partnership
    viewer = viewer or viewer_for(user, partnership)
    items = list(AgendaItem.objects.for_consortium(consortium_id).filter(meeting=meeting).select_related("owner"))
    papers = visible_papers(papers_with_audience(meeting), viewer, meeting)
    for item in items:
        item.visible_papers = [p for p in papers if p.agenda_item_id == item.pk]
    attendance = list(Attendance.objects.for_consortium(consortium_id).filter(meeting=meeting)
                      .select_related("user", "organisation").order_by("status", "name", "user__full_name"))
    memberships = list(members_on(meeting.partnership_id, consortium_id, rules.local_date(meeting.starts_at))
                       .select_related("organisation"))
    member_ids = {m.organisation_id for m in memberships}
    replies = list(Reply.objects.for_consortium(consortium_id).filter(meeting=meeting).select_related("user")
                   .order_by("user__full_name"))
    minutes = Minutes.objects.for_consortium(consortium_id).filter(meeting=meeting).select_related(
        "approved_at_meeting", "drafted_by").first()
    can_record = viewer.has("partnerships.record_minutes")
    can_manage = viewer.has("partnerships.manage_meetings")
    if minutes and minutes.status != Minutes.Status.APPROVED and not can_record:
        minutes = None
    # Quorum and absence are facts about a meeting that has been held: never shown before its register.
    recorded = meeting.status == Meeting.Status.HELD and bool(attendance)
    is_invited = user.pk in (meeting.chair_id, meeting.note_taker_id) or (
        bool(viewer.roles & NOTICE_ROLES) and user.pk in {u.pk for u, _v in invitees(meeting)})
    return {
        "viewer": viewer,
        "items": items,
        "general_papers": [p for p in papers if p.agenda_item_id is None],
        "paper_count": len(papers),
        "attendance": attendance,
        "attendance_recorded": recorded,
        "quorum": meeting_quorum(meeting, attendance, member_ids) if recorded else None,
        "absent_members": members_absent(meeting, attendance, memberships) if recorded else [],
        "replies": replies,
        "my_reply": next((r for r in replies if r.user_id == user.pk), None),
        "declarations": list(Declaration.objects.for_consortium(consortium_id).filter(meeting=meeting)
                             .select_related("user", "agenda_item")),
        "minutes": minutes,
        "decisions": list(Decision.objects.for_consortium(consortium_id).filter(meeting=meeting)
                          .select_related("agenda_item")),
        "actions": list(Action.objects.for_consortium(consortium_id).filter(meeting=meeting).select_related("owner")),
        "can_manage": can_manage,
        "can_record": can_record,
        "is_invited": is_invited,
        "can_reply": is_invited and rules.replies_open(status=meeting.status, starts_at=meeting.starts_at),
        # Minutes are approved at a later meeting that was held; without one, approval is not offered.
        "approval_meetings": (list(later_meetings(meeting)) if minutes and minutes.status == Minutes.Status.DRAFT
                              and can_manage else []),
    }


def later_meetings(meeting: Meeting) -> QuerySet[Meeting]:
    """Meetings at which a meeting's minutes may be approved: later ones of the same partnership that
    have been held (their attendance recorded)."""
    return Meeting.objects.for_consortium(meeting.consortium_id).filter(
        partnership_id=meeting.partnership_id, starts_at__gt=meeting.starts_at, status=Meeting.Status.HELD,
    ).select_related("chair").order_by("starts_at")


def next_note_taker(partnership: Partnership):
    """The next person in the rotation after whoever took notes at the latest meeting."""
    from .models import NoteTakerRotation

    rotation = list(NoteTakerRotation.objects.for_consortium(partnership.consortium_id)
                    .filter(partnership=partnership).select_related("user"))
    if not rotation:
        return None
    last = (Meeting.objects.for_consortium(partnership.consortium_id)
            .filter(partnership=partnership, note_taker__isnull=False)
            .exclude(status=Meeting.Status.CANCELLED).order_by("-starts_at", "-pk")
            .values_list("note_taker_id", flat=True).first())
    ids = [place.user_id for place in rotation]
    if last not in ids:
        return rotation[0].user
    return rotation[(ids.index(last) + 1) % len(rotation)].user


def current_chair(partnership: Partnership):
    role = PartnershipRole.objects.for_consortium(partnership.consortium_id).filter(
        partnership=partnership, role="chair", ended_at__isnull=True).select_related("user").first()
    return role.user if role else None


# --- Actions --------------------------------------------------------------------------------------

def actions_for_partnership(partnership: Partnership, *, status: str = "") -> QuerySet[Action]:
    actions = Action.objects.for_consortium(partnership.consortium_id).filter(partnership=partnership).select_related(
        "owner", "meeting")
    if status == "open":
        actions = actions.filter(status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS])
    elif status == "overdue":
        actions = actions.filter(status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS],
                                 due_on__lt=timezone.localdate())
    elif status:
        actions = actions.filter(status=status)
    return actions.order_by("due_on", "pk")


def my_actions(user, consortium: Consortium) -> QuerySet[Action]:
    return (Action.objects.for_consortium(consortium).filter(owner=user)
            .select_related("partnership", "meeting").order_by(
                F("completed_at").asc(nulls_first=True), "due_on", "pk"))


# --- Elections ------------------------------------------------------------------------------------

def eligible_voter_ids(partnership: Partnership) -> set[int]:
    """One vote each for the partnership's current representatives."""
    return set(PartnershipRole.objects.for_consortium(partnership.consortium_id).filter(
        partnership=partnership, role__in=VOTING_ROLES, ended_at__isnull=True).values_list("user_id", flat=True))


def election_page(election: Election, user) -> dict:
    nominations = list(Nomination.objects.for_consortium(election.consortium_id).filter(election=election)
                       .select_related("nominee", "nominated_by").order_by("nominee__full_name"))
    eligible = eligible_voter_ids(election.partnership)
    has_voted = BallotReceipt.objects.for_consortium(election.consortium_id).filter(
        election=election, voter=user).exists()
    return {"nominations": nominations, "eligible": user.pk in eligible, "has_voted": has_voted,
            "eligible_count": len(eligible),
            "votes_cast": BallotReceipt.objects.for_consortium(election.consortium_id).filter(
                election=election).count()}


def elections_for(partnership: Partnership) -> QuerySet[Election]:
    return Election.objects.for_consortium(partnership.consortium_id).filter(partnership=partnership).select_related(
        "winner")


def terms_for(partnership: Partnership) -> QuerySet[OfficeTerm]:
    return OfficeTerm.objects.for_consortium(partnership.consortium_id).filter(partnership=partnership).select_related(
        "user")


def terms_ending(today: dt.date) -> QuerySet[OfficeTerm]:
    """Across consortia, for the scheduled warning: terms ending within the warning period."""
    return OfficeTerm.objects.filter(ends_on__gte=today, ends_on__lte=today + dt.timedelta(days=rules.TERM_WARNING_DAYS)
                                     ).select_related("partnership", "user", "consortium")


def consortium_admins(consortium_id: int):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        pk__in=ConsortiumRole.objects.filter(consortium_id=consortium_id, role="consortium_admin",
                                             ended_at__isnull=True).values("user_id"), is_active=True)


# --- Interests ------------------------------------------------------------------------------------

def interest_register(user, consortium: Consortium) -> dict:
    year = rules.academic_year_of(timezone.localdate())
    confirmation = InterestConfirmation.objects.for_consortium(consortium).filter(user=user,
                                                                                  academic_year=year).first()
    return {
        "interests": list(StandingInterest.objects.for_consortium(consortium).filter(user=user)
                          .order_by("ended_on", "-since")),
        "academic_year": year, "year_label": rules.academic_year_label(year), "confirmation": confirmation,
        "status": rules.interests_status(confirmed=confirmation is not None, today=timezone.localdate()),
    }


def interests_compliance(consortium_id: int, partnership_ids=None, today: dt.date | None = None,
                         held=None) -> list[dict]:
    """Each person holding a notice role (chair, clerk, representative) and whether they have confirmed this year.

    `held`: the current roles (user joined) when the caller has them already, instead of a query.
    """
    today = today or timezone.localdate()
    year = rules.academic_year_of(today)
    if held is None:
        roles = PartnershipRole.objects.filter(consortium_id=consortium_id, ended_at__isnull=True,
                                               role__in=NOTICE_ROLES).select_related("user")
        if partnership_ids is not None:
            roles = roles.filter(partnership_id__in=partnership_ids)
        roles = roles.order_by("user__full_name")
    else:
        roles = sorted((r for r in held if r.role in NOTICE_ROLES), key=lambda r: r.user.full_name)
    confirmed = set(InterestConfirmation.objects.filter(consortium_id=consortium_id, academic_year=year)
                    .values_list("user_id", flat=True))
    people = {}
    for role in roles:
        people.setdefault(role.user_id, role.user)
    return [{"user": user, "status": rules.interests_status(confirmed=user.pk in confirmed, today=today)}
            for user in people.values()]


# --- Compliance -----------------------------------------------------------------------------------

YEAR_FIELDS = ("partnership_id", "kind", "status", "starts_at", "notice_sent_at", "notice_late", "recorded_after")


def partnership_compliance(partnership: Partnership, year: int | None = None) -> dict:
    """One partnership's record for an academic year: strategic meetings held against the minimum (pro
    rata while the year runs), notice over the meetings whose notice has gone or was due, attendance
    per member organisation, overdue actions and interests. A fixed number of queries."""
    year = rules.academic_year_of(timezone.localdate()) if year is None else year
    start, end = rules.academic_year_bounds(year)
    consortium_id = partnership.consortium_id
    meetings = list(Meeting.objects.for_consortium(consortium_id).filter(
        partnership=partnership, starts_at__gte=start, starts_at__lt=end))
    figures = rules.year_figures(meetings, minimum=partnership.min_strategic_meetings, year=year,
                                 now=timezone.now(), **rules.notice_of(partnership))
    held_all = [m for m in meetings if m.status == Meeting.Status.HELD]
    present = set(Attendance.objects.for_consortium(consortium_id).filter(
        meeting__in=[m.pk for m in held_all], status=Attendance.Status.PRESENT, organisation__isnull=False,
    ).values_list("meeting_id", "organisation_id"))
    from partnerships.selectors import all_memberships

    memberships = all_memberships(partnership)  # the partnership page shows them too: read once
    attendance_rates = []
    for membership in memberships:
        expected = [m for m in held_all if membership.joined_on <= rules.local_date(m.starts_at)
                    and (membership.left_on is None or membership.left_on > rules.local_date(m.starts_at))]
        if not expected and not membership.is_current:
            continue
        attended = sum(1 for m in expected if (m.pk, membership.organisation_id) in present)
        attendance_rates.append({"organisation": membership.organisation, "expected": len(expected),
                                 "attended": attended,
                                 "rate": round(100 * attended / len(expected)) if expected else None})
    overdue = Action.objects.for_consortium(consortium_id).filter(
        partnership=partnership, status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS],
        due_on__lt=timezone.localdate()).count()
    from partnerships.selectors import current_roles

    interests = interests_compliance(consortium_id, [partnership.pk], held=current_roles(partnership))
    return {
        "year": year, "year_label": rules.academic_year_label(year), **figures,
        "attendance": attendance_rates,
        "overdue_actions": overdue,
        "interests": interests,
        "interests_outstanding": sum(1 for i in interests if i["status"] != "confirmed"),
    }


def consortium_compliance(consortium: Consortium, year: int | None = None) -> dict:
    """Every partnership's record for an academic year, in a fixed number of queries."""
    year = rules.academic_year_of(timezone.localdate()) if year is None else year
    start, end = rules.academic_year_bounds(year)
    now = timezone.now()
    partnerships = Partnership.objects.for_consortium(consortium).annotate(
        held_count=Count("meetings", filter=Q(meetings__starts_at__gte=start, meetings__starts_at__lt=end,
                                              meetings__status=Meeting.Status.HELD), distinct=True),
        member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True), distinct=True),
    ).order_by("name")
    by_partnership: dict[int, list[dict]] = {}
    for row in Meeting.objects.for_consortium(consortium).filter(starts_at__gte=start, starts_at__lt=end).values(
            *YEAR_FIELDS):
        by_partnership.setdefault(row["partnership_id"], []).append(row)
    overdue = dict(Action.objects.for_consortium(consortium).filter(
        status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS], due_on__lt=timezone.localdate(),
    ).values_list("partnership_id").annotate(n=Count("pk")).values_list("partnership_id", "n"))
    pairs = Attendance.objects.for_consortium(consortium).filter(
        meeting__status=Meeting.Status.HELD, meeting__starts_at__gte=start, meeting__starts_at__lt=end,
        status=Attendance.Status.PRESENT, organisation__isnull=False,
    ).values_list("meeting__partnership_id", "meeting_id", "organisation_id").distinct()
    present: dict[int, int] = {}
    for partnership_id, _meeting_id, _organisation_id in pairs:
        present[partnership_id] = present.get(partnership_id, 0) + 1
    rows = []
    for p in partnerships:
        figures = rules.year_figures(by_partnership.get(p.pk, []), minimum=p.min_strategic_meetings, year=year,
                                     now=now, **rules.notice_of(p))
        rows.append({"partnership": p, **figures, "overdue_actions": overdue.get(p.pk, 0),
                     "attendance_rate": (round(100 * present.get(p.pk, 0) / (p.held_count * p.member_count))
                                         if p.held_count and p.member_count else None)})
    interests = interests_compliance(consortium.pk)
    return {"year": year, "year_label": rules.academic_year_label(year), "rows": rows,
            "in_progress": timezone.localdate() < dt.date(year + 1, 9, 1),
            "interests_outstanding": sum(1 for i in interests if i["status"] != "confirmed"),
            "interests_total": len(interests)}


# --- Notifications --------------------------------------------------------------------------------

def purpose_label(purpose: str) -> str:
    """What kind of email an outbox row is, in words (its purpose code means nothing to a reader)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    if purpose.startswith("meeting_reminder_") and purpose.endswith("d") and purpose[17:-1].isdigit():
        days = int(purpose[17:-1])
        return ngettext("Reminder, %(days)s day before", "Reminder, %(days)s days before", days) % {"days": days}
    labels = {
        "meeting_notice": _("Notice of a meeting"), "meeting_cancellation": _("Cancellation of a meeting"),
        "action_reminder_due": _("Action due soon"), "action_reminder_overdue": _("Action overdue"),
        "minutes_circulated": _("Approved minutes"), "paper_published": _("New paper"),
        "interests_reminder": _("Register of interests due"),
        "interests_reminder_overdue": _("Register of interests overdue"),
        "chair_term_ending": _("Chair's term of office ending"),
    }
    return labels.get(purpose, purpose)


def _ids_as_text(queryset) -> QuerySet:
    return queryset.annotate(id_text=Cast("pk", CharField())).values("id_text")


def notifications_for(user, consortium: Consortium, *, status: str = "", partnership_ids=None) -> QuerySet:
    """Outbox rows about this consortium's meetings, actions and governance, for admins (all) or
    for chairs and clerks (the partnerships they manage: `partnership_ids`)."""
    emails = OutboundEmail.objects.for_consortium(consortium).filter(
        Q(*[Q(purpose__startswith=p) for p in PURPOSES], _connector=Q.OR))
    if partnership_ids is not None:
        meetings = Meeting.objects.for_consortium(consortium).filter(partnership_id__in=partnership_ids)
        actions = Action.objects.for_consortium(consortium).filter(partnership_id__in=partnership_ids)
        minutes = Minutes.objects.for_consortium(consortium).filter(meeting__partnership_id__in=partnership_ids)
        papers = Paper.objects.for_consortium(consortium).filter(meeting__partnership_id__in=partnership_ids)
        emails = emails.filter(
            Q(object_type="governance.meeting", object_id__in=_ids_as_text(meetings))
            | Q(object_type="governance.action", object_id__in=_ids_as_text(actions))
            | Q(object_type="governance.minutes", object_id__in=_ids_as_text(minutes))
            | Q(object_type="governance.paper", object_id__in=_ids_as_text(papers)))
    if status == "planned":
        emails = emails.filter(status=OutboundEmail.Status.QUEUED, not_before__gt=timezone.now())
    elif status:
        emails = emails.filter(status=status)
    return emails.defer("body_text", "body_html", "attachments").order_by("-not_before", "-pk")


def managed_partnership_ids(user, consortium: Consortium, *, is_admin: bool | None = None) -> list[int] | None:
    """None for a consortium admin (everything); otherwise the partnerships where they manage meetings."""
    if is_admin is None:
        is_admin = has_consortium_perm(user, "consortia.administer_consortium", consortium)
    if is_admin:
        return None
    return list(PartnershipRole.objects.for_consortium(consortium).filter(
        user=user, ended_at__isnull=True, role__in=OFFICER_ROLES).values_list("partnership_id", flat=True))


def notices_to_send(consortium: Consortium, partnership_ids=None) -> QuerySet[Meeting]:
    """Planned meetings whose notice has not gone yet: the notice still to come, with its deadline."""
    meetings = meetings_base(consortium).filter(status=Meeting.Status.PLANNED, starts_at__gte=timezone.now())
    if partnership_ids is not None:
        meetings = meetings.filter(partnership_id__in=partnership_ids)
    return meetings.order_by("starts_at")


def subscribers(partnership: Partnership) -> QuerySet[Subscription]:
    return Subscription.objects.for_consortium(partnership.consortium_id).filter(
        partnership=partnership, user__is_active=True).select_related("user")
