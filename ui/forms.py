"""Base classes for the product's forms: dates as GOV.UK date inputs, times as typed 24-hour times.

Every form a person fills in on the site derives from `Form` or `ModelForm` here, so a date
field anywhere gets the same three-part input without each form naming a widget.
"""

from __future__ import annotations

from django import forms

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


class Form(GovukFieldsMixin, forms.Form):
    pass


class ModelForm(GovukFieldsMixin, forms.ModelForm):
    pass
