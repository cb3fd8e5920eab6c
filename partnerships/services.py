"""Every write to organisations, people's employment, partnerships, memberships and roles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from consortia import dates, roles
from consortia.models import Consortium, Invitation, Membership
from consortia.scoping import require_same_consortium
from consortia.services import invitation_create, membership_ensure, role_resyncer

from . import selectors
from .models import (
    Employment,
    Organisation,
    OrganisationYear,
    Partnership,
    PartnershipGroup,
    PartnershipInvitation,
    PartnershipItem,
    PartnershipMembership,
    PartnershipRole,
    PartnershipUserObjectPermission,
)

User = get_user_model()

PARTNERSHIP_FIELDS = {
    "name", "name_cy", "kind", "purpose", "purpose_cy", "terms_of_reference", "terms_of_reference_cy",
    "min_strategic_meetings", "notice_days", "notice_counting", "quorum_rule", "quorum_value",
    "circulate_notes_to_local_authority", "default_cost_basis",
}


def _sync_partnership_permissions(*, partnership: Partnership, user) -> None:
    wanted = roles.permissions_for(
        set(
            PartnershipRole.objects.filter(
                consortium_id=partnership.consortium_id, partnership=partnership, user=user,
                ended_at__isnull=True,
            ).values_list("role", flat=True)
        )
    )
    held = {
        f"{app}.{codename}"
        for app, codename in PartnershipUserObjectPermission.objects.filter(
            user=user, content_object=partnership
        ).values_list("permission__content_type__app_label", "permission__codename")
    }
    for perm in wanted - held:
        assign_perm(perm, user, partnership)
    for perm in held - wanted:
        remove_perm(perm, user, partnership)
    user.__dict__.pop("_partnership_perm_cache", None)  # see selectors.partnership_perms
    user.__dict__.pop("_partnership_roles_cache", None)  # see selectors.held_roles
    selectors.forget_people(partnership)



@role_resyncer
def partnership_roles_resync() -> int:
    """The partnership scope of `consortia.services.role_permissions_resync`."""
    pairs = set(PartnershipRole.objects.values_list("partnership_id", "user_id"))
    partnerships = Partnership.objects.in_bulk({p for p, _u in pairs})
    people = User.objects.in_bulk({u for _p, u in pairs})
    for partnership_id, user_id in pairs:
        _sync_partnership_permissions(partnership=partnerships[partnership_id], user=people[user_id])
    return len(pairs)


# --- Organisations and people ----------------------------------------------------------------

@transaction.atomic
def organisation_save(*, consortium: Consortium, organisation: Organisation | None = None, **fields) -> Organisation:
    """Create or update an organisation after validating it as a whole."""
    organisation = organisation or Organisation(consortium=consortium)
    require_same_consortium(consortium.pk, organisation, fields.get("local_authority"))
    for name, value in fields.items():
        setattr(organisation, name, value)
    if organisation.kind != Organisation.Kind.SCHOOL:
        organisation.phase = ""
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_year_record(*, organisation: Organisation, academic_year: int, pupils: int | None,
                             budget) -> OrganisationYear:
    """Record a year's pupil numbers and budget; earlier years stay as they were."""
    year, _created = OrganisationYear.objects.update_or_create(
        consortium_id=organisation.consortium_id, organisation=organisation, academic_year=academic_year,
        defaults={"pupils": pupils, "budget": budget},
    )
    return year


@dataclass(frozen=True)
class PersonAdded:
    """What adding a person by email did: `user` when they are in the consortium now, `invitation`
    when they have an account of their own and join only once they accept it."""

    user: User | None = None
    invitation: Invitation | None = None


