"""Every role in the product, in one place: what it is called and which permissions it grants.

A role has a scope. Consortium roles grant permissions on the Consortium object; partnership
roles grant object permissions on one Partnership. Later apps add their programme roles here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    code: str
    label: str
    scope: str  # "consortium" or "partnership"
    permissions: frozenset[str]


CONSORTIUM = "consortium"
PARTNERSHIP = "partnership"

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

ALL_ROLES: tuple[Role, ...] = (
    CONSORTIUM_ADMIN,
    CONSORTIUM_MEMBER,
    PARTNERSHIP_CHAIR,
    CLERK,
    MEMBER_REPRESENTATIVE,
    FINANCE_ADMINISTRATOR,
    OBSERVER,
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
