from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from consortia.models import Consortium
from consortia.permissions import has_consortium_perm

from .models import Partnership, PartnershipRole, PartnershipUserObjectPermission


def has_partnership_perm(user, perm: str, partnership: Partnership) -> bool:
    """A partnership permission comes from a role in it, or from administering its consortium."""
    if has_consortium_perm(user, "consortia.administer_consortium", partnership.consortium):
        return True
    return user.is_authenticated and user.has_perm(perm, partnership)


def partnerships_visible_to(user, consortium: Consortium) -> QuerySet[Partnership]:
    queryset = Partnership.objects.for_consortium(consortium)
    if not has_consortium_perm(user, "consortia.administer_consortium", consortium):
        queryset = queryset.filter(
            pk__in=PartnershipUserObjectPermission.objects.filter(
                consortium=consortium, user=user, permission__codename="view_partnership"
            ).values("content_object_id")
        )
    return queryset.annotate(
        people_count=Count("roles", filter=Q(roles__ended_at__isnull=True), distinct=True)
    ).order_by("name")


def partnership_roles(partnership: Partnership) -> QuerySet[PartnershipRole]:
    return (
        PartnershipRole.objects.for_consortium(partnership.consortium_id)
        .filter(partnership=partnership, ended_at__isnull=True)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def my_partnership_roles(user, consortium: Consortium) -> QuerySet[PartnershipRole]:
    return (
        PartnershipRole.objects.for_consortium(consortium)
        .filter(user=user, ended_at__isnull=True)
        .select_related("partnership")
        .order_by("partnership__name")
    )
