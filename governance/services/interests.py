"""Declarations of interest at meetings, the standing register, its yearly confirmation and reminders."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia import dates
from consortia.models import Consortium, Membership
from consortia.scoping import require_same_consortium
from partnerships.models import PartnershipRole

from .. import rules, selectors
from ..models import AgendaItem, Declaration, InterestConfirmation, Meeting, StandingInterest
from ._common import INTERESTS_DUE, INTERESTS_OVERDUE, _enqueue, _site


@transaction.atomic
def declaration_record(*, meeting: Meeting, user, interest: str, kind: str = "pecuniary",
                       agenda_item: AgendaItem | None = None, organisation=None) -> Declaration:
    require_same_consortium(meeting.consortium_id, agenda_item, organisation)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item on this meeting's agenda.")})
    if not interest.strip():
        raise ValidationError({"interest": _("Describe the interest.")})
    declaration = Declaration(consortium_id=meeting.consortium_id, meeting=meeting, user=user, kind=kind,
                              interest=interest.strip(), agenda_item=agenda_item, organisation=organisation)
    declaration.full_clean()
    declaration.save()
    return declaration


@transaction.atomic
def standing_interest_add(*, consortium: Consortium, user, interest: str, kind: str = "pecuniary",
                          since: dt.date | None = None, organisation=None) -> StandingInterest:
    require_same_consortium(consortium.pk, organisation)
    if not interest.strip():
        raise ValidationError({"interest": _("Describe the interest.")})
    dates.INTEREST.check(since, field="since")
    return StandingInterest.objects.create(consortium=consortium, user=user, interest=interest.strip(), kind=kind,
                                           since=since or timezone.localdate(), organisation=organisation)


@transaction.atomic
def standing_interest_end(*, interest: StandingInterest, ended_on: dt.date | None = None) -> StandingInterest:
    dates.INTEREST.check(ended_on, field="ended_on")
    interest.ended_on = ended_on or timezone.localdate()
    interest.save(update_fields=["ended_on"])
    return interest


@transaction.atomic
def interests_confirm(*, consortium: Consortium, user, nothing_to_declare: bool = False,
                      today: dt.date | None = None) -> InterestConfirmation:
    """The yearly confirmation that the register is complete. "Nothing to declare" confirms too."""
    today = today or timezone.localdate()
    has_interests = StandingInterest.objects.filter(consortium=consortium, user=user, ended_on__isnull=True).exists()
    if nothing_to_declare and has_interests:
        raise ValidationError(_("You have interests on your register: end them first, or confirm them."))
    if not nothing_to_declare and not has_interests:
        raise ValidationError(_("Your register is empty: confirm that you have nothing to declare."))
    confirmation, _created = InterestConfirmation.objects.update_or_create(
        consortium=consortium, user=user, academic_year=rules.academic_year_of(today),
        defaults={"nothing_to_declare": nothing_to_declare, "confirmed_at": timezone.now()})
    return confirmation


def interests_reminders_send(*, today: dt.date | None = None) -> int:
    """Scheduled daily: remind each person whose yearly confirmation is due (once) and overdue (once)."""
    today = today or timezone.localdate()
    year = rules.academic_year_of(today)
    queued = 0
    consortium_ids = PartnershipRole.objects.filter(ended_at__isnull=True, role__in=selectors.NOTICE_ROLES).values_list(
        "consortium_id", flat=True).distinct()
    for consortium in Consortium.objects.filter(pk__in=consortium_ids):
        memberships = {m.user_id: m for m in Membership.objects.filter(consortium=consortium, is_active=True)}
        for row in selectors.interests_compliance(consortium.pk, today=today):
            membership = memberships.get(row["user"].pk)
            if row["status"] == "confirmed" or membership is None:
                continue
            overdue = row["status"] == "overdue"
            _email, created = _enqueue(
                consortium=consortium, user=row["user"], purpose=INTERESTS_OVERDUE if overdue else INTERESTS_DUE,
                about=membership, version=year, template="interests",
                context={"year_label": rules.academic_year_label(year), "overdue": overdue,
                         "url": _site(reverse("interests", args=[consortium.slug]))},
                subject=lambda: _("Please confirm your register of interests for %(year)s") % {
                    "year": rules.academic_year_label(year)})
            queued += created
    return queued
