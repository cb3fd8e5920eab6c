"""Template helpers that put Django form fields into GOV.UK Frontend markup.

The field template (ui/templates/ui/forms/field.html) asks `govuk_kind` which component a
field is, then renders the component's wrapper; `govuk_widget` renders the input itself with
the component's classes and the ids of its hint and error, so every form in the product gets
the same markup from one place.
"""

from __future__ import annotations

from django import forms, template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ui import widgets as ui_widgets

register = template.Library()

BLANK_LABELS = {"", "---------"}


@register.filter
def govuk_kind(field) -> str:
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple subclasses RadioSelect in Django, so it is asked first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, ui_widgets.DateInput):
        return "date"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def _described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def described_by(field) -> str:
    return _described_by(field)


_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
}


@register.filter
def govuk_widget(field):
    """The field's input with GOV.UK classes; the field's own classes (e.g. a width) are kept."""
    kind = govuk_kind(field)
    attrs = {}
    base, error = _CLASSES.get(kind, ("", ""))
    own = field.field.widget.attrs.get("class", "")
    if kind == "input" and not own and isinstance(field.field, forms.IntegerField | forms.DecimalField):
        own = "govuk-input--width-10"
    classes = " ".join(c for c in (base, own, error if field.errors else "") if c)
    if kind == "date" and field.errors:
        classes = "govuk-input--error"
    if classes:
        attrs["class"] = classes
    if field.field.widget.attrs.get("placeholder"):
        # GOV.UK: a placeholder repeats the label and vanishes as one types; hints say what to enter.
        attrs["placeholder"] = False
    if kind == "textarea" and field.field.max_length:
        attrs["class"] += " govuk-js-character-count"
    described = _described_by(field)
    if kind == "textarea" and field.field.max_length:
        described = " ".join(filter(None, [described, f"{field.auto_id}-info"]))
    if described and kind not in ("date", "radios", "checkboxes"):  # those describe their fieldset
        attrs["aria-describedby"] = described
    return field.as_widget(attrs=attrs)


@register.filter
def govuk_options(field) -> list[dict]:
    """The choices of a radios or checkboxes field as GOV.UK items.

    A required radio question never offers Django's blank "---------" choice: choosing nothing
    is the way to give no answer, and the server says so.
    """
    items = []
    for option in field.subwidgets:
        data = option.data
        if govuk_kind(field) == "radios" and str(data["value"]) == "" and str(data["label"]) in BLANK_LABELS:
            continue
        items.append({
            "id": data["attrs"].get("id", ""),
            "name": data["name"],
            "value": "" if data["value"] is None else data["value"],
            "label": data["label"],
            "checked": data["selected"],
        })
    return items


@register.filter
def govuk_rows(form) -> list[list]:
    """The visible fields in order (of a form, or a list of its bound fields), a bilingual pair (`x` then
    `x_cy`) as one row of two, so the English and the Welsh are entered side by side (`.app-bilingual`)."""
    fields = list(form) if isinstance(form, list | tuple) else list(form.visible_fields())
    rows, index = [], 0
    while index < len(fields):
        field = fields[index]
        partner = fields[index + 1] if index + 1 < len(fields) else None
        if partner is not None and partner.name == f"{field.name}_cy":
            rows.append([field, partner])
            index += 2
        else:
            rows.append([field])
            index += 1
    return rows


@register.filter
def first_input_id(field) -> str:
    """Where the error summary's link for this field goes: the first of its inputs."""
    kind = govuk_kind(field)
    if kind in ("radios", "checkboxes"):
        options = govuk_options(field)
        return options[0]["id"] if options else field.auto_id
    if kind == "date":
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.simple_tag
def error_prefix() -> str:
    return format_html('<span class="govuk-visually-hidden">{}</span> ', _("Error:"))


_TAG_COLOURS = {
    "ok": "govuk-tag--green", "warn": "govuk-tag--yellow", "bad": "govuk-tag--red",
    "info": "govuk-tag--blue", "muted": "govuk-tag--grey", "new": "govuk-tag--light-blue",
}


@register.simple_tag
def status_tag(text, tone: str = "info"):
    """A GOV.UK tag. The words carry the meaning; the colour only repeats it."""
    return format_html('<strong class="govuk-tag {}">{}</strong>', _TAG_COLOURS.get(tone, ""), text)


# --- Texts written in English and Welsh (see ui.bilingual) ------------------------------------

@register.simple_tag
def bilingual(obj, field: str):
    """`{% bilingual partnership "purpose" as purpose %}`: the text in the reader's language, with
    `.text`, `.language` (for a lang attribute) and `.fallback` (no text in the reader's language)."""
    from ui.bilingual import text_of

    return text_of(obj, field)


@register.simple_tag
def fallback_note(text) -> str:
    """The note under a text shown in the other language, or nothing."""
    if not getattr(text, "fallback", False):
        return ""
    if text.language == "en":
        note = _("This has not been written in Welsh yet, so it is shown in English.")
    else:
        note = _("This has only been written in Welsh.")
    return format_html('<p class="govuk-body-s app-muted app-fallback-note">{}</p>', note)


@register.inclusion_tag("ui/bilingual_block.html")
def bilingual_block(obj, field: str, css: str = "govuk-body"):
    """A paragraph-length text in the reader's language, marked and explained when it is the other one."""
    from ui.bilingual import text_of

    return {"text": text_of(obj, field), "css": css}


@register.filter
def field_rows(form) -> list[tuple]:
    """A form's visible fields as rows: a Welsh field beside its English one (ui.forms), others alone."""
    if hasattr(form, "bilingual_rows"):
        return form.bilingual_rows()
    return govuk_rows(form)


class _Texts(list):
    """Several texts in the reader's language; `fallback` when any of them is in the other one."""

    @property
    def fallback(self) -> bool:
        return any(text.fallback for text in self)

    @property
    def language(self) -> str:
        return next((text.language for text in self if text.fallback), "")


@register.simple_tag
def bilingual_list(objects, field: str):
    """`{% bilingual_list principles "text" as entries %}`: each entry's text in the reader's language."""
    from ui.bilingual import text_of

    return _Texts(text_of(obj, field) for obj in objects)
