"""Who may do what with a partnership's money, decided once per page from the person's roles there.

- Consortium admins and finance administrators manage everything; chairs and finance
  administrators approve (never what they raised themselves, never for an organisation they have
  an interest in: see finance.rules).
- Anyone with a role in the partnership sees its totals. A representative sees their own
  school's charges, credits, payments and statement; another school's individual figures only
  when the partnership keeps open books.
"""

from __future__ import annotations

from dataclasses import dataclass

from consortia import roles as role_registry
from consortia.permissions import has_consortium_perm
from partnerships.models import Partnership

MANAGE = "partnerships.manage_finance"
APPROVE = "partnerships.approve_finance"
REPRESENTATIVE = "representative"


@dataclass(frozen=True)
class FinanceViewer:
    user_id: int | None
    partnership_id: int | None
    is_admin: bool = False
    roles: frozenset[str] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    open_books: bool = False

    def has(self, perm: str) -> bool:
        # From the roles held, as guardian's rows are granted from exactly these roles.
        return self.is_admin or perm in role_registry.permissions_for(set(self.roles))

    @property
    def can_view(self) -> bool:
        return self.is_admin or bool(self.roles)

    @property
    def can_manage(self) -> bool:
        return self.has(MANAGE)

    @property
    def can_approve(self) -> bool:
        return self.has(APPROVE)

    @property
    def sees_every_member(self) -> bool:
        return self.can_manage or self.can_approve or (self.open_books and self.can_view)

    def sees(self, organisation_id: int | None) -> bool:
        return self.sees_every_member or (organisation_id is not None and organisation_id in self.organisation_ids)

    def visible_organisation_ids(self) -> frozenset[int] | None:
        """None means every member; otherwise only these organisations' figures may be shown."""
        return None if self.sees_every_member else self.organisation_ids


def viewer_for(user, partnership: Partnership, *, open_books: bool | None = None) -> FinanceViewer:
    if not user.is_authenticated:
        return FinanceViewer(user_id=None, partnership_id=partnership.pk)
    if open_books is None:
        from .selectors import settings_for

        open_books = settings_for(partnership).open_books
    from partnerships.selectors import held_roles

    held = [(r.role, r.organisation_id) for r in held_roles(user, partnership.consortium_id)
            if r.partnership_id == partnership.pk]
    return FinanceViewer(
        user_id=user.pk, partnership_id=partnership.pk,
        is_admin=has_consortium_perm(user, "consortia.administer_consortium", partnership.consortium),
        roles=frozenset(role for role, _org in held),
        organisation_ids=frozenset(org for role, org in held if org and role == REPRESENTATIVE),
        open_books=open_books,
    )


def money_visibility(user, consortium, *, partnership_field: str, organisation_field: str):
    """A filter for money rows (charges, shares, payments) the person may see, across partnerships:
    every row where they manage or approve (or the books are open to them), their own school's elsewhere."""
    from django.db.models import Q

    from .models import FinanceSettings

    if has_consortium_perm(user, "consortia.administer_consortium", consortium):
        return Q()
    from partnerships.selectors import held_roles

    held = [(r.partnership_id, r.role, r.organisation_id) for r in held_roles(user, consortium)]
    open_books = set(FinanceSettings.objects.for_consortium(consortium).filter(
        open_books=True, partnership_id__in={p for p, _r, _o in held}).values_list("partnership_id", flat=True))
    full = {p for p, role, _o in held
            if role_registry.permissions_for({role}) & {MANAGE, APPROVE} or p in open_books}
    visible = Q(**{f"{partnership_field}__in": full})
    for partnership_id, role, organisation_id in held:
        if role == REPRESENTATIVE and organisation_id:
            visible |= Q(**{partnership_field: partnership_id, organisation_field: organisation_id})
    return visible