@transaction.atomic
def person_add(*, consortium: Consortium, email: str, full_name: str = "", language: str | None = None,
               job_title: str = "", phone: str = "", invited_by=None) -> PersonAdded:
    """Add a person to the consortium by email.

    - No account yet: one is made, without a password (they sign in once invited), from the
      consortium's details, and they are a member at once.
    - Already a member here: found, and their profile filled in where it is empty.
    - An account of their own but no membership here (another consortium's person, or someone
      who was removed): an invitation is sent, and nothing about them is read or changed until
      they accept it.

    NOTE: a person's profile is theirs, shared by every consortium they work in; a consortium
    fills it in where empty but never overwrites it, and never sees it before they join.
    """
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, full_name=full_name, job_title=job_title, phone=phone,
            preferred_language=language or "en", language_confirmed=language is not None,
        )
        membership_ensure(consortium=consortium, user=user)
        return PersonAdded(user=user)
    if not Membership.objects.filter(consortium=consortium, user=user, is_active=True).exists():
        pending = Invitation.objects.filter(consortium=consortium, email=email, role=roles.CONSORTIUM_MEMBER.code,
                                            status=Invitation.Status.PENDING).first()
        return PersonAdded(invitation=pending or invitation_create(
            consortium=consortium, invited_by=invited_by, email=email, role=roles.CONSORTIUM_MEMBER.code,
            full_name=full_name, language=language or "en"))
    changed = []
    for name, value in (("full_name", full_name), ("job_title", job_title), ("phone", phone)):
        if value and not getattr(user, name):
            setattr(user, name, value)
            changed.append(name)
    if language and not user.language_confirmed:
        user.preferred_language, user.language_confirmed = language, True
        changed += ["preferred_language", "language_confirmed"]
    if changed:
        user.save(update_fields=changed)
    return PersonAdded(user=user)


@transaction.atomic
def employment_change(*, consortium: Consortium, user, organisation: Organisation, job_title: str = "",
                      started_on: dt.date | None = None) -> Employment:
    """Record that the person works for `organisation` from `started_on`, ending the previous employment."""
    require_same_consortium(consortium.pk, organisation)
    dates.MEMBERSHIP.check(started_on, field="started_on")
    started_on = started_on or timezone.localdate()
    current = Employment.objects.select_for_update().filter(
        consortium=consortium, user=user, ended_on__isnull=True).first()
    if current and current.organisation_id == organisation.pk:
        if job_title and current.job_title != job_title:
            current.job_title = job_title
            current.save(update_fields=["job_title"])
        return current
    if current:
        if started_on < current.started_on:
            raise ValidationError({"started_on": _("The new post cannot start before the current one began.")})
        current.ended_on = started_on
        current.save(update_fields=["ended_on"])
    return Employment.objects.create(consortium=consortium, user=user, organisation=organisation,
                                     job_title=job_title, started_on=started_on)


# --- Partnerships ------------------------------------------------------------------------------

@transaction.atomic
def partnership_create(*, consortium: Consortium, name: str, kind: str, purpose: str = "",
                       name_cy: str = "", **settings) -> Partnership:
    if Partnership.objects.filter(consortium=consortium, name=name).exists():
        raise ValidationError({"name": _("A partnership with this name already exists.")})
    partnership = Partnership(consortium=consortium, name=name, kind=kind, purpose=purpose, name_cy=name_cy,
                              **settings)
    partnership.full_clean()
    partnership.save()
    return partnership


@transaction.atomic
def partnership_update(*, partnership: Partnership, **fields) -> Partnership:
    unknown = set(fields) - PARTNERSHIP_FIELDS
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if "name" in fields and Partnership.objects.filter(
        consortium_id=partnership.consortium_id, name=fields["name"]
    ).exclude(pk=partnership.pk).exists():
        raise ValidationError({"name": _("A partnership with this name already exists.")})
    for name, value in fields.items():
        setattr(partnership, name, value)
    if partnership.quorum_rule == Partnership.QuorumRule.MAJORITY:
        partnership.quorum_value = None
    elif not partnership.quorum_value:
        raise ValidationError({"quorum_value": _("Give the percentage or number for this quorum rule.")})
    elif partnership.quorum_rule == Partnership.QuorumRule.FRACTION and partnership.quorum_value > 100:
        raise ValidationError({"quorum_value": _("A percentage cannot be more than 100.")})
    partnership.full_clean()
    partnership.save()
    return partnership


