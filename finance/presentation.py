"""How charges and shares read to people, in the active language: on pages, in exports and in statements."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Charge, CostShare
from .models.activities import Basis
from .money import format_pence, hours_label


def exact_pounds(value: Fraction) -> str:
    """An exact share to a hundredth of a penny: '£1,234.5678'."""
    pounds = (Decimal(value.numerator) / Decimal(value.denominator) / 100).quantize(Decimal("0.0001"),
                                                                                    rounding=ROUND_HALF_UP)
    sign = "-" if pounds < 0 else ""
    return f"{sign}£{abs(pounds):,.4f}"


def year_label(year: int | None) -> str:
    return "" if year is None else f"{year}/{str(year + 1)[-2:]}"


def charge_text(charge: Charge) -> str:
    activity = charge.activity
    if charge.kind == Charge.Kind.CREDIT_NOTE:
        reference = charge.reverses.reference if charge.reverses_id else ""
        text = _("Credit note for %(reference)s") % {"reference": reference}
        return f"{text}: {charge.reason}" if charge.reason else text
    if charge.delivery_id:
        delivery = charge.delivery
        return ngettext("PD release by %(leader)s on %(date)s: %(hours)s hour beyond the free time (%(activity)s)",
                        "PD release by %(leader)s on %(date)s: %(hours)s hours beyond the free time (%(activity)s)",
                        1 if delivery.chargeable_minutes == 60 else 2) % {
            "leader": delivery.leader.get_full_name(), "date": date_format(delivery.delivered_on, "j F Y"),
            "hours": hours_label(delivery.chargeable_minutes), "activity": activity.display_title()}
    if charge.replaces_id:
        return _("Corrected charge for %(activity)s") % {
            "activity": activity.display_title() if activity else charge.description}
    return activity.display_title() if activity else charge.description


def share_explanation(share: CostShare | None) -> str:
    """How the share was worked out, from what was stored when it was: readable years later."""
    if share is None:
        return ""
    calculation = share.calculation
    cost = format_pence(calculation.cost_pence)
    exact = exact_pounds(share.exact_pence())
    year = year_label(share.source_academic_year or calculation.academic_year)
    if calculation.basis == Basis.FIXED:
        return _("The amount agreed with the school: %(share)s of %(cost)s.") % {
            "share": format_pence(share.amount_pence), "cost": cost}
    if calculation.basis == Basis.EQUAL:
        return _("An equal share of %(cost)s between %(count)s members: exactly %(exact)s, to the penny "
                 "%(share)s.") % {"cost": cost, "count": calculation.total_weight, "exact": exact,
                                  "share": format_pence(share.amount_pence)}
    if calculation.basis == Basis.BUDGET:
        return _("School budget %(weight)s (%(year)s) of %(total)s for the members sharing %(cost)s: exactly "
                 "%(exact)s, to the penny %(share)s.") % {
            "weight": format_pence(share.weight), "year": year, "total": format_pence(calculation.total_weight),
            "cost": cost, "exact": exact, "share": format_pence(share.amount_pence)}
    return _("%(weight)s pupils (%(year)s) of %(total)s in the members sharing %(cost)s: exactly %(exact)s, to "
             "the penny %(share)s.") % {
        "weight": f"{share.weight:,}", "year": year, "total": f"{calculation.total_weight:,}", "cost": cost,
        "exact": exact, "share": format_pence(share.amount_pence)}


def release_explanation(charge: Charge) -> str:
    delivery = charge.delivery
    if delivery is None or delivery.rate is None:
        return ""
    return _("%(hours)s of %(total)s hours were beyond the free time for the term; at %(rate)s an hour that is "
             "%(amount)s (rounded half-up to the penny), shared between the schools that received it.") % {
        "hours": hours_label(delivery.chargeable_minutes), "total": hours_label(delivery.minutes),
        "rate": format_pence(delivery.rate.hourly_rate_pence), "amount": format_pence(delivery.amount_pence)}


def charge_explanation(charge: Charge) -> str:
    if charge.kind == Charge.Kind.CREDIT_NOTE:
        return _("Reverses %(reference)s in full.") % {"reference": charge.reverses.reference} if charge.reverses_id \
            else ""
    parts = [release_explanation(charge), share_explanation(charge.share)] if charge.delivery_id else \
        [share_explanation(charge.share)]
    if charge.replaces_id and charge.reason:
        parts.append(_("Corrected because: %(reason)s") % {"reason": charge.reason})
    return " ".join(p for p in parts if p)
