"""The ITE pages' forms; each hands its cleaned data to a service, which validates again."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ui.forms import Form

from . import rules_ite
from .forms import PersonChoiceField, schools_of
from .models import (
    ContrastAttribute,
    Mentor,
    MentorTraining,
    Placement,
    QualityVisit,
    Route,
    SchoolAssessmentRecord,
    Subject,
    Term,
    TraineeState,
    TraineeStatusChange,
)

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


class PlacementEditForm(Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    starts_on = forms.DateField(label=_("From"))
    ends_on = forms.DateField(label=_("Until"))
    mentor = forms.ModelChoiceField(label=_("School mentor"), queryset=Mentor.objects.none(), required=False)
    tutor = PersonChoiceField(label=_("University subject tutor"), queryset=User.objects.none(), required=False)
    lead_tutor = PersonChoiceField(label=_("Lead tutor"), queryset=User.objects.none(), required=False)
    contrast_reason = forms.CharField(
        label=_("Reason, if the schools do not contrast"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Asked for when the first and second schools are alike by the partnership's rule."))
    reason = forms.CharField(label=_("Why the placement is changing"), max_length=100, required=False)

    def __init__(self, *args, placement, tutors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_of(placement.trainee.consortium)
        self.fields["mentor"].queryset = Mentor.objects.filter(
            consortium_id=placement.consortium_id, programme_id=placement.trainee.programme_id,
        ).select_related("user", "school")
        self.fields["tutor"].queryset = tutors
        self.fields["lead_tutor"].queryset = tutors


class PlacementRulesForm(Form):
    contrast_attributes = forms.MultipleChoiceField(
        label=_("Schools contrast when they differ in"), choices=ContrastAttribute.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Compared between a trainee's first and second school, from the schools' records."))
    contrast_minimum = forms.IntegerField(label=_("How many of these must differ"), min_value=1, max_value=5)
    first_term = forms.ChoiceField(label=_("First placement term"), choices=Term.choices)
    second_term = forms.ChoiceField(label=_("Second placement term"), choices=Term.choices)


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


class QualityVisitForm(Form):
    kind = forms.ChoiceField(label=_("Kind of visit"), choices=QualityVisit.Kind.choices, widget=forms.RadioSelect)
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    scheduled_on = forms.DateField(label=_("Scheduled for"))
    visitor = PersonChoiceField(label=_("Visitor"), queryset=User.objects.none(), required=False)
    visitor_name = forms.CharField(label=_("Or the visitor's name"), max_length=200, required=False,
                                   help_text=_("For an external examiner who has no account here."))

    def __init__(self, *args, programme, visitors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_of(programme.consortium)
        self.fields["visitor"].queryset = visitors


class QualityReportForm(Form):
    considered_at = forms.ModelChoiceField(label=_("Meeting that considered the report"), queryset=None,
                                           required=False)
    report = forms.ModelChoiceField(label=_("The visit report (a paper of that meeting)"), queryset=None,
                                    required=False)
    actions = forms.ModelMultipleChoiceField(label=_("Actions agreed"), queryset=None, required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, programme, **kwargs):
        from governance.models import Action, Meeting, Paper

        super().__init__(*args, **kwargs)
        scope = {"consortium_id": programme.consortium_id}
        self.fields["considered_at"].queryset = Meeting.objects.filter(
            **scope, partnership_id=programme.partnership_id).order_by("-pk")
        self.fields["report"].queryset = Paper.objects.filter(
            **scope, meeting__partnership_id=programme.partnership_id).order_by("-pk")
        self.fields["actions"].queryset = Action.objects.filter(
            **scope, partnership_id=programme.partnership_id, meeting__isnull=False).order_by("-pk")


class SchoolAssessmentForm(Form):
    trainee = forms.ModelChoiceField(label=_("Trainee"), queryset=None)
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    title = forms.CharField(label=_("Document title"), max_length=200)
    document_reference = forms.CharField(
        label=_("Where the document is kept"), max_length=300,
        help_text=_("A reference or location only. Do not enter pupils' names or any pupil data."))
    assessed_on = forms.DateField(label=_("Assessed on"))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=SchoolAssessmentRecord.Outcome.choices,
                                widget=forms.RadioSelect)

    def __init__(self, *args, programme, **kwargs):
        from .models import Trainee

        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = Trainee.objects.filter(
            consortium_id=programme.consortium_id, programme=programme).select_related("user")
        self.fields["school"].queryset = schools_of(programme.consortium)
