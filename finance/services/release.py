"""Professional development release: term dates, the hourly rate, deliveries and their charges.

Each leader is released up to the partnership's allowance (three hours) a term without charge.
Deliveries use it up in date order; time beyond it is chargeable at the rate in force on the day,
half-up to the penny (finance.money.rate_for_minutes), and shared between the schools that
received the PD on the activity's basis.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from consortia.models import Consortium
from consortia.scoping import require_same_consortium
from partnerships.models import Organisation, Partnership

from .. import money, sharing, terms
from ..models import Charge, CostedActivity, CostShare, PDDelivery, PDRecipient, ReleaseRate, ShareCalculation, Term
from ..models.activities import Basis
from ._common import attribute, is_member_of_consortium, manager
from .activities import compute_shares, raise_charges, save_shares

LIVE = (Charge.Status.DRAFT, Charge.Status.ISSUED, Charge.Status.PAID, Charge.Status.CREDITED)


# --- Terms and rates ------------------------------------------------------------------------------------

@transaction.atomic
def terms_set(*, consortium: Consortium, by, academic_year: int,
              dates: dict[str, tuple[dt.date, dt.date]]) -> list[Term]:
    """The consortium's three terms of an academic year. A term with PD recorded in it keeps covering it."""
    from django.core.exceptions import PermissionDenied

    from consortia.permissions import has_consortium_perm

    if not has_consortium_perm(by, "consortia.administer_consortium", consortium):
        raise PermissionDenied
    if set(dates) != set(terms.TERM_ORDER):
        raise ValidationError(_("Give the dates of the autumn, spring and summer terms."))
    ordered = [(name, *dates[name]) for name in terms.TERM_ORDER]
    year_start, year_end = terms.year_bounds(terms.ACADEMIC, academic_year)
    previous_end = None
    for name, starts_on, ends_on in ordered:
        if ends_on < starts_on:
            raise ValidationError({name: _("A term cannot end before it starts.")})
        if starts_on < year_start or ends_on > year_end:
            raise ValidationError({name: _("Each term must fall between %(start)s and %(end)s.") % {
                "start": year_start.strftime("%d/%m/%Y"), "end": year_end.strftime("%d/%m/%Y")}})
        if previous_end is not None and starts_on <= previous_end:
            raise ValidationError({name: _("The terms must follow each other without overlapping.")})
        previous_end = ends_on
    saved = []
    existing = {t.name: t for t in Term.objects.select_for_update().filter(consortium=consortium,
                                                                           academic_year=academic_year)}
    for name, starts_on, ends_on in ordered:
        term = existing.get(name) or Term(consortium=consortium, academic_year=academic_year, name=name)
        if term.pk:
            outside = PDDelivery.objects.filter(consortium=consortium, term=term).exclude(
                delivered_on__gte=starts_on, delivered_on__lte=ends_on)
            if outside.exists():
                raise ValidationError({name: _("PD release is recorded in this term outside the new dates; "
                                               "those deliveries must stay in their term.")})
        term.starts_on, term.ends_on = starts_on, ends_on
        attribute(term, by).save()
        saved.append(term)
    return saved


def terms_use_default(*, consortium: Consortium, by, academic_year: int) -> list[Term]:
    return terms_set(consortium=consortium, by=by, academic_year=academic_year,
                     dates={name: (start, end) for name, start, end in terms.default_terms(academic_year)})


@transaction.atomic
def release_rate_set(*, partnership: Partnership, by, hourly_rate_pence: int, effective_from: dt.date) -> ReleaseRate:
    """A new hourly rate from a date. Charges already raised keep the rate they were worked out at."""
    manager(by, partnership)
    if hourly_rate_pence <= 0:
        raise ValidationError({"hourly_rate_pence": _("Enter an hourly rate above zero.")})
    if ReleaseRate.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                  effective_from=effective_from).exists():
        raise ValidationError({"effective_from": _("A rate already starts on that day; choose another day.")})
    rate = ReleaseRate(consortium_id=partnership.consortium_id, partnership=partnership,
                       hourly_rate_pence=hourly_rate_pence, effective_from=effective_from, set_by=by)
    attribute(rate, by).save()
    for term in Term.objects.filter(consortium_id=partnership.consortium_id, ends_on__gte=effective_from):
        _allocate_term(partnership, term)
    return rate


