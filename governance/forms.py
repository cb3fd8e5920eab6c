import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia import dates
from partnerships.models import Organisation, PartnershipGroup, PartnershipMembership, PartnershipRole

from . import rules
from .models import Action, AgendaItem, Attendance, Decision, Declaration, Meeting, Nomination, Paper, Reply

User = get_user_model()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


def people_in(partnership):
    """People holding a current role in the partnership: the only ones who can chair, take notes or own actions."""
    return User.objects.filter(pk__in=PartnershipRole.objects.filter(
        consortium_id=partnership.consortium_id, partnership=partnership, ended_at__isnull=True,
    ).values("user_id")).order_by("full_name", "email")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        # A browser's date input reads only ISO dates: in the Welsh format it showed the date empty.
        super().__init__(attrs, format=format)


class TimeInput(forms.TimeInput):
    input_type = "time"


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    group = forms.ModelChoiceField(label=_("Group or committee"), queryset=PartnershipGroup.objects.none(),
                                   required=False, help_text=_("Leave empty for a meeting of the whole partnership."))
    date = forms.DateField(label=_("Date"), widget=DateInput, validators=[dates.MEETING])
    start_time = forms.TimeField(label=_("Starts (UK time)"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Ends (UK time)"), widget=TimeInput)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    online_link = forms.URLField(label=_("Online meeting link"), required=False, assume_scheme="https")
    chair = PersonChoiceField(label=_("Chair"), queryset=User.objects.none(), required=False,
                              help_text=_("Leave empty for the partnership's chair."))
    note_taker = PersonChoiceField(label=_("Note-taker"), queryset=User.objects.none(), required=False,
                                   help_text=_("Leave empty to take the next person in the rotation."))

    def __init__(self, *args, partnership, meeting=None, **kwargs):
        if meeting is not None and "initial" not in kwargs:
            starts, ends = timezone.localtime(meeting.starts_at, rules.LONDON), timezone.localtime(
                meeting.ends_at, rules.LONDON)
            kwargs["initial"] = {"title": meeting.title, "kind": meeting.kind, "group": meeting.group_id,
                                 "date": starts.date(), "start_time": starts.time(), "end_time": ends.time(),
                                 "venue": meeting.venue, "online_link": meeting.online_link,
                                 "chair": meeting.chair_id, "note_taker": meeting.note_taker_id}
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = PartnershipGroup.objects.filter(
            consortium_id=partnership.consortium_id, partnership=partnership)
        self.fields["chair"].queryset = self.fields["note_taker"].queryset = people_in(partnership)
        if meeting is not None and meeting.status == Meeting.Status.NOTICE_SENT:
            self.fields["late_reason"] = forms.CharField(
                label=_("Reason for short notice"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Needed only if the new time is closer than the partnership's notice period."))

    def clean(self):
        data = super().clean()
        if all(data.get(k) for k in ("date", "start_time", "end_time")):
            starts = dt.datetime.combine(data["date"], data["start_time"], tzinfo=rules.LONDON)
            ends = dt.datetime.combine(data["date"], data["end_time"], tzinfo=rules.LONDON)
            if ends <= starts:
                self.add_error("end_time", _("The meeting must end after it starts."))
            data["starts_at"], data["ends_at"] = starts, ends
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) for name in ("title", "kind", "group", "starts_at", "ends_at", "venue",
                                                  "online_link", "chair", "note_taker")}


class AgendaItemForm(forms.ModelForm):
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)

    class Meta:
        model = AgendaItem
        fields = ["title", "description", "owner", "minutes_allowed", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_in(meeting.partnership)
        self.fields["position"].required = False


class PaperForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False)
    file = forms.FileField(label=_("File"), help_text=_(
        "PDF, Word, Excel, PowerPoint, OpenDocument text, plain text, PNG or JPEG; up to 20 MB."))
    confidentiality = forms.ChoiceField(label=_("Who may see it"), choices=Paper.Confidentiality.choices,
                                        widget=forms.RadioSelect, initial=Paper.Confidentiality.MEMBERS)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Member organisations who may see it"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Only for a paper shared with named organisations."))
    no_pupil_data_confirmed = forms.BooleanField(
        label=_("I confirm this file holds no data about individual pupils"), required=True,
        help_text=_("Data on individual pupils is shared only live at meetings and never stored."))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(consortium_id=meeting.consortium_id,
                                                                        meeting=meeting)
        self.fields["organisations"].queryset = Organisation.objects.filter(
            consortium_id=meeting.consortium_id, pk__in=PartnershipMembership.objects.filter(
                consortium_id=meeting.consortium_id, partnership_id=meeting.partnership_id, left_on__isnull=True,
            ).values("organisation_id")).order_by("name")


