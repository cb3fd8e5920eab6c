import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia import dates
from partnerships.models import Organisation, Partnership

from .models import AgreementSection, AgreementTemplate, BoundRole

User = get_user_model()


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_cy = forms.CharField(label=_("Title in Welsh"), max_length=200, required=False)
    reminder_cadence_days = forms.IntegerField(
        label=_("Days between reminders"), min_value=1, max_value=90, initial=7,
        help_text=AgreementTemplate._meta.get_field("reminder_cadence_days").help_text)
    challenge_window_days = forms.IntegerField(
        label=_("Days to challenge after publication"), min_value=0, max_value=365, initial=14,
        help_text=AgreementTemplate._meta.get_field("challenge_window_days").help_text)


class TemplateCreateForm(TemplateForm):
    partnership = forms.ModelChoiceField(label=_("Partnership"), queryset=Partnership.objects.none())
    intro = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    intro_cy = forms.CharField(label=_("Introduction in Welsh"), widget=forms.Textarea(attrs={"rows": 4}),
                               required=False)

    field_order = ["partnership", "title", "title_cy", "intro", "intro_cy", "reminder_cadence_days",
                   "challenge_window_days"]

    def __init__(self, *args, partnerships=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partnerships is not None:
            self.fields["partnership"].queryset = partnerships


class IntroForm(forms.Form):
    intro = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    intro_cy = forms.CharField(label=_("Introduction in Welsh"), widget=forms.Textarea(attrs={"rows": 5}),
                               required=False)


class SectionForm(forms.Form):
    role = forms.ChoiceField(label=_("Whose commitments"), choices=BoundRole.choices)
    heading = forms.CharField(label=_("Heading"), max_length=200)
    heading_cy = forms.CharField(label=_("Heading in Welsh"), max_length=200, required=False)
    body = forms.CharField(label=_("Commitments"), widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=AgreementSection._meta.get_field("body").help_text)
    body_cy = forms.CharField(label=_("Commitments in Welsh"), widget=forms.Textarea(attrs={"rows": 10}),
                              required=False)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=1000, required=False,
                                  help_text=_("Sections are shown in this order, lowest first."))


class PartyAddForm(forms.Form):
    role = forms.ChoiceField(label=_("Bound as"), choices=BoundRole.choices)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(),
                                          required=False,
                                          help_text=_("Accepted on its behalf by one of its representatives."))
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none(), required=False,
                                  help_text=_("Choose an organisation or a person, not both."))

    def __init__(self, *args, organisations=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        if people is not None:
            self.fields["user"].queryset = people

    def clean(self):
        data = super().clean()
        if not self.errors and (data.get("organisation") is None) == (data.get("user") is None):
            raise forms.ValidationError(_("Choose either an organisation or a person."))
        return data


class _PartyChoiceForm(forms.Form):
    """The party is chosen by id; the view looks it up in this version and the service checks the right."""

    party = forms.IntegerField(label=_("Responding for"), widget=forms.Select)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].widget.choices = [
            (p.pk, f"{p.name} ({p.get_role_display()})") for p in parties
        ]


class AcceptForm(_PartyChoiceForm):
    confirm = forms.BooleanField(label=_("I have read this agreement and accept its commitments for the party "
                                         "chosen above."),
                                 error_messages={"required": _("Tick the box to confirm you accept.")})


class ChallengeForm(_PartyChoiceForm):
    reason = forms.CharField(label=_("What do you challenge, and why?"), widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=5000)


class WithdrawForm(_PartyChoiceForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             max_length=5000)
    confirm = forms.BooleanField(label=_("I withdraw from this agreement for the party chosen above."),
                                 error_messages={"required": _("Tick the box to confirm you withdraw.")})


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class PostponeForm(forms.Form):
    until = forms.DateField(label=_("Postpone reminders until"), widget=forms.DateInput(attrs={"type": "date"}),
                            validators=[dates.POSTPONEMENT])

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.localdate():
            raise forms.ValidationError(_("Choose a date in the future."))
        return until

    def until_datetime(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.cleaned_data["until"], dt.time.min))