# --- Deliveries ------------------------------------------------------------------------------------------

def _charged_ids(consortium_id: int, deliveries) -> set[int]:
    return set(Charge.objects.filter(consortium_id=consortium_id, delivery__in=deliveries, status__in=LIVE)
               .values_list("delivery_id", flat=True))


def _allocate(partnership: Partnership, term: Term, leader_id: int) -> None:
    """Work out free and chargeable time for the leader's uncharged deliveries in the term.

    NOTE: a delivery with charges raised never changes; it keeps the free time it used, and the
    rest of the allowance goes to the others in date order.
    """
    from ..selectors import rate_on, settings_for

    allowance = settings_for(partnership).free_release_minutes
    deliveries = list(PDDelivery.objects.select_for_update().filter(
        consortium_id=partnership.consortium_id, partnership=partnership, term=term, leader_id=leader_id)
        .order_by("delivered_on", "pk"))
    charged = _charged_ids(partnership.consortium_id, deliveries)
    left = allowance - sum(d.free_minutes for d in deliveries if d.pk in charged)
    for delivery in deliveries:
        if delivery.pk in charged:
            continue
        free = max(0, min(delivery.minutes, left))
        left -= free
        chargeable = delivery.minutes - free
        rate = rate_on(partnership, delivery.delivered_on) if chargeable else None
        amount = money.rate_for_minutes(rate.hourly_rate_pence, chargeable) if rate else 0
        values = (free, chargeable, rate.pk if rate else None, amount)
        if values != (delivery.free_minutes, delivery.chargeable_minutes, delivery.rate_id, delivery.amount_pence):
            delivery.free_minutes, delivery.chargeable_minutes, delivery.rate_id, delivery.amount_pence = values
            delivery.save(update_fields=["free_minutes", "chargeable_minutes", "rate", "amount_pence"])


def _allocate_term(partnership: Partnership, term: Term) -> None:
    for leader_id in set(PDDelivery.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                                   term=term).values_list("leader_id", flat=True)):
        _allocate(partnership, term, leader_id)


@transaction.atomic
def pd_delivery_record(*, partnership: Partnership, by, activity: CostedActivity, leader, leader_school: Organisation,
                       delivered_on: dt.date, minutes: int, recipients: list[Organisation],
                       description: str = "") -> PDDelivery:
    from ..selectors import current_members, term_on

    manager(by, partnership)
    require_same_consortium(partnership.consortium_id, activity, leader_school, *recipients)
    if activity.budget.partnership_id != partnership.pk:
        raise ValidationError({"activity": _("Choose an activity of this partnership.")})
    if not 1 <= minutes <= 12 * 60:
        raise ValidationError({"minutes": _("Enter a time between 1 minute and 12 hours.")})
    if not is_member_of_consortium(leader, partnership.consortium_id):
        raise ValidationError({"leader": _("Choose someone who works in this consortium.")})
    members = set(current_members(partnership, delivered_on).values_list("pk", flat=True))
    if leader_school.pk not in members:
        raise ValidationError({"leader_school": _("The leader's school must be a member of the partnership.")})
    if not recipients:
        raise ValidationError({"recipients": _("Choose the schools whose colleagues received the PD.")})
    if leader_school.pk in {r.pk for r in recipients}:
        raise ValidationError({"recipients": _("Release is for PD delivered to colleagues in other member "
                                               "schools: take the leader's own school off the list.")})
    outside = sorted(r.name for r in recipients if r.pk not in members)
    if outside:
        raise ValidationError({"recipients": _("These are not members of the partnership on that day: "
                                               "%(names)s.") % {"names": ", ".join(outside)}})
    term = term_on(partnership.consortium_id, delivered_on)
    if term is None:
        raise ValidationError({"delivered_on": _("No term covers %(date)s: set the term dates for %(year)s "
                                                 "first.") % {"date": delivered_on.strftime("%d/%m/%Y"),
                                                              "year": terms.year_label(
                                                                  terms.ACADEMIC,
                                                                  terms.academic_year_of(delivered_on))}})
    delivery = PDDelivery(consortium_id=partnership.consortium_id, partnership=partnership, activity=activity,
                          leader=leader, leader_school=leader_school, delivered_on=delivered_on, minutes=minutes,
                          description=description.strip(), term=term, recorded_by=by,
                          free_minutes=0, chargeable_minutes=minutes)
    attribute(delivery, by).save()
    PDRecipient.objects.bulk_create([PDRecipient(consortium_id=partnership.consortium_id, delivery=delivery,
                                                 organisation=r) for r in recipients])
    _allocate(partnership, term, leader.pk)
    delivery.refresh_from_db()
    if delivery.chargeable_minutes and delivery.rate_id is None:
        raise ValidationError({"minutes": _("This takes the leader past the free time for the term, and the "
                                            "partnership has no hourly rate for %(date)s: set one first.") % {
            "date": delivered_on.strftime("%d/%m/%Y")}})
    return delivery


