from django import template

from finance import presentation
from finance.money import format_pence, hours_label

register = template.Library()


@register.filter
def pence(value):
    """£1,234.56 (a credit as -£1,234.56) in the active language."""
    return format_pence(value)


@register.filter
def pounds(value):
    """A Decimal of pounds (a school's recorded budget) as £1,234.56."""
    if value is None:
        return "—"
    from decimal import Decimal

    return format_pence(int(Decimal(value) * 100))


@register.filter
def hours(minutes):
    return hours_label(minutes or 0)


@register.filter
def charge_text(charge):
    return presentation.charge_text(charge)


@register.filter
def charge_explanation(charge):
    return presentation.charge_explanation(charge)


@register.filter
def share_explanation(share):
    return presentation.share_explanation(share)


@register.filter
def year_label(year):
    return presentation.year_label(year)
