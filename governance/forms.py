"""Governance forms. Every one derives from `ui.forms`, so it renders as GOV.UK markup; a text people
write in both languages is a pair of fields, `x` and `x_cy`, that the renderer puts side by side."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia import dates
from partnerships.models import Organisation, PartnershipGroup, PartnershipMembership, PartnershipRole
from ui import forms as ui

from . import rules
from .models import Action, AgendaItem, Attendance, Decision, Declaration, Meeting, Nomination, Paper, Reply

User = get_user_model()

ENGLISH = {"lang": "en"}
WELSH = {"lang": "cy"}


def english_text(label, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.TextInput(attrs=ENGLISH), **kwargs)


def welsh_text(label, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.TextInput(attrs=WELSH), **kwargs)


def english_area(label, rows: int = 3, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows, **ENGLISH}), **kwargs)


def welsh_area(label, rows: int = 3, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows, **WELSH}),
                           **kwargs)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


def people_in(partnership):
    """People holding a current role in the partnership: the only ones who can chair, take notes or own actions."""
    return User.objects.filter(pk__in=PartnershipRole.objects.filter(
        consortium_id=partnership.consortium_id, partnership=partnership, ended_at__isnull=True,
    ).values("user_id")).order_by("full_name", "email")


class MeetingForm(ui.Form):
    # The service speaks of starts_at and ends_at; the person typed a date and times.
    service_fields_map = {"starts_at": "date", "ends_at": "end_time"}
    title = english_text(_("Title (English)"), max_length=200)
    title_cy = welsh_text(_("Title (Welsh)"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices, widget=forms.RadioSelect,
                             initial=Meeting.Kind.STRATEGIC,
                             help_text=_("Strategic meetings count towards the partnership's minimum a year."))
    group = forms.ModelChoiceField(label=_("Group or committee"), queryset=PartnershipGroup.objects.none(),
                                   required=False, help_text=_("Leave empty for a meeting of the whole partnership."))
    date = forms.DateField(label=_("Date"), help_text=_("For example, 27 3 2027"), validators=[dates.MEETING])
    start_time = forms.TimeField(label=_("Starts (UK time)"), help_text=_("24-hour, for example 16:00"))
    end_time = forms.TimeField(label=_("Ends (UK time)"), help_text=_("24-hour, for example 17:30"))
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
            kwargs["initial"] = {"title": meeting.title, "title_cy": meeting.title_cy, "kind": meeting.kind,
                                 "group": meeting.group_id,
                                 "date": starts.date(), "start_time": starts.time(), "end_time": ends.time(),
                                 "venue": meeting.venue, "online_link": meeting.online_link,
                                 "chair": meeting.chair_id, "note_taker": meeting.note_taker_id}
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = PartnershipGroup.objects.filter(
            consortium_id=partnership.consortium_id, partnership=partnership)
        self.fields["chair"].queryset = self.fields["note_taker"].queryset = people_in(partnership)
        self.fields["group"].empty_label = _("The whole partnership")
        self.fields["chair"].empty_label = _("The partnership's chair")
        self.fields["note_taker"].empty_label = _("The next in the rotation")
        if not self.fields["group"].queryset.exists():
            del self.fields["group"]
        for name in ("start_time", "end_time"):
            self.fields[name].widget.attrs["class"] = "govuk-input--width-5"
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
        return {name: data.get(name) for name in ("title", "title_cy", "kind", "group", "starts_at", "ends_at",
                                                  "venue", "online_link", "chair", "note_taker")}


class MeetingRecordForm(MeetingForm):
    """Record a meeting that took place: its details, the agenda it followed, its notice and who attended."""

    agenda = english_area(_("Agenda items (English)"), rows=5, required=False,
                          help_text=_("One item per line, in order."))
    agenda_cy = welsh_area(_("Agenda items (Welsh)"), rows=5,
                           help_text=_("One item per line, in the same order as the English."))
    notice_sent_on = forms.DateField(label=_("Date the notice was sent"), required=False,
                                     help_text=_("If you know it. Leave empty if the notice was not recorded."))

    def __init__(self, *args, partnership, people, existing: dict | None = None, member_organisations=None,
                 **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.people = people
        for user in people:
            field = forms.ChoiceField(label=user.get_full_name(), choices=Attendance.Status.choices,
                                      widget=forms.RadioSelect,
                                      initial=(existing or {}).get(user.pk, Attendance.Status.PRESENT))
            field.inline_radios = True
            self.fields[f"person_{user.pk}"] = field
        _add_guest_fields(self, member_organisations)

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data["starts_at"] > timezone.now():
            self.add_error("date", _("That meeting has not happened yet. Plan it instead, and send its notice."))
        english = [line.strip() for line in (data.get("agenda") or "").splitlines() if line.strip()]
        welsh = [line.strip() for line in (data.get("agenda_cy") or "").splitlines() if line.strip()]
        if welsh and len(welsh) != len(english):
            self.add_error("agenda_cy", _("Give one Welsh line for each English item, in the same order."))
        data["agenda_items"] = [{"title": title, "title_cy": welsh[n] if welsh else ""}
                                for n, title in enumerate(english)]
        return data

    def people_statuses(self) -> dict[int, str]:
        return {user.pk: self.cleaned_data[f"person_{user.pk}"] for user in self.people}

    def guests(self) -> list[dict]:
        return _guests(self)

    def sections(self) -> list[tuple]:
        """The form in the order a clerk fills it in, each part under its own heading."""
        details = [self[name] for name in ("title", "title_cy", "kind", "group", "date", "start_time", "end_time",
                                            "venue", "online_link", "chair", "note_taker") if name in self.fields]
        return [(_("The meeting"), details), (_("Its agenda"), [self["agenda"], self["agenda_cy"]]),
                (_("Its notice"), [self["notice_sent_on"]]), *_attendance_sections(self)]


GUEST_LINES = 3


def _attendance_sections(form) -> list[tuple]:
    return [(_("Who attended"), [form[f"person_{user.pk}"] for user in form.people]),
            (_("Delegates and guests"), [form[name] for name in form.fields if name.startswith("guest_")])]


def _add_guest_fields(form, member_organisations) -> None:
    for n in range(GUEST_LINES):
        form.fields[f"guest_{n}_name"] = forms.CharField(
            label=_("Delegate or guest %(n)s: name") % {"n": n + 1}, required=False, max_length=200)
        form.fields[f"guest_{n}_organisation"] = forms.ModelChoiceField(
            label=_("Delegate or guest %(n)s: on behalf of") % {"n": n + 1},
            queryset=member_organisations if member_organisations is not None else Organisation.objects.none(),
            required=False, empty_label=_("No member organisation (a guest)"))


def _guests(form) -> list[dict]:
    return [{"name": form.cleaned_data[f"guest_{n}_name"],
             "organisation": form.cleaned_data[f"guest_{n}_organisation"]} for n in range(GUEST_LINES)]


class AgendaItemForm(ui.ModelForm):
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    title = english_text(_("Title (English)"), max_length=300)
    title_cy = welsh_text(_("Title (Welsh)"), max_length=300)
    description = english_area(_("Description (English)"), required=False)
    description_cy = welsh_area(_("Description (Welsh)"))

    class Meta:
        model = AgendaItem
        fields = ["title", "title_cy", "description", "description_cy", "owner", "minutes_allowed", "position"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_in(meeting.partnership)
        self.fields["owner"].empty_label = _("No one in particular")
        self.fields["position"].required = False


class PaperForm(ui.Form):
    title = forms.CharField(label=_("Title"), max_length=300, widget=forms.TextInput(attrs=ENGLISH))
    title_cy = welsh_text(_("Title (Welsh)"), max_length=300)
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
        self.fields["agenda_item"].empty_label = _("None: a paper for the whole meeting")
        self.fields["organisations"].queryset = Organisation.objects.filter(
            consortium_id=meeting.consortium_id, pk__in=PartnershipMembership.objects.filter(
                consortium_id=meeting.consortium_id, partnership_id=meeting.partnership_id, left_on__isnull=True,
            ).values("organisation_id")).order_by("name")


class NoticeForm(ui.Form):
    message = english_area(_("Message with the notice (English)"), rows=4, required=False,
                           help_text=_("It appears above the agenda in every notice."))
    message_cy = welsh_area(_("Message with the notice (Welsh)"), rows=4)
    late_reason = english_area(_("Reason for short notice (English)"), required=False)
    late_reason_cy = welsh_area(_("Reason for short notice (Welsh)"))

    def __init__(self, *args, late: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not late:
            del self.fields["late_reason"], self.fields["late_reason_cy"]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) or "" for name in ("message", "message_cy", "late_reason", "late_reason_cy")}


class CancelForm(ui.Form):
    reason = english_area(_("Why is the meeting cancelled?"))
    reason_cy = welsh_area(_("Why is the meeting cancelled? (Welsh)"),
                           help_text=_("Sent with the cancellation to those who read Welsh."))


class ReplyForm(ui.Form):
    """The head's main job: one radios question, with no blank choice, then a delegate's name if needed."""

    response = forms.ChoiceField(label=_("Will you attend?"), choices=Reply.Response.choices,
                                 widget=forms.RadioSelect, error_messages={"required": _("Choose your reply.")})
    delegate_name = forms.CharField(label=_("Name of the person coming in your place"), required=False,
                                    max_length=200, help_text=_("Only if you are sending a delegate."))
    note = forms.CharField(label=_("Note to the chair and clerk"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {"response": instance.response, "delegate_name": instance.delegate_name,
                                 "note": instance.note}
        super().__init__(*args, **kwargs)


class AttendanceForm(ui.Form):
    """One choice per invited person, and a few lines for delegates and guests."""

    def __init__(self, *args, people, existing: dict, member_organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        for user in people:
            field = forms.ChoiceField(label=user.get_full_name(), choices=Attendance.Status.choices,
                                      widget=forms.RadioSelect,
                                      initial=existing.get(user.pk, Attendance.Status.ABSENT))
            field.inline_radios = True
            self.fields[f"person_{user.pk}"] = field
        _add_guest_fields(self, member_organisations)

    def people_statuses(self) -> dict[int, str]:
        return {user.pk: self.cleaned_data[f"person_{user.pk}"] for user in self.people}

    def guests(self) -> list[dict]:
        return _guests(self)

    def sections(self) -> list[tuple]:
        return _attendance_sections(self)


ORGANISATION_HINT = _("If the interest concerns one organisation (a school, trust or supplier), choose it: you "
                      "will not be asked to approve charges or payments to it.")


def _organisations(consortium_id):
    return Organisation.objects.filter(consortium_id=consortium_id).order_by("name")


class DeclarationForm(ui.ModelForm):
    class Meta:
        model = Declaration
        fields = ["agenda_item", "kind", "interest", "organisation"]
        widgets = {"interest": forms.Textarea(attrs={"rows": 3}), "kind": forms.RadioSelect}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(consortium_id=meeting.consortium_id,
                                                                        meeting=meeting)
        self.fields["agenda_item"].empty_label = _("The whole meeting")
        self.fields["organisation"].queryset = _organisations(meeting.consortium_id)
        self.fields["organisation"].help_text = ORGANISATION_HINT


class MinutesForm(ui.Form):
    body = english_area(_("Notes of the meeting (English)"), rows=18)
    body_cy = welsh_area(_("Notes of the meeting (Welsh)"), rows=18,
                         help_text=_("Welsh readers and the Welsh PDF get these; without them, the English."))


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        from django.utils.formats import date_format

        when = date_format(timezone.localtime(obj.starts_at, rules.LONDON), "l j F Y")
        return f"{obj.display_title}, {when}"


class ApproveForm(ui.Form):
    at_meeting = MeetingChoiceField(label=_("Approved at the meeting of"), queryset=Meeting.objects.none(),
                                    widget=forms.RadioSelect, empty_label=None,
                                    help_text=_("A later meeting of the partnership that has been held."))

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings


class DecisionForm(ui.ModelForm):
    text = english_area(_("Decision (English)"))
    text_cy = welsh_area(_("Decision (Welsh)"))

    class Meta:
        model = Decision
        fields = ["agenda_item", "text", "text_cy", "outcome", "vote_taken", "votes_for", "votes_against",
                  "votes_abstaining"]
        widgets = {"outcome": forms.RadioSelect}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(consortium_id=meeting.consortium_id,
                                                                        meeting=meeting)
        self.fields["agenda_item"].empty_label = _("Not about one item")


class ActionForm(ui.Form):
    title = english_text(_("Action (English)"), max_length=300)
    title_cy = welsh_text(_("Action (Welsh)"), max_length=300)
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due"), validators=[dates.ACTION_DUE])

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_in(partnership)


class ActionStatusForm(ui.ModelForm):
    """The changes this person may make to an action, as `selectors.action_changes_allowed` has them."""

    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none())

    class Meta:
        model = Action
        fields = ["title", "title_cy", "owner", "status", "due_on"]
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, allowed: frozenset[str], **kwargs):
        super().__init__(*args, **kwargs)
        for name in set(self.fields) - allowed:
            del self.fields[name]
        if "owner" in self.fields:
            self.fields["owner"].queryset = people_in(self.instance.partnership)


class RotationForm(ui.Form):
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


class ElectionForm(ui.Form):
    term_months = forms.IntegerField(label=_("Term of office (months)"), min_value=1, max_value=120, initial=24)


class NominationForm(ui.Form):
    nominee = PersonChoiceField(label=_("Nominate"), queryset=User.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = candidates


class VoteForm(ui.Form):
    nomination = forms.ModelChoiceField(label=_("Your vote"), queryset=Nomination.objects.none(),
                                        widget=forms.RadioSelect, empty_label=None)

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = Nomination.objects.filter(
            consortium_id=election.consortium_id, election=election).select_related("nominee")
        self.fields["nomination"].label_from_instance = lambda n: n.nominee.get_full_name()


class StandingInterestForm(ui.Form):
    interest = forms.CharField(label=_("The interest"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Kind of interest"), choices=Declaration.Kind.choices, widget=forms.RadioSelect,
                             initial=Declaration.Kind.PECUNIARY)
    since = forms.DateField(label=_("Since"), required=False, validators=[dates.INTEREST])
    organisation = forms.ModelChoiceField(label=_("Organisation concerned"), queryset=None, required=False,
                                          help_text=ORGANISATION_HINT)

    def __init__(self, *args, consortium=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(consortium.pk if consortium else None)


class ConfirmInterestsForm(ui.Form):
    nothing_to_declare = forms.BooleanField(label=_("I have nothing to declare"), required=False)


class PostponeForm(ui.Form):
    not_before = forms.DateTimeField(label=_("Send after (UK time)"),
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                     input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                     validators=[dates.POSTPONEMENT])

    def clean_not_before(self):
        value = self.cleaned_data["not_before"]
        if timezone.is_naive(value):
            value = value.replace(tzinfo=rules.LONDON)
        return value
