"""Every write to consortia, memberships, consortium roles and invitations."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from . import invitations, roles, tenancy
from .models import (
    Consortium,
    ConsortiumRole,
    ConsortiumUserObjectPermission,
    Invitation,
    Membership,
)
from .outbox import outbox_enqueue

User = get_user_model()


def _sync_consortium_permissions(*, consortium: Consortium, user) -> None:
    """Make the person's guardian permissions on the consortium match their active roles."""
    membership_active = Membership.objects.filter(
        consortium=consortium, user=user, is_active=True
    ).exists()
    wanted: set[str] = set()
    if membership_active:
        wanted = set(roles.BASE_CONSORTIUM_PERMISSIONS) | roles.permissions_for(
            set(
                ConsortiumRole.objects.filter(
                    consortium=consortium, user=user, ended_at__isnull=True
                ).values_list("role", flat=True)
            )
        )
    held = {
        f"{app}.{codename}"
        for app, codename in ConsortiumUserObjectPermission.objects.filter(
            user=user, content_object=consortium
        ).values_list("permission__content_type__app_label", "permission__codename")
    }
    for perm in wanted - held:
        assign_perm(perm, user, consortium)
    for perm in held - wanted:
        remove_perm(perm, user, consortium)
    user.__dict__.pop("_consortium_perm_cache", None)  # see permissions.has_consortium_perm
    _sync_staff_flag(user=user)


# Other roles that open the Django admin (a programme lead's, for one), added by the apps that
# own them from AppConfig.ready(): each is `(user) -> bool`.
STAFF_ROLE_CHECKS: list = []


def sync_staff_flag(*, user) -> None:
    _sync_staff_flag(user=user)


def _sync_staff_flag(*, user) -> None:
    # NOTE: is_staff is exactly "superuser, active consortium admin somewhere, or holder of a
    # role in STAFF_ROLE_CHECKS": it opens the Django admin, which then shows each person only
    # the rows their roles reach. "Somewhere" spans consortia, so the database's consortium
    # scope must not hide the others.
    with tenancy.cross_consortium("staff flag: consortium admin anywhere", actor=user):
        is_admin = user.is_superuser or ConsortiumRole.objects.filter(
            user=user, role=roles.CONSORTIUM_ADMIN.code, ended_at__isnull=True
        ).exists() or any(check(user) for check in STAFF_ROLE_CHECKS)
    if user.is_staff != is_admin:
        user.is_staff = is_admin
        user.save(update_fields=["is_staff"])


@transaction.atomic
def membership_ensure(*, consortium: Consortium, user) -> Membership:
    membership, created = Membership.objects.get_or_create(consortium=consortium, user=user)
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    _sync_consortium_permissions(consortium=consortium, user=user)
    return membership


@transaction.atomic
def membership_end(*, consortium: Consortium, user) -> None:
    """Remove a person from a consortium: every consortium role ends and access goes with it."""
    Membership.objects.filter(consortium=consortium, user=user).update(is_active=False)
    ConsortiumRole.objects.filter(consortium=consortium, user=user, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )
    _sync_consortium_permissions(consortium=consortium, user=user)


@transaction.atomic
def consortium_role_grant(*, consortium: Consortium, user, role: str, granted_by=None) -> ConsortiumRole:
    if roles.get(role).scope != roles.CONSORTIUM:
        raise ValidationError(_("That role is held in a partnership, not across the consortium."))
    membership_ensure(consortium=consortium, user=user)
    assignment = ConsortiumRole.objects.select_for_update().filter(
        consortium=consortium, user=user, role=role, ended_at__isnull=True
    ).first()
    if assignment is None:
        assignment = ConsortiumRole.objects.create(
            consortium=consortium, user=user, role=role, granted_by=granted_by
        )
    _sync_consortium_permissions(consortium=consortium, user=user)
    return assignment


@transaction.atomic
def consortium_role_end(*, consortium: Consortium, user, role: str) -> None:
    ConsortiumRole.objects.filter(
        consortium=consortium, user=user, role=role, ended_at__isnull=True
    ).update(ended_at=timezone.now())
    _sync_consortium_permissions(consortium=consortium, user=user)


