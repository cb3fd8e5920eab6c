"""Every role in the product, in one place: what it is called and which permissions it grants.

A role has a scope. Consortium roles grant permissions on the Consortium object; partnership
roles grant object permissions on one Partnership; programme roles grant object permissions on
one Programme, or on one of its cohorts (programmes.services.programme_role_grant).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    code: str
    label: str
    scope: str  # "consortium", "partnership" or "programme"
    permissions: frozenset[str]


CONSORTIUM = "consortium"
PARTNERSHIP = "partnership"
PROGRAMME = "programme"

# Held by everyone with any role in a consortium: the right to open its pages at all.
BASE_CONSORTIUM_PERMISSIONS = frozenset({"consortia.view_consortium"})

CONSORTIUM_ADMIN = Role(
    code="consortium_admin",
    label=_("Consortium admin"),
    scope=CONSORTIUM,
    permissions=frozenset({
        "consortia.view_consortium",
        "consortia.administer_consortium",
        "consortia.invite_people",
        "consortia.view_outbox",
    }),
)
CONSORTIUM_MEMBER = Role(
    code="consortium_member",
    label=_("Member"),
    scope=CONSORTIUM,
    permissions=BASE_CONSORTIUM_PERMISSIONS,
)
PARTNERSHIP_CHAIR = Role(
    code="chair",
    label=_("Partnership chair"),
    scope=PARTNERSHIP,
    permissions=frozenset({
        "partnerships.view_partnership",
        "partnerships.change_partnership",
        "partnerships.manage_meetings",
        "partnerships.record_minutes",
        # The chair is the second pair of eyes on the money: they approve what the finance
        # administrator raises (never their own, never for an organisation they have an interest in).
        "partnerships.approve_finance",
    }),
)
CLERK = Role(
    code="clerk",
    label=_("Clerk / note-taker"),
    scope=PARTNERSHIP,
    permissions=frozenset({
        "partnerships.view_partnership",
        "partnerships.manage_meetings",
        "partnerships.record_minutes",
    }),
)
MEMBER_REPRESENTATIVE = Role(
    code="representative",
    label=_("Member representative"),
    scope=PARTNERSHIP,
    permissions=frozenset({"partnerships.view_partnership", "partnerships.vote"}),
)
FINANCE_ADMINISTRATOR = Role(
    code="finance_administrator",
    label=_("Finance administrator"),
    scope=PARTNERSHIP,
    permissions=frozenset({
        "partnerships.view_partnership",
        "partnerships.manage_finance",
        "partnerships.approve_finance",
    }),
)
OBSERVER = Role(
    code="observer",
    label=_("Observer"),
    scope=PARTNERSHIP,
    permissions=frozenset({"partnerships.view_partnership"}),
)

# Programme roles (seed 003). Each codename exists on both Programme and Cohort, so the same
# role can be granted on a whole programme or on one cohort of it.
PROGRAMME_LEAD = Role(
    code="programme_lead",
    label=_("Programme lead"),
    scope=PROGRAMME,
    permissions=frozenset({
        "programmes.see_programme",
        "programmes.run_programme",
        "programmes.see_participants",
    }),
)
INDUCTION_TUTOR = Role(
    code="induction_tutor",
    label=_("Induction tutor"),
    scope=PROGRAMME,
    # Participants of their own school only: the role names the school (programmes.selectors.access).
    permissions=frozenset({
        "programmes.see_programme",
        "programmes.see_participants",
        "programmes.report_staffing",
    }),
)
PROGRAMME_MENTOR = Role(
    code="mentor",
    label=_("Mentor"),
    scope=PROGRAMME,
    permissions=frozenset({
        "programmes.see_programme",
        "programmes.participate",
        "programmes.report_staffing",
        "programmes.log_coaching",
    }),
)
EARLY_CAREER_TEACHER = Role(
    code="ect",
    label=_("Early career teacher"),
    scope=PROGRAMME,
    permissions=frozenset({"programmes.see_programme", "programmes.participate"}),
)
NPQ_PARTICIPANT = Role(
    code="npq_participant",
    label=_("NPQ participant"),
    scope=PROGRAMME,
    permissions=frozenset({"programmes.see_programme", "programmes.participate"}),
)
VISITING_FELLOW = Role(
    code="visiting_fellow",
    label=_("Visiting fellow"),
    scope=PROGRAMME,
    permissions=frozenset({"programmes.see_programme", "programmes.facilitate"}),
)
# ITE roles (seed 002). A school mentor holds PROGRAMME_MENTOR on the ITE programme; the
# school's ITE lead names their school, and sees the trainees placed there only.
ITE_TUTOR = Role(
    code="ite_tutor",
    label=_("University tutor"),
    scope=PROGRAMME,
    permissions=frozenset({"programmes.see_programme", "programmes.see_participants"}),
)
SCHOOL_ITE_LEAD = Role(
    code="ite_school_lead",
    label=_("School ITE lead"),
    scope=PROGRAMME,
    permissions=frozenset({"programmes.see_programme"}),
)
TRAINEE = Role(
    code="trainee",
    label=_("Trainee teacher"),
    scope=PROGRAMME,
    permissions=frozenset({"programmes.see_programme", "programmes.participate"}),
)

ALL_ROLES: tuple[Role, ...] = (
    CONSORTIUM_ADMIN,
    CONSORTIUM_MEMBER,
    PARTNERSHIP_CHAIR,
    CLERK,
    MEMBER_REPRESENTATIVE,
    FINANCE_ADMINISTRATOR,
    OBSERVER,
    PROGRAMME_LEAD,
    INDUCTION_TUTOR,
    PROGRAMME_MENTOR,
    EARLY_CAREER_TEACHER,
    NPQ_PARTICIPANT,
    VISITING_FELLOW,
    ITE_TUTOR,
    SCHOOL_ITE_LEAD,
    TRAINEE,
)
ROLES_BY_CODE = {role.code: role for role in ALL_ROLES}


def choices(scope: str) -> list[tuple[str, str]]:
    return [(role.code, role.label) for role in ALL_ROLES if role.scope == scope]


def get(code: str) -> Role:
    return ROLES_BY_CODE[code]


def permissions_for(codes: list[str] | set[str]) -> set[str]:
    granted: set[str] = set()
    for code in codes:
        granted |= ROLES_BY_CODE[code].permissions
    return granted


def holders_of(perm: str) -> list[Role]:
    """The roles that grant `perm`. A partnership permission is also the consortium admin's, who holds
    every partnership permission in their consortium (partnerships.selectors.has_partnership_perm)."""
    holders = [role for role in ALL_ROLES if perm in role.permissions]
    if any(role.scope == PARTNERSHIP for role in holders) and CONSORTIUM_ADMIN not in holders:
        holders.append(CONSORTIUM_ADMIN)
    return holders