@transaction.atomic
def pd_delivery_delete(*, delivery: PDDelivery, by) -> None:
    manager(by, delivery.partnership)
    if _charged_ids(delivery.consortium_id, [delivery]):
        raise ValidationError(_("Charges have been raised for this delivery, so it stays on the record."))
    term, leader_id, partnership = delivery.term, delivery.leader_id, delivery.partnership
    attribute(delivery, by).delete()
    _allocate(partnership, term, leader_id)


@transaction.atomic
def pd_release_charges_raise(*, partnership: Partnership, by, term: Term) -> list[Charge]:
    """Draft charges for the term's chargeable PD not yet charged, shared between each delivery's recipients."""
    manager(by, partnership)
    require_same_consortium(partnership.consortium_id, term)
    _allocate_term(partnership, term)
    deliveries = list(PDDelivery.objects.select_for_update(of=("self",)).filter(
        consortium_id=partnership.consortium_id, partnership=partnership, term=term, chargeable_minutes__gt=0)
        .select_related("activity__budget", "leader").order_by("delivered_on", "pk"))
    charged = _charged_ids(partnership.consortium_id, deliveries)
    raised: list[Charge] = []
    for delivery in deliveries:
        if delivery.pk in charged or delivery.amount_pence <= 0:
            continue
        raised += _charge_delivery(delivery, by)
    if not raised:
        raise ValidationError(_("There is no chargeable PD release left to charge in this term."))
    return raised


def _charge_delivery(delivery: PDDelivery, by) -> list[Charge]:
    activity = delivery.activity
    recipients = [r.organisation for r in PDRecipient.objects.filter(
        consortium_id=delivery.consortium_id, delivery=delivery).select_related("organisation")]
    # Fixed amounts are agreed for the activity's own cost; PD time beyond the allowance is shared equally.
    basis = Basis.EQUAL if activity.basis == Basis.FIXED else activity.basis
    shares, weights, sources, total = compute_shares(
        consortium_id=delivery.consortium_id, cost_pence=delivery.amount_pence, basis=basis,
        academic_year=activity.academic_year, organisations=recipients)
    previous = ShareCalculation.objects.filter(consortium_id=delivery.consortium_id, delivery=delivery).order_by(
        "-number").first()
    ShareCalculation.objects.filter(consortium_id=delivery.consortium_id, delivery=delivery,
                                    is_current=True).update(is_current=False)
    calculation = ShareCalculation(
        consortium_id=delivery.consortium_id, activity=activity, delivery=delivery,
        number=(previous.number + 1) if previous else 1, cost_pence=delivery.amount_pence, basis=basis,
        academic_year=activity.academic_year, total_weight=total, algorithm=sharing.ALGORITHM, calculated_by=by)
    attribute(calculation, by).save()
    rows = [CostShare(consortium_id=delivery.consortium_id, calculation=calculation, organisation_id=org_id,
                      amount_pence=amount, weight=weights[org_id], source_year=sources.get(org_id),
                      source_academic_year=sources[org_id].academic_year if org_id in sources else None)
            for org_id, amount in shares.items()]
    save_shares(calculation, by=by, rows=rows)
    saved = list(CostShare.objects.filter(consortium_id=delivery.consortium_id, calculation=calculation,
                                          amount_pence__gt=0).select_related("organisation"))
    leader = delivery.leader.get_full_name()
    description = f"PD release: {leader}, {delivery.delivered_on:%d/%m/%Y}, " \
                  f"{money.hours_label(delivery.chargeable_minutes)} h chargeable ({activity.title})"
    return raise_charges(budget=activity.budget, by=by, shares=saved, activity=activity, description=description,
                         delivery=delivery)
