"""Base classes for the product's forms: dates as GOV.UK date inputs, times as typed 24-hour times,
and texts written in two languages entered side by side.

Every form a person fills in on the site derives from `Form` or `ModelForm` here, so a date
field anywhere gets the same three-part input without each form naming a widget.

A field `<name>_cy` next to a field `<name>` is that text in Welsh (see ui.bilingual): the
renderer shows the pair side by side (`.app-bilingual`) and each input says which language
it holds, so spelling checks and screen readers use the right one whatever the page's language.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import widgets


class GovukFieldsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            keep = isinstance(field.widget, widgets.DateInput | forms.HiddenInput)
            if isinstance(field, forms.DateField) and not keep:
                field.widget = widgets.DateInput(attrs=field.widget.attrs)
            elif isinstance(field, forms.TimeField) and not isinstance(field.widget, forms.HiddenInput):
                field.widget = widgets.TimeInput()
            else:
                continue
            field.widget.is_required = field.required
        for field in self.fields.values():
            self._name_the_blank_choice(field)
        for name, field in self.fields.items():
            if name.endswith("_cy") and name[:-3] in self.fields:
                field.widget.attrs.setdefault("lang", "cy")
                self.fields[name[:-3]].widget.attrs.setdefault("lang", "en")

    @staticmethod
    def _name_the_blank_choice(field) -> None:
        """A select's empty choice reads "Choose" (or "None" when it may stay empty), not Django's "---------"."""
        if isinstance(field.widget, forms.RadioSelect) or not isinstance(field.widget, forms.Select):
            return
        label = _("Choose") if field.required else _("None")
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == "---------":
                field.empty_label = label
        elif isinstance(field, forms.ChoiceField):
            field.choices = [(value, label if value == "" and text == "---------" else text)
                             for value, text in field.choices]

    def bilingual_rows(self) -> list[tuple]:
        """The visible fields in order, each Welsh field paired with its English one."""
        visible = {field.name: field for field in self.visible_fields()}
        rows, paired = [], set()
        for name, bound in visible.items():
            if name in paired:
                continue
            welsh = visible.get(f"{name}_cy")
            if welsh is not None:
                rows.append((bound, welsh))
                paired.add(welsh.name)
            else:
                rows.append((bound,))
        return rows


class Form(GovukFieldsMixin, forms.Form):
    pass


class ModelForm(GovukFieldsMixin, forms.ModelForm):
    pass
