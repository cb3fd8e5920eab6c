"""Forms of the joint-plan pages: a plan and its update cadence, a project (overview, ordered aims,
sponsoring lead, manager), a work stream with its cross-regional working group, a team member, a
milestone's dates, and closing a project. Published texts are asked for in English and Welsh
side by side (`<name>` and `<name>_cy`, see ui.forms); every save goes through
programmes.services.plans."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from consortia.models import Membership
from partnerships.models import Organisation, Partnership
from ui.forms import Form

from .forms import PersonChoiceField
from .models import ProjectStatus

User = get_user_model()


def people_of(consortium):
    """The consortium's active people, by name: whoever may be named on a project."""
    return User.objects.filter(pk__in=Membership.objects.filter(
        consortium=consortium, is_active=True).values("user_id")).order_by("full_name", "email")


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name()} ({obj.email})" if obj.full_name else obj.email


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class JointPlanForm(Form):
    partnership = forms.ModelChoiceField(label=_("Strategic partnership"), queryset=Partnership.objects.none())
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_cy = forms.CharField(label=_("Name (Welsh)"), max_length=200, required=False)
    update_every_days = forms.IntegerField(
        label=_("Progress update every (days)"), min_value=7, max_value=120, initial=30,
        help_text=_("How often each project's manager shares progress: between 7 and 120 days."))

    def __init__(self, *args, partnerships=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partnerships is None:
            del self.fields["partnership"]
        else:
            self.fields["partnership"].queryset = partnerships


class ProjectForm(Form):
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_cy = forms.CharField(label=_("Name (Welsh)"), max_length=200, required=False)
    overview = forms.CharField(label=_("Overview (English)"), widget=forms.Textarea(attrs={"rows": 5}))
    overview_cy = forms.CharField(label=_("Overview (Welsh)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    aims = forms.CharField(label=_("Aims (English)"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("One aim a line, in order."))
    aims_cy = forms.CharField(label=_("Aims (Welsh)"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("The same aims in the same order, one a line."))
    sponsor = PersonChoiceField(label=_("Sponsoring lead"), queryset=User.objects.none(), required=False)
    sponsor_organisation = forms.ModelChoiceField(label=_("Sponsor's consortium"), required=False,
                                                  queryset=Organisation.objects.none())
    manager = PersonChoiceField(label=_("Project manager"), queryset=User.objects.none(), required=False,
                                help_text=_("Reminded when the project's progress update is due."))

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sponsor"].queryset = self.fields["manager"].queryset = people_of(consortium)
        self.fields["sponsor_organisation"].queryset = Organisation.objects.for_consortium(consortium).order_by(
            "name")

    def clean(self):
        data = super().clean()
        english, welsh = lines(data.get("aims", "")), lines(data.get("aims_cy", ""))
        if welsh and len(welsh) != len(english):
            self.add_error("aims_cy", _("Give one Welsh aim for each English aim (%(count)s), or none.")
                           % {"count": len(english)})
            return data
        data["aim_pairs"] = [(text, welsh[n] if welsh else "") for n, text in enumerate(english)]
        return data


class WorkStreamForm(Form):
    name = forms.CharField(label=_("Work stream (English)"), max_length=200)
    name_cy = forms.CharField(label=_("Work stream (Welsh)"), max_length=200, required=False)
    members = PeopleChoiceField(label=_("Cross-regional working group"), queryset=User.objects.none(),
                                required=False, widget=forms.CheckboxSelectMultiple,
                                help_text=_("Each person is shown with the consortium they work for."))

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = people_of(consortium)


class ProjectMemberForm(Form):
    user = PersonChoiceField(label=_("Person"), queryset=User.objects.none())
    organisation = forms.ModelChoiceField(label=_("From (their consortium)"), required=False,
                                          queryset=Organisation.objects.none())
    work_stream = forms.ModelChoiceField(label=_("Working group"), required=False, queryset=None,
                                         help_text=_("Leave empty for the project team."))

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people_of(project.consortium)
        self.fields["organisation"].queryset = Organisation.objects.for_consortium(project.consortium).order_by(
            "name")
        self.fields["work_stream"].queryset = project.work_streams.order_by("name")


class MilestoneDatesForm(Form):
    forecast_on = forms.DateField(label=_("Forecast date"), required=False)
    actual_on = forms.DateField(label=_("Achieved on"), required=False)


class MilestoneForm(Form):
    name = forms.CharField(label=_("Milestone (English)"), max_length=200)
    name_cy = forms.CharField(label=_("Milestone (Welsh)"), max_length=200, required=False)
    baseline_on = forms.DateField(label=_("Baseline date"), help_text=_("The date agreed in the plan."))
    forecast_on = forms.DateField(label=_("Forecast date"), required=False)
    actual_on = forms.DateField(label=_("Achieved on"), required=False)


class ProjectCloseForm(Form):
    outcome = forms.ChoiceField(label=_("How did the project end?"), widget=forms.RadioSelect, choices=[
        (ProjectStatus.FINISHED, _("Finished")), (ProjectStatus.DISCONTINUED, _("Discontinued"))])
    on = forms.DateField(label=_("On"))
    reason = forms.CharField(label=_("Why"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Needed when the project was discontinued."))



