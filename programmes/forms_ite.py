"""The ITE pages' forms; each hands its cleaned data to a service, which validates again."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ui.forms import Form

from . import rules_ite
from .forms import PersonChoiceField, schools_of
from .models import Mentor, MentorTraining, Placement, Route, Subject, Term, TraineeState, TraineeStatusChange

User = get_user_model()


class TraineeForm(Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    route = forms.ChoiceField(label=_("Route"), choices=Route.choices, widget=forms.RadioSelect)
    subject = forms.ChoiceField(label=_("Subject"), choices=Subject.choices)
    starts_on = forms.DateField(label=_("ITT start"))
    ends_on = forms.DateField(label=_("ITT end"))


class TraineeStatusForm(Form):
    state = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect,
                              choices=[c for c in TraineeState.choices if c[0] != TraineeState.DRAFT])
    effective_on = forms.DateField(label=_("From"))
    reason = forms.ChoiceField(label=_("Withdrawal reason"), required=False,
                               choices=[("", "—")] + list(rules_ite.WITHDRAWAL_REASONS.items()))
    trigger = forms.ChoiceField(label=_("Withdrawal asked for by"), required=False,
                                choices=[("", "—")] + list(TraineeStatusChange.Trigger.choices))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PlacementForm(Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    sequence = forms.TypedChoiceField(label=_("Which placement"), coerce=int,
                                      choices=[(1, _("First")), (2, _("Second")), (3, _("Third"))])
    term = forms.ChoiceField(label=_("Term"), choices=Term.choices)
    starts_on = forms.DateField(label=_("From"))
    ends_on = forms.DateField(label=_("Until"))
    mentor = forms.ModelChoiceField(label=_("School mentor"), queryset=Mentor.objects.none(), required=False)
    tutor = PersonChoiceField(label=_("University subject tutor"), queryset=User.objects.none(), required=False)
    lead_tutor = PersonChoiceField(label=_("Lead tutor"), queryset=User.objects.none(), required=False)
    contrast_reason = forms.CharField(
        label=_("Reason, if the schools do not contrast"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed only when the second school is alike the first by the partnership's rule."))

    def __init__(self, *args, trainee, tutors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_of(trainee.consortium)
        self.fields["mentor"].queryset = Mentor.objects.filter(
            consortium_id=trainee.consortium_id, programme_id=trainee.programme_id).select_related("user", "school")
        self.fields["tutor"].queryset = tutors
        self.fields["lead_tutor"].queryset = tutors


class PlacementStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=Placement.Status.choices)


class OfferForm(Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    subject = forms.ChoiceField(label=_("Subject"), choices=Subject.choices)
    term = forms.ChoiceField(label=_("Term"), choices=Term.choices)
    places = forms.IntegerField(label=_("Places"), min_value=0, max_value=20)

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_of(consortium)


class MentorTrainingForm(Form):
    kind = forms.ChoiceField(label=_("Training"), choices=MentorTraining.Kind.choices, widget=forms.RadioSelect)
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=40)
    completed_on = forms.DateField(label=_("Completed on"))
