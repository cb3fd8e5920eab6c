from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from consortia.models import Consortium, Membership
from consortia.permissions import has_consortium_perm
from ui.bilingual import display_name

from .models import (
    Employment,
    Organisation,
    Partnership,
    PartnershipGroup,
    PartnershipItem,
    PartnershipMembership,
    PartnershipRole,
    PartnershipUserObjectPermission,
)


def has_partnership_perm(user, perm: str, partnership: Partnership) -> bool:
    """A partnership permission comes from a role in it, or from administering its consortium."""
    if has_consortium_perm(user, "consortia.administer_consortium", partnership.consortium):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return perm in partnership_perms(user, partnership.consortium_id).get(partnership.pk, ())


def partnership_perms(user, consortium_id: int) -> dict[int, set[str]]:
    """Every partnership permission the person holds in the consortium, read once per user object.

    NOTE: a page asks a dozen times (each panel checks its own permission) and guardian's
    `has_perm` is two queries each time. The cache lives on the user object, which is loaded
    afresh for each request, and `_sync_partnership_permissions` drops it when roles change.
    """
    cache = user.__dict__.setdefault("_partnership_perm_cache", {})
    if consortium_id not in cache:
        held: dict[int, set[str]] = {}
        for partnership_id, app, codename in PartnershipUserObjectPermission.objects.filter(
            consortium_id=consortium_id, user=user,
        ).values_list("content_object_id", "permission__content_type__app_label", "permission__codename"):
            held.setdefault(partnership_id, set()).add(f"{app}.{codename}")
        cache[consortium_id] = held
    return cache[consortium_id]


def visible_partnerships(user, consortium: Consortium) -> QuerySet[Partnership]:
    """The partnerships the person may see, without annotations: cheap to use as a subquery."""
    queryset = Partnership.objects.for_consortium(consortium)
    if not has_consortium_perm(user, "consortia.administer_consortium", consortium):
        queryset = queryset.filter(
            pk__in=PartnershipUserObjectPermission.objects.filter(
                consortium=consortium, user=user, permission__codename="view_partnership"
            ).values("content_object_id")
        )
    return queryset


def partnerships_visible_to(user, consortium: Consortium) -> QuerySet[Partnership]:
    return visible_partnerships(user, consortium).annotate(
        people_count=Count("roles", filter=Q(roles__ended_at__isnull=True), distinct=True),
        member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True), distinct=True),
    ).order_by("name")


def partnership_directory(user, consortium: Consortium, *, query: str = "", kind: str = "",
                          organisation_id: int | None = None) -> QuerySet[Partnership]:
    partnerships = partnerships_visible_to(user, consortium)
    if query:
        partnerships = partnerships.filter(Q(name__icontains=query) | Q(name_cy__icontains=query)
                                           | Q(purpose__icontains=query))
    if kind:
        partnerships = partnerships.filter(kind=kind)
    if organisation_id:
        partnerships = partnerships.filter(
            Exists(PartnershipMembership.objects.filter(partnership=OuterRef("pk"), organisation_id=organisation_id,
                                                        left_on__isnull=True)))
    return partnerships


def partnership_roles(partnership: Partnership) -> QuerySet[PartnershipRole]:
    return (
        PartnershipRole.objects.for_consortium(partnership.consortium_id)
        .filter(partnership=partnership, ended_at__isnull=True)
        .select_related("user", "organisation", "group")
        .order_by("role", "user__full_name")
    )


# The partnership object's own cache of its current roles and its memberships, which the page and
# the panels other apps add to it (governance's compliance) both show. The object is loaded afresh
# for each request, and the services that change roles or memberships drop the cache
# (`forget_people`), so a page never shows people from before a change.
_PEOPLE_CACHE = "_current_people_cache"


def current_roles(partnership: Partnership) -> list[PartnershipRole]:
    """`partnership_roles` as a list, read once per partnership object. Callers must not change it."""
    cache = partnership.__dict__.setdefault(_PEOPLE_CACHE, {})
    if "roles" not in cache:
        cache["roles"] = list(partnership_roles(partnership))
    return cache["roles"]


