"""Every write to partnerships and partnership roles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from consortia import roles
from consortia.models import Consortium
from consortia.services import membership_ensure

from .models import Partnership, PartnershipRole, PartnershipUserObjectPermission


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


@transaction.atomic
def partnership_create(*, consortium: Consortium, name: str, kind: str, purpose: str = "",
                       name_cy: str = "") -> Partnership:
    if Partnership.objects.filter(consortium=consortium, name=name).exists():
        raise ValidationError({"name": _("A partnership with this name already exists.")})
    return Partnership.objects.create(consortium=consortium, name=name, kind=kind,
                                      purpose=purpose, name_cy=name_cy)


@transaction.atomic
def partnership_role_grant(*, partnership: Partnership, user, role: str) -> PartnershipRole:
    if roles.get(role).scope != roles.PARTNERSHIP:
        raise ValidationError(_("That role is held across the consortium, not in a partnership."))
    membership_ensure(consortium=partnership.consortium, user=user)
    assignment = PartnershipRole.objects.select_for_update().filter(
        consortium_id=partnership.consortium_id, partnership=partnership, user=user, role=role,
        ended_at__isnull=True,
    ).first()
    if assignment is None:
        assignment = PartnershipRole.objects.create(
            consortium_id=partnership.consortium_id, partnership=partnership, user=user, role=role
        )
    _sync_partnership_permissions(partnership=partnership, user=user)
    return assignment


@transaction.atomic
def partnership_role_end(*, partnership: Partnership, user, role: str) -> None:
    PartnershipRole.objects.filter(
        consortium_id=partnership.consortium_id, partnership=partnership, user=user, role=role,
        ended_at__isnull=True,
    ).update(ended_at=timezone.now())
    _sync_partnership_permissions(partnership=partnership, user=user)
