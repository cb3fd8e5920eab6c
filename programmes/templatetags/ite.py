"""Labels for ITE codes in templates, in the page's language."""

from django import template

from programmes import rules_ite
from programmes.models import ContrastAttribute

register = template.Library()


@register.filter
def contrast_label(code: str) -> str:
    return ContrastAttribute(code).label if code in ContrastAttribute.values else code


@register.filter
def withdrawal_label(code: str) -> str:
    return str(rules_ite.WITHDRAWAL_REASONS.get(code, code)) if code else ""