def all_memberships(partnership: Partnership) -> list[PartnershipMembership]:
    """Every membership, past ones too, by organisation name, read once per partnership object."""
    cache = partnership.__dict__.setdefault(_PEOPLE_CACHE, {})
    if "memberships" not in cache:
        cache["memberships"] = list(
            PartnershipMembership.objects.for_consortium(partnership.consortium_id).filter(partnership=partnership)
            .select_related("organisation", "organisation__local_authority").order_by("organisation__name"))
    return cache["memberships"]


def forget_people(partnership: Partnership | None) -> None:
    if partnership is not None:
        partnership.__dict__.pop(_PEOPLE_CACHE, None)


def partnership_page(partnership: Partnership) -> dict:
    """Everything the partnership page shows, in a fixed number of queries."""
    consortium_id = partnership.consortium_id
    today = timezone.localdate()
    roles = current_roles(partnership)
    memberships = all_memberships(partnership)
    representatives: dict[int, list[PartnershipRole]] = {}
    for role in roles:
        if role.organisation_id:
            representatives.setdefault(role.organisation_id, []).append(role)
    for membership in memberships:
        membership.current_representatives = representatives.get(membership.organisation_id, [])
    items = list(PartnershipItem.objects.for_consortium(consortium_id).filter(partnership=partnership))
    groups = list(
        PartnershipGroup.objects.for_consortium(consortium_id).filter(partnership=partnership)
        .prefetch_related(Prefetch("roles", queryset=PartnershipRole.objects.filter(ended_at__isnull=True)
                                   .select_related("user"), to_attr="current_roles"))
    )
    return {
        "current_members": [m for m in memberships if m.left_on is None or m.left_on > today],
        "past_members": [m for m in memberships if m.left_on is not None and m.left_on <= today],
        "officers": [r for r in roles if not r.organisation_id],
        "roles": roles,
        "principles": [i for i in items if i.list_kind == PartnershipItem.ListKind.PRINCIPLE],
        "responsibilities": [i for i in items if i.list_kind == PartnershipItem.ListKind.RESPONSIBILITY],
        "groups": groups,
    }


def my_partnership_roles(user, consortium: Consortium) -> QuerySet[PartnershipRole]:
    return (
        PartnershipRole.objects.for_consortium(consortium)
        .filter(user=user, ended_at__isnull=True)
        .select_related("partnership", "organisation")
        .order_by("partnership__name")
    )


def held_roles(user, consortium) -> list[PartnershipRole]:
    """The person's current partnership roles in the consortium (partnership and organisation
    joined), read once per user object: the dashboard's panels, the finance and governance
    viewers all ask, each for a slice.

    NOTE: request-scoped like `partnership_perms`: the user object is loaded afresh for each
    request, and `_sync_partnership_permissions` drops the cache when a role changes, so a page
    never shows roles from before a change. Callers filter the list; they must not change it.
    """
    if not user.is_authenticated:
        return []
    consortium_id = getattr(consortium, "pk", consortium)
    cache = user.__dict__.setdefault("_partnership_roles_cache", {})
    if consortium_id not in cache:
        cache[consortium_id] = list(my_partnership_roles(user, consortium_id))
    return cache[consortium_id]


def my_roles_everywhere(user) -> QuerySet[PartnershipRole]:
    """The person's current partnership roles across every consortium they are still a member of."""
    from consortia.models import Membership

    return (
        PartnershipRole.objects.filter(
            user=user, ended_at__isnull=True,
            consortium_id__in=Membership.objects.filter(user=user, is_active=True).values("consortium_id"),
        )
        .select_related("partnership", "organisation", "consortium")
        .order_by("consortium__name", "partnership__name")
    )


def organisations_for(consortium: Consortium) -> QuerySet[Organisation]:
    return Organisation.objects.for_consortium(consortium).order_by("name")


def current_employer(user, consortium: Consortium) -> Employment | None:
    return (Employment.objects.for_consortium(consortium).filter(user=user, ended_on__isnull=True)
            .select_related("organisation").first())


