from __future__ import annotations

from django.db.models import QuerySet

from .models import Consortium, ConsortiumRole, Membership, OutboundEmail


def consortia_for_user(user) -> QuerySet[Consortium]:
    if user.is_superuser:
        return Consortium.objects.all()
    return Consortium.objects.filter(
        pk__in=Membership.objects.filter(user=user, is_active=True).values("consortium_id")
    )


def my_memberships(user) -> list[Membership]:
    """The person's active memberships across consortia, each with its consortium, by name.

    Reads across consortia: call inside `tenancy.cross_consortium`.
    """
    return list(Membership.objects.filter(user=user, is_active=True).select_related("consortium")
                .order_by("consortium__name", "consortium__pk"))


def active_membership(user, consortium: Consortium) -> Membership | None:
    return Membership.objects.filter(consortium=consortium, user=user, is_active=True).first()


def active_role_codes(user, consortium: Consortium) -> set[str]:
    return set(
        ConsortiumRole.objects.filter(consortium=consortium, user=user, ended_at__isnull=True)
        .values_list("role", flat=True)
    )


def administered_consortium_ids(user) -> set[int]:
    """Consortia where the person is an active consortium admin (all of them for superusers)."""
    if user.is_superuser:
        return set(Consortium.objects.values_list("pk", flat=True))
    return set(
        ConsortiumRole.objects.filter(user=user, role="consortium_admin", ended_at__isnull=True)
        .values_list("consortium_id", flat=True)
    )


def people_in_consortium(consortium: Consortium) -> QuerySet[Membership]:
    return (
        Membership.objects.for_consortium(consortium)
        .filter(is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def outbox_for_consortium(consortium: Consortium) -> QuerySet[OutboundEmail]:
    return OutboundEmail.objects.for_consortium(consortium).order_by("-created_at")


def consortium_admins(consortium: Consortium):
    """The people who run the consortium, for "who to ask" on a page someone may not open."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        pk__in=ConsortiumRole.objects.for_consortium(consortium).filter(
            role="consortium_admin", ended_at__isnull=True).values("user_id"),
        is_active=True,
    ).order_by("full_name", "email")