class NoticeForm(forms.Form):
    late_reason = forms.CharField(label=_("Reason for short notice"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is the meeting cancelled?"), widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["response", "delegate_name", "note"]
        widgets = {"response": forms.RadioSelect}


class AttendanceForm(forms.Form):
    """One choice per invited person, and a few lines for delegates and guests."""

    GUEST_LINES = 3

    def __init__(self, *args, people, existing: dict, member_organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        for user in people:
            self.fields[f"person_{user.pk}"] = forms.ChoiceField(
                label=user.get_full_name(), choices=Attendance.Status.choices,
                initial=existing.get(user.pk, Attendance.Status.ABSENT))
        for n in range(self.GUEST_LINES):
            self.fields[f"guest_{n}_name"] = forms.CharField(
                label=_("Delegate or guest %(n)s: name") % {"n": n + 1}, required=False, max_length=200)
            self.fields[f"guest_{n}_organisation"] = forms.ModelChoiceField(
                label=_("Delegate or guest %(n)s: on behalf of") % {"n": n + 1}, queryset=member_organisations,
                required=False)

    def people_statuses(self) -> dict[int, str]:
        return {user.pk: self.cleaned_data[f"person_{user.pk}"] for user in self.people}

    def guests(self) -> list[dict]:
        return [{"name": self.cleaned_data[f"guest_{n}_name"],
                 "organisation": self.cleaned_data[f"guest_{n}_organisation"]} for n in range(self.GUEST_LINES)]


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["agenda_item", "kind", "interest"]
        widgets = {"interest": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(consortium_id=meeting.consortium_id,
                                                                        meeting=meeting)
        self.fields["agenda_item"].help_text = _("Leave empty for an interest in the meeting as a whole.")


class MinutesForm(forms.Form):
    body = forms.CharField(label=_("Notes of the meeting"), widget=forms.Textarea(attrs={"rows": 18}))


class ApproveForm(forms.Form):
    at_meeting = forms.ModelChoiceField(label=_("Approved at the meeting of"), queryset=Meeting.objects.none())

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["agenda_item", "text", "outcome", "vote_taken", "votes_for", "votes_against", "votes_abstaining"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(consortium_id=meeting.consortium_id,
                                                                        meeting=meeting)


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due"), widget=DateInput, validators=[dates.ACTION_DUE])

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_in(partnership)


class ActionStatusForm(forms.ModelForm):
    """The changes this person may make to an action, as `selectors.action_changes_allowed` has them."""

    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none())

    class Meta:
        model = Action
        fields = ["title", "owner", "status", "due_on"]
        widgets = {"due_on": DateInput}

    def __init__(self, *args, allowed: frozenset[str], **kwargs):
        super().__init__(*args, **kwargs)
        for name in set(self.fields) - allowed:
            del self.fields[name]
        if "owner" in self.fields:
            self.fields["owner"].queryset = people_in(self.instance.partnership)


class RotationForm(forms.Form):
    """An order number beside each person; the empty ones are not in the rotation."""

    def __init__(self, *args, partnership, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = list(people_in(partnership))
        for user in self.people:
            self.fields[f"person_{user.pk}"] = forms.IntegerField(
                label=user.get_full_name(), required=False, min_value=1, max_value=99,
                initial=current.get(user.pk))

    def ordered_people(self) -> list:
        chosen = [(self.cleaned_data[f"person_{u.pk}"], u.get_full_name(), u) for u in self.people
                  if self.cleaned_data.get(f"person_{u.pk}")]
        return [u for _n, _name, u in sorted(chosen, key=lambda c: (c[0], c[1]))]


class ElectionForm(forms.Form):
    term_months = forms.IntegerField(label=_("Term of office (months)"), min_value=1, max_value=120, initial=24)


class NominationForm(forms.Form):
    nominee = PersonChoiceField(label=_("Nominate"), queryset=User.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = candidates


class VoteForm(forms.Form):
    nomination = forms.ModelChoiceField(label=_("Your vote"), queryset=Nomination.objects.none(),
                                        widget=forms.RadioSelect, empty_label=None)

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = Nomination.objects.filter(
            consortium_id=election.consortium_id, election=election).select_related("nominee")
        self.fields["nomination"].label_from_instance = lambda n: n.nominee.get_full_name()


class StandingInterestForm(forms.Form):
    interest = forms.CharField(label=_("The interest"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Kind of interest"), choices=Declaration.Kind.choices)
    since = forms.DateField(label=_("Since"), widget=DateInput, required=False, validators=[dates.INTEREST])


class ConfirmInterestsForm(forms.Form):
    nothing_to_declare = forms.BooleanField(label=_("I have nothing to declare"), required=False)


class PostponeForm(forms.Form):
    not_before = forms.DateTimeField(label=_("Send after (UK time)"),
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                     input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                     validators=[dates.POSTPONEMENT])

    def clean_not_before(self):
        value = self.cleaned_data["not_before"]
        if timezone.is_naive(value):
            value = value.replace(tzinfo=rules.LONDON)
        return value