def change_history(partnership: Partnership, limit: int = 200) -> list[dict]:
    """Who changed what and when, for the partnership, its memberships and its roles, newest first.

    Each record is compared with the previous record of the same object among those loaded,
    so the page costs three queries however long the history is.
    """
    consortium_id = partnership.consortium_id
    sources = [
        (Partnership.history.filter(consortium_id=consortium_id, id=partnership.pk), display_name),
        (PartnershipMembership.history.filter(consortium_id=consortium_id, partnership_id=partnership.pk)
         .select_related("organisation"), lambda r: str(r.organisation)),
        (PartnershipRole.history.filter(consortium_id=consortium_id, partnership_id=partnership.pk)
         .select_related("user"), lambda r: f"{r.user} ({r.get_role_display()})"),
    ]
    entries = []
    for queryset, label in sources:
        records = list(queryset.select_related("history_user").order_by("history_date")[:limit])
        previous: dict[int, object] = {}
        for record in records:
            before = previous.get(record.id)
            changes = []
            if before is not None and record.history_type == "~":
                delta = record.diff_against(before)
                changes = [
                    (record.instance_type._meta.get_field(change.field).verbose_name, change.old, change.new)
                    for change in delta.changes
                ]
            previous[record.id] = record
            entries.append({
                "when": record.history_date, "who": record.history_user, "kind": record.history_type,
                "what": record.instance_type._meta.verbose_name, "label": label(record), "changes": changes,
            })
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries[:limit]


def people_with_roles(consortium: Consortium, memberships: list) -> list:
    """Each membership's person with their consortium roles, partnership roles and employer.

    Three queries for the whole page, however many people it shows (`memberships` is one page).
    """
    from consortia.models import ConsortiumRole

    user_ids = [membership.user_id for membership in memberships]
    consortium_roles: dict[int, list] = {}
    for role in ConsortiumRole.objects.for_consortium(consortium).filter(user_id__in=user_ids, ended_at__isnull=True):
        consortium_roles.setdefault(role.user_id, []).append(role)
    partnership_roles: dict[int, list] = {}
    for role in (PartnershipRole.objects.for_consortium(consortium)
                 .filter(user_id__in=user_ids, ended_at__isnull=True)
                 .select_related("partnership", "organisation").order_by("partnership__name", "role")):
        partnership_roles.setdefault(role.user_id, []).append(role)
    employers = {
        employment.user_id: employment
        for employment in Employment.objects.for_consortium(consortium)
        .filter(user_id__in=user_ids, ended_on__isnull=True).select_related("organisation")
    }
    for membership in memberships:
        membership.consortium_roles = [role for role in consortium_roles.get(membership.user_id, [])
                                       if role.role != "consortium_member"]
        membership.partnership_roles = partnership_roles.get(membership.user_id, [])
        membership.employment = employers.get(membership.user_id)
    return memberships


def role_candidates(partnership: Partnership, *, whole_consortium: bool) -> QuerySet:
    """The people a role in the partnership may be given to, each with `employer_name` (their current
    employer among the partnership's members, or in the consortium).

    Someone who administers the consortium's people may choose anyone in it. A chair sees only
    the people of the partnership's member organisations and those already holding a role in
    it: never the whole consortium's register.
    """
    consortium_id = partnership.consortium_id
    people = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(consortium_id=consortium_id, is_active=True).values("user_id"))
    employments = Employment.objects.filter(consortium_id=consortium_id, user=OuterRef("pk"), ended_on__isnull=True)
    if not whole_consortium:
        member_ids = PartnershipMembership.objects.filter(
            consortium_id=consortium_id, partnership=partnership, left_on__isnull=True).values("organisation_id")
        employments = employments.filter(organisation_id__in=member_ids)
        people = people.filter(
            Q(Exists(employments))
            | Q(pk__in=PartnershipRole.objects.filter(consortium_id=consortium_id, partnership=partnership,
                                                      ended_at__isnull=True).values("user_id")))
    return people.annotate(employer_name=Subquery(employments.values("organisation__name")[:1])).order_by(
        "full_name", "email")
