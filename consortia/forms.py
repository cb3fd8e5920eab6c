from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from . import roles


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=roles.choices(roles.CONSORTIUM))
    language = forms.ChoiceField(
        label=_("Language for the invitation"), choices=settings.LANGUAGES, initial="en"
    )


def show_refusal(request, form: forms.Form) -> None:
    """Give the form's errors as messages at the top of the page, for a form the page does not show again.

    A step already taken (accepting twice, voting twice, answering an answered challenge) or not
    open yet re-renders the page without its form: without this the answer is a 400 that says
    nothing. Call it only when the form will not be on the page, so no reason is shown twice.
    """
    from django.contrib import messages

    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def add_service_errors(form: forms.Form, exc) -> None:
    """Show a service's ValidationError on the form: beside its field, or at the top.

    The form may be unbound (a page whose only input is the button pressed): it is given an
    empty set of errors first, so the refusal is shown instead of an AttributeError.
    """
    if form._errors is None:
        form._errors = ErrorDict()
    if not hasattr(form, "cleaned_data"):
        form.cleaned_data = {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
