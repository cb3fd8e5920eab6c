"""`{{ meeting|bilingual:"title" }}` in templates: the text in the reader's language (consortia.bilingual).

`bilingual_html` marks a fallback with its language (`<span lang="en">…</span>`), so a screen
reader on a Welsh page reads an English-only title in English; use it in HTML, never in text emails.
"""

from django import template
from django.utils.html import conditional_escape, format_html

from consortia import bilingual as rules

register = template.Library()


@register.filter(name="bilingual")
def bilingual_text(obj, field: str) -> str:
    return rules.bilingual(obj, field)


@register.filter
def bilingual_html(obj, field: str):
    text, shown_in = rules.bilingual_with_language(obj, field)
    if shown_in != rules.reading_language():
        return format_html('<span lang="{}">{}</span>', shown_in, text)
    return conditional_escape(text)


@register.filter
def bilingual_fallback(obj, field: str) -> bool:
    return rules.is_fallback(obj, field)
