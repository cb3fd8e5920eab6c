"""The form renderer: every `{{ form }}` and `{{ field.as_field_group }}` in the product is GOV.UK markup.

The Django admin renders its own widgets and is left as Django's.
"""

from django.forms.renderers import DjangoTemplates


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"