def invitation_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("invitation_accept", kwargs={"token": token})


@transaction.atomic
def invitation_create(
    *, consortium: Consortium, invited_by, email: str, role: str, full_name: str = "",
    language: str = "en", extend=None,
) -> Invitation:
    """Invite someone by email into a consortium role; the email leaves after commit.

    `extend(invitation)` lets the caller attach what else the invitation brings (see
    consortia.invitations) before the email describing it is written.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if roles.get(role).scope != roles.CONSORTIUM:
        raise ValidationError({"role": _("Choose a consortium role.")})
    if Invitation.objects.filter(
        consortium=consortium, email=email, role=role, status=Invitation.Status.PENDING
    ).exists():
        raise ValidationError({"email": _("This person already has a pending invitation to that role.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        consortium=consortium, email=email, full_name=full_name, role=role, language=language,
        token_hash=Invitation.hash_token(token), invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    if extend is not None:
        extend(invitation)
    with translation.override(language):
        context = {
            "invitation": invitation, "consortium_name": consortium.display_name(language),
            "url": invitation_url(token), "inviter": invited_by,
            "role_label": invitations.describe(invitation),
        }
        outbox_enqueue(
            consortium=consortium, recipient=email, language=language, purpose="invitation",
            about=invitation, version=1,
            subject=_("You are invited to %(consortium)s") % {"consortium": context["consortium_name"]},
            body_text=render_to_string("consortia/email/invitation.txt", context),
            body_html=render_to_string("consortia/email/invitation.html", context),
        )
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("consortium")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> ConsortiumRole:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has expired or has already been used."))
    if user.email.lower() != invitation.email:
        raise ValidationError(_("This invitation was sent to a different email address."))
    assignment = consortium_role_grant(
        consortium=invitation.consortium, user=user, role=invitation.role,
        granted_by=invitation.invited_by,
    )
    invitations.accepted(invitation=invitation, user=user)
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_at", "accepted_by"])
    return assignment


@transaction.atomic
def invitation_sign_up(*, invitation: Invitation, full_name: str, password: str):
    """Create the invited person's account; the invitation link proves they own the address."""
    from allauth.account.models import EmailAddress

    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account with this email already exists: sign in to accept."))
    user = User.objects.create_user(
        email=invitation.email, password=password, full_name=full_name,
        preferred_language=invitation.language,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invitation_accept(invitation=invitation, user=user)
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.REVOKED
    )
    from .models import OutboundEmail

    OutboundEmail.objects.filter(
        consortium_id=invitation.consortium_id, purpose="invitation",
        object_type="consortia.invitation", object_id=str(invitation.pk),
        status__in=[OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING],
    ).update(status=OutboundEmail.Status.CANCELLED)


# --- Keeping granted permissions in step with the roles' code -------------------------------------

# NOTE: a role's permissions live in code (consortia/roles.py), its grants in guardian rows written
# when the role is given. When a release adds a permission to a role (a chair gains "approve
# finance"), people who already hold it must gain it too: `migrate` runs every resync below.
# Each scope of role (consortium, partnership, programme…) registers the function that resyncs it.
ROLE_RESYNCERS: list = []


def role_resyncer(func):
    ROLE_RESYNCERS.append(func)
    return func


@role_resyncer
def consortium_roles_resync() -> int:
    pairs = set(Membership.objects.filter(is_active=True).values_list("consortium_id", "user_id")) | set(
        ConsortiumRole.objects.values_list("consortium_id", "user_id"))
    consortia = Consortium.objects.in_bulk({c for c, _u in pairs})
    people = User.objects.in_bulk({u for _c, u in pairs})
    for consortium_id, user_id in pairs:
        _sync_consortium_permissions(consortium=consortia[consortium_id], user=people[user_id])
    return len(pairs)


@transaction.atomic
def role_permissions_resync() -> int:
    """Every role holder's guardian rows made to match what their roles give today; returns the count."""
    return sum(resync() for resync in ROLE_RESYNCERS)
