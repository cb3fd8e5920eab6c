from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import roles


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=roles.choices(roles.CONSORTIUM))
    language = forms.ChoiceField(
        label=_("Language for the invitation"), choices=settings.LANGUAGES, initial="en"
    )


def add_service_errors(form: forms.Form, exc) -> None:
    """Show a service's ValidationError on the form: beside its field, or at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