@transaction.atomic
def partnership_items_replace(*, partnership: Partnership, list_kind: str, texts: list[str],
                              texts_cy: list[str] | None = None) -> list[PartnershipItem]:
    """Replace one of the partnership's lists (principles or responsibilities) with `texts`, in order.

    `texts_cy` is the same list in Welsh, entry for entry; without it the entries have no Welsh.
    """
    if list_kind not in PartnershipItem.ListKind.values:
        raise ValidationError(_("Unknown list."))
    english = [text.strip() for text in texts if text.strip()]
    welsh = [text.strip() for text in texts_cy or [] if text.strip()]
    if welsh and len(welsh) != len(english):
        field = {"principle": "principles_cy", "responsibility": "responsibilities_cy"}[list_kind]
        raise ValidationError({field: _(
            "The Welsh list has %(welsh)s entries and the English %(english)s: give one Welsh line for each "
            "English line, in the same order, or leave the Welsh empty.") % {
            "welsh": len(welsh), "english": len(english)}})
    welsh += [""] * (len(english) - len(welsh))
    PartnershipItem.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                   list_kind=list_kind).delete()
    return PartnershipItem.objects.bulk_create([
        PartnershipItem(consortium_id=partnership.consortium_id, partnership=partnership, list_kind=list_kind,
                        text=text, text_cy=text_cy, position=index)
        for index, (text, text_cy) in enumerate(zip(english, welsh, strict=True))
    ])


@transaction.atomic
def partnership_group_save(*, partnership: Partnership, name: str, kind: str, remit: str = "",
                           name_cy: str = "", remit_cy: str = "",
                           group: PartnershipGroup | None = None) -> PartnershipGroup:
    group = group or PartnershipGroup(consortium_id=partnership.consortium_id, partnership=partnership)
    require_same_consortium(partnership.consortium_id, group)
    duplicate = PartnershipGroup.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                                name=name).exclude(pk=group.pk)
    if duplicate.exists():
        raise ValidationError({"name": _("This partnership already has a group with that name.")})
    group.name, group.name_cy, group.kind, group.remit, group.remit_cy = name, name_cy, kind, remit, remit_cy
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def membership_add(*, partnership: Partnership, organisation: Organisation,
                   joined_on: dt.date | None = None) -> PartnershipMembership:
    require_same_consortium(partnership.consortium_id, organisation)
    dates.MEMBERSHIP.check(joined_on, field="joined_on")
    current = PartnershipMembership.objects.filter(
        consortium_id=partnership.consortium_id, partnership=partnership, organisation=organisation,
        left_on__isnull=True).first()
    if current:
        raise ValidationError({"organisation": _("%(name)s is already a member.") % {
            "name": organisation.display_name()}})
    selectors.forget_people(partnership)
    return PartnershipMembership.objects.create(
        consortium_id=partnership.consortium_id, partnership=partnership, organisation=organisation,
        joined_on=joined_on or timezone.localdate())


@transaction.atomic
def membership_leave(*, membership: PartnershipMembership, left_on: dt.date | None = None) -> PartnershipMembership:
    """An organisation leaves: the membership keeps its dates and its representatives' roles end."""
    dates.MEMBERSHIP.check(left_on, field="left_on")
    left_on = left_on or timezone.localdate()
    given = membership
    membership = PartnershipMembership.objects.select_for_update().get(pk=membership.pk,
                                                                       consortium_id=membership.consortium_id)
    if membership.left_on is not None:
        raise ValidationError(_("This organisation has already left."))
    if left_on < membership.joined_on:
        raise ValidationError({"left_on": _("An organisation cannot leave before it joined.")})
    membership.left_on = left_on
    membership.save(update_fields=["left_on"])
    if "partnership" in given._state.fields_cache:
        selectors.forget_people(given.partnership)
    ending = PartnershipRole.objects.filter(
        consortium_id=membership.consortium_id, partnership_id=membership.partnership_id,
        organisation_id=membership.organisation_id, ended_at__isnull=True,
    ).select_related("partnership", "user")
    for role in ending:
        partnership_role_end(partnership=role.partnership, user=role.user, role=role.role)
    return membership


