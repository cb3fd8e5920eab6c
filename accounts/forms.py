from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from ui import forms as ui_forms

from .models import User


class ProfileForm(ui_forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "job_title", "phone", "preferred_language"]
        widgets = {"preferred_language": forms.RadioSelect,
                   "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
                   "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
                   "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"})}


NEW_PASSWORD = forms.PasswordInput(attrs={"autocomplete": "new-password"})


class InvitationSignUpForm(ui_forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}),
                                help_text=_("As colleagues will see it, for example Dr Siân Jones."))
    password1 = forms.CharField(label=_("Password"), widget=NEW_PASSWORD,
                                help_text=_("At least 10 characters, not a common password."))
    password2 = forms.CharField(label=_("Password (again)"), widget=NEW_PASSWORD)

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        elif data.get("password1"):
            try:
                validate_password(data["password1"], User(email=self.email, full_name=data.get("full_name", "")))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