@transaction.atomic
def partnership_role_grant(*, partnership: Partnership, user, role: str,
                           organisation: Organisation | None = None,
                           group: PartnershipGroup | None = None) -> PartnershipRole:
    if roles.get(role).scope != roles.PARTNERSHIP:
        raise ValidationError(_("That role is held across the consortium, not in a partnership."))
    require_same_consortium(partnership.consortium_id, organisation, group)
    if organisation is not None and not PartnershipMembership.objects.filter(
        consortium_id=partnership.consortium_id, partnership=partnership, organisation=organisation,
        left_on__isnull=True,
    ).exists():
        raise ValidationError({"organisation": _("Only a current member organisation can have a representative.")})
    membership_ensure(consortium=partnership.consortium, user=user)
    assignment = PartnershipRole.objects.select_for_update().filter(
        consortium_id=partnership.consortium_id, partnership=partnership, user=user, role=role,
        ended_at__isnull=True,
    ).first()
    if assignment is None:
        assignment = PartnershipRole.objects.create(
            consortium_id=partnership.consortium_id, partnership=partnership, user=user, role=role,
            organisation=organisation, group=group,
        )
    _sync_partnership_permissions(partnership=partnership, user=user)
    return assignment


@transaction.atomic
def partnership_role_end(*, partnership: Partnership, user, role: str) -> None:
    for assignment in PartnershipRole.objects.filter(
        consortium_id=partnership.consortium_id, partnership=partnership, user=user, role=role,
        ended_at__isnull=True,
    ):
        # Saved one by one (not a bulk update) so the change history records each ending.
        assignment.ended_at = timezone.now()
        assignment.save(update_fields=["ended_at"])
    _sync_partnership_permissions(partnership=partnership, user=user)


# --- Invitations into a partnership role ---------------------------------------------------------

@transaction.atomic
def invitation_send(*, consortium: Consortium, invited_by, email: str, role: str, full_name: str = "",
                    language: str = "en", partnership: Partnership | None = None,
                    organisation: Organisation | None = None):
    """Invite someone into a consortium role, or straight into a role in one partnership.

    A partnership role comes with membership of the consortium; it is granted when the person
    accepts, through the same service as "Give someone a role", so its rules apply then too.
    """
    from consortia.models import Invitation
    from consortia.services import invitation_create

    if role not in roles.ROLES_BY_CODE:
        raise ValidationError({"role": _("Choose the role they are invited to.")})
    if roles.get(role).scope == roles.CONSORTIUM:
        return invitation_create(consortium=consortium, invited_by=invited_by, email=email, role=role,
                                 full_name=full_name, language=language)
    if partnership is None:
        raise ValidationError({"partnership": _("Choose the partnership they are invited to.")})
    require_same_consortium(consortium.pk, partnership, organisation)
    if role == roles.MEMBER_REPRESENTATIVE.code and organisation is None:
        raise ValidationError({"organisation": _("Choose the member organisation this representative speaks for.")})
    if organisation is not None and not PartnershipMembership.objects.filter(
        consortium=consortium, partnership=partnership, organisation=organisation, left_on__isnull=True,
    ).exists():
        raise ValidationError({"organisation": _("%(name)s is not a current member of %(partnership)s.") % {
            "name": organisation.display_name(), "partnership": partnership.display_name()}})
    normalised = User.objects.normalize_email(email).strip().lower()
    if Invitation.objects.filter(consortium=consortium, email=normalised, status=Invitation.Status.PENDING).exists():
        raise ValidationError({"email": _(
            "This person already has an invitation waiting for a reply. Once they have joined, give them the "
            "role from the partnership's page.")})

    def attach(invitation) -> None:
        PartnershipInvitation.objects.create(consortium=consortium, invitation=invitation, partnership=partnership,
                                             role=role, organisation=organisation)

    return invitation_create(consortium=consortium, invited_by=invited_by, email=normalised,
                             role=roles.CONSORTIUM_MEMBER.code, full_name=full_name, language=language,
                             extend=attach)


def _invitation_grants(invitation) -> list[PartnershipInvitation]:
    # Prefetched on lists (consortia.invitations.with_details); one query for a single invitation.
    return list(invitation.partnership_grants.all())


def invitation_describe(invitation) -> str | None:
    grants = _invitation_grants(invitation)
    return grants[0].describe() if grants else None


def invitation_accepted(*, invitation, user) -> None:
    for grant in PartnershipInvitation.objects.filter(consortium_id=invitation.consortium_id, invitation=invitation
                                                      ).select_related("partnership", "organisation"):
        partnership_role_grant(partnership=grant.partnership, user=user, role=grant.role,
                               organisation=grant.organisation)
