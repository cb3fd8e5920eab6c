"""The programmes pages' forms. Each hands its cleaned data to a service, which validates again."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia import roles
from finance.forms import MoneyField
from partnerships.models import Organisation, Partnership
from ui.forms import Form

from . import reasons, rules
from .models import (
    AssessmentAttempt,
    Attendance,
    CoachingCycle,
    Course,
    Enrolment,
    EnrolmentStatusChange,
    Event,
    FacilitationAssignment,
    FacilitationRecord,
    ParticipantRole,
    Programme,
    StaffingChange,
    TrainingDay,
)

User = get_user_model()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name()} ({obj.email})" if obj.full_name else obj.email


class EnrolmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.user.get_full_name()} – {obj.get_role_display()} ({obj.cohort.display_name()})"


def schools_of(consortium, *, trusts: bool = False):
    kinds = ["school", "trust"] if trusts else ["school"]
    return Organisation.objects.for_consortium(consortium).filter(kind__in=kinds).order_by("name")


def _combine(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=rules.LONDON)


class ProgrammeForm(Form):
    kind = forms.ChoiceField(label=_("Kind of programme"), choices=Programme.Kind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name"), max_length=200)
    name_cy = forms.CharField(label=_("Name in Welsh"), max_length=200, required=False)
    partnership = forms.ModelChoiceField(label=_("Delivering partnership"), queryset=Partnership.objects.none())
    lead_provider = forms.ModelChoiceField(label=_("Lead provider"), queryset=Organisation.objects.none(),
                                           required=False)
    jurisdiction = forms.ChoiceField(label=_("Rules of"), choices=Programme._meta.get_field("jurisdiction").choices,
                                     widget=forms.RadioSelect)
    engagement_threshold = forms.IntegerField(
        label=_("Engagement threshold (%)"), min_value=1, max_value=100, required=False,
        help_text=_("Leave empty for the usual threshold: NPQs 90%, the ECT programme 75%."))
    agreement = forms.ModelChoiceField(label=_("Programme agreement"), queryset=None, required=False,
                                       help_text=_("Participants, their schools and visiting fellows accept it."))

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        from agreements.models import AgreementTemplate

        self.fields["partnership"].queryset = Partnership.objects.for_consortium(consortium).order_by("name")
        self.fields["lead_provider"].queryset = Organisation.objects.for_consortium(consortium).order_by("name")
        self.fields["agreement"].queryset = AgreementTemplate.objects.for_consortium(consortium).order_by("title")


class CohortForm(Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_cy = forms.CharField(label=_("Name in Welsh"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("Starts"))
    course = forms.ModelChoiceField(label=_("NPQ course"), queryset=Course.objects.none(), required=False,
                                    help_text=_("For an NPQ cohort: its course group sets the completion window, "
                                                "12 months for specialist NPQs and 18 for leadership."))

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        if programme.is_npq:
            self.fields["course"].queryset = Course.objects.filter(
                consortium_id=programme.consortium_id).order_by("group", "name")
            self.fields["course"].required = True
        else:
            del self.fields["course"]


class RoleGrantForm(Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False,
                                help_text=_("For someone new to the consortium."))
    role = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect, choices=[
        (roles.PROGRAMME_LEAD.code, roles.PROGRAMME_LEAD.label),
        (roles.INDUCTION_TUTOR.code, roles.INDUCTION_TUTOR.label),
        (roles.VISITING_FELLOW.code, roles.VISITING_FELLOW.label)])
    organisation = forms.ModelChoiceField(label=_("School (for an induction tutor)"), queryset=None,
                                          required=False)
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=None, required=False,
                                    help_text=_("Leave empty for the whole programme."))

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = schools_of(programme.consortium)
        self.fields["cohort"].queryset = programme.cohorts.order_by("-starts_on")


class EnrolForm(Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    started_on = forms.DateField(label=_("Starts"), required=False,
                                 help_text=_("Leave empty for the cohort's start (or today, if later)."))
    mentor = EnrolmentChoiceField(label=_("Mentor (for an ECT)"), queryset=Enrolment.objects.none(), required=False)

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        from .services.enrolments import ROLES_FOR

        allowed = ROLES_FOR[cohort.programme.kind]
        self.fields["role"].choices = [c for c in ParticipantRole.choices if c[0] in allowed]
        self.fields["school"].queryset = schools_of(cohort.consortium, trusts=cohort.programme.is_npq)
        if cohort.programme.kind == Programme.Kind.ECT:
            self.fields["mentor"].queryset = Enrolment.objects.filter(
                consortium_id=cohort.consortium_id, cohort__programme=cohort.programme, role="mentor",
            ).select_related("user", "cohort")
        else:
            del self.fields["mentor"]


class StatusChangeForm(Form):
    kind = forms.ChoiceField(label=_("What has changed"), widget=forms.RadioSelect, choices=[
        (k, label) for k, label in EnrolmentStatusChange.Kind.choices if k != "enrolled"])
    effective_on = forms.DateField(label=_("From"))
    reason = forms.ChoiceField(label=_("Reason"), required=False)
    school = forms.ModelChoiceField(label=_("New school or employer"), queryset=None, required=False,
                                    help_text=_("For a transfer or a change of employer."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=2000)

    def __init__(self, *args, enrolment: Enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        programme = enrolment.cohort.programme
        options = {}
        for kind in ("deferred", "withdrawn", "transferred"):
            for code, label in reasons.for_change(kind=kind, programme_kind=programme.kind, role=enrolment.role):
                options.setdefault(code, label)
        self.fields["reason"].choices = [("", _("Choose a reason")), *options.items()]
        self.fields["school"].queryset = schools_of(programme.consortium, trusts=True)
        if not programme.is_npq:
            self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0] != "changed_employer"]


class MentorForm(Form):
    mentor = EnrolmentChoiceField(label=_("Mentor"), queryset=Enrolment.objects.none())
    started_on = forms.DateField(label=_("From"), initial=timezone.localdate)

    def __init__(self, *args, enrolment: Enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = Enrolment.objects.filter(
            consortium_id=enrolment.consortium_id, cohort__programme_id=enrolment.cohort.programme_id,
            role="mentor").select_related("user", "cohort")


class SchoolAddForm(Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    started_on = forms.DateField(label=_("From"), initial=timezone.localdate)

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_of(consortium)


class EventForm(Form):
    kind = forms.ChoiceField(label=_("Kind of event"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    title_cy = forms.CharField(label=_("Title in Welsh"), max_length=200, required=False)
    audience = forms.ChoiceField(label=_("For"), choices=Event.Audience.choices, widget=forms.RadioSelect,
                                 initial=Event.Audience.EVERYONE)
    date = forms.DateField(label=_("Date"))
    start_time = forms.TimeField(label=_("Starts (UK time)"), help_text=_("For example, 16:00"))
    end_time = forms.TimeField(label=_("Ends (UK time)"), help_text=_("For example, 17:30"))
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False,
                            help_text=_("For a face-to-face event."))
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https",
                                 help_text=_("For an online event."))
    counts_for_engagement = forms.BooleanField(label=_("Counts toward engagement"), required=False, initial=True)
    recording_url = forms.URLField(label=_("Recording link"), required=False, assume_scheme="https",
                                   help_text=_("Once the event has been held, for anyone catching up."))
    content_url = forms.URLField(label=_("Session content link (for facilitators)"), required=False,
                                 assume_scheme="https",
                                 help_text=_("Released to visiting fellows three weeks before the event."))

    def __init__(self, *args, event: Event | None = None, **kwargs):
        if event is not None and "initial" not in kwargs:
            starts, ends = (timezone.localtime(event.starts_at, rules.LONDON),
                            timezone.localtime(event.ends_at, rules.LONDON))
            kwargs["initial"] = {
                "kind": event.kind, "title": event.title, "title_cy": event.title_cy, "audience": event.audience,
                "date": starts.date(), "start_time": starts.time(), "end_time": ends.time(), "venue": event.venue,
                "online_link": event.online_link, "counts_for_engagement": event.counts_for_engagement,
                "recording_url": event.recording_url, "content_url": event.content_url}
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if all(data.get(k) for k in ("date", "start_time", "end_time")):
            data["starts_at"] = _combine(data["date"], data["start_time"])
            data["ends_at"] = _combine(data["date"], data["end_time"])
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", _("The event must end after it starts."))
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) for name in ("kind", "title", "title_cy", "audience", "starts_at", "ends_at",
                                                  "venue", "online_link", "counts_for_engagement", "recording_url",
                                                  "content_url")}


class AttendanceReportForm(Form):
    file = forms.FileField(label=_("Attendance report (CSV)"),
                           help_text=_("From Microsoft Teams (Attendance, Download) or Zoom (Reports, Usage, "
                                       "Participants, Export). People are matched by email address."))


class CatchUpForm(Form):
    note = forms.CharField(label=_("What did you do to catch up?"), widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=2000, help_text=_("For example: watched the whole recording and completed "
                                                        "the workbook activities."))
    confirm = forms.BooleanField(label=_("I watched the recording and completed the associated activities"))


class FeedbackForm(Form):
    rating = forms.TypedChoiceField(label=_("How would you rate this event?"), coerce=int, widget=forms.RadioSelect,
                                    choices=[(5, _("5 – Excellent")), (4, _("4 – Good")), (3, _("3 – Satisfactory")),
                                             (2, _("2 – Poor")), (1, _("1 – Very poor"))])
    comment = forms.CharField(label=_("Comments (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))


class StaffingChangeForm(Form):
    kind = forms.ChoiceField(label=_("What is changing?"), choices=StaffingChange.Kind.choices,
                             widget=forms.RadioSelect)
    enrolment = EnrolmentChoiceField(label=_("Who is it about?"), queryset=Enrolment.objects.none(), required=False,
                                     help_text=_("Not needed for someone joining."))
    effective_on = forms.DateField(label=_("From"))
    returns_on = forms.DateField(label=_("Expected back (for a leave of absence)"), required=False)
    school = forms.ModelChoiceField(label=_("School (for someone joining)"), queryset=None, required=False)
    person_name = forms.CharField(label=_("Name (of someone joining, or the new mentor)"), max_length=200,
                                  required=False)
    person_email = forms.EmailField(label=_("Their email address"), required=False)
    note = forms.CharField(label=_("Anything else the hub should know"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, enrolments, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments
        self.fields["school"].queryset = schools_of(consortium, trusts=True)


class StaffingActForm(Form):
    action = forms.ChoiceField(label=_("What will you do?"), widget=forms.RadioSelect, choices=[
        ("defer", _("Defer them")), ("resume", _("Record their return")), ("withdraw", _("Withdraw them")),
        ("transfer", _("Move them to another school")), ("mentor", _("Give the ECT a new mentor")),
        ("enrol", _("Enrol the person joining")), ("dismiss", _("No change needed"))])
    reason = forms.ChoiceField(label=_("Reason"), required=False)
    school = forms.ModelChoiceField(label=_("School"), queryset=None, required=False)
    mentor = EnrolmentChoiceField(label=_("New mentor"), queryset=Enrolment.objects.none(), required=False)
    cohort = forms.ModelChoiceField(label=_("Cohort (to enrol someone)"), queryset=None, required=False)
    role = forms.ChoiceField(label=_("Role (to enrol someone)"), choices=[("", "")] + list(ParticipantRole.choices),
                             required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, change: StaffingChange, **kwargs):
        super().__init__(*args, **kwargs)
        programme = change.programme
        options = {}
        for kind in ("deferred", "withdrawn", "transferred"):
            role = change.enrolment.role if change.enrolment else "ect"
            for code, label in reasons.for_change(kind=kind, programme_kind=programme.kind, role=role):
                options.setdefault(code, label)
        self.fields["reason"].choices = [("", _("Choose a reason")), *options.items()]
        self.fields["school"].queryset = schools_of(programme.consortium, trusts=True)
        self.fields["mentor"].queryset = Enrolment.objects.filter(
            consortium_id=programme.consortium_id, cohort__programme=programme, role="mentor").select_related(
            "user", "cohort")
        self.fields["cohort"].queryset = programme.cohorts.order_by("-starts_on")


class CoachingForm(Form):
    week_starting = forms.DateField(label=_("Week beginning"), initial=lambda: timezone.localdate())
    focus = forms.ChoiceField(label=_("Focus"), choices=CoachingCycle.Focus.choices)
    action_step_set = forms.BooleanField(label=_("An action step was set"), required=False)
    completed = forms.BooleanField(label=_("The cycle was completed"), required=False)


class AssessmentWindowForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    opens_on = forms.DateField(label=_("Opens"))
    closes_on = forms.DateField(label=_("Closes"))


class AssessmentRegisterForm(Form):
    window = forms.ModelChoiceField(label=_("Assessment window"), queryset=None)

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = enrolment.cohort.assessment_windows.order_by("opens_on")


class AssessmentOutcomeForm(Form):
    state = forms.ChoiceField(label=_("Record"), widget=forms.RadioSelect, choices=[
        (s, label) for s, label in AssessmentAttempt.State.choices if s != "registered"])
    on = forms.DateField(label=_("Date"), initial=timezone.localdate)


class AssignForm(Form):
    fellow = PersonChoiceField(label=_("Visiting fellow"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("As"), choices=FacilitationAssignment.Role.choices, widget=forms.RadioSelect,
                             initial=FacilitationAssignment.Role.FACILITATOR)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ProgrammeRole

        self.fields["fellow"].queryset = User.objects.filter(pk__in=ProgrammeRole.objects.filter(
            consortium_id=event.consortium_id, programme_id=event.cohort.programme_id, role="visiting_fellow",
            ended_at__isnull=True).values("user_id")).order_by("full_name", "email")


class BriefingForm(Form):
    date = forms.DateField(label=_("Date"), help_text=_("One to two weeks before the session."))
    start_time = forms.TimeField(label=_("Starts (UK time)"))
    duration_minutes = forms.IntegerField(label=_("Length in minutes"), min_value=1,
                                          help_text=_("At most %(max)s minutes.") % {"max": rules.BRIEFING_MAX_MINUTES})
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start_time"):
            data["starts_at"] = _combine(data["date"], data["start_time"])
        return data


class ObservationForm(Form):
    observed_on = forms.DateField(label=_("Observed on"), initial=timezone.localdate)
    feedback = forms.CharField(label=_("Feedback for the fellow"), max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 5}))


class FellowFeedbackForm(Form):
    text = forms.CharField(label=_("Your feedback on the session"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 5}))


class TrainingDayForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    on = forms.DateField(label=_("Date"))
    half_days = forms.TypedChoiceField(label=_("Length"), coerce=int, choices=TrainingDay._meta.get_field(
        "half_days").choices, widget=forms.RadioSelect, initial=2)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")


ATTENDANCE_STATES = [(s, label) for s, label in Attendance.State.choices if s in ("attended", "apologised", "absent")]


class FacilitationPaymentForm(Form):
    records = forms.ModelMultipleChoiceField(label=_("Records to pay"), queryset=FacilitationRecord.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)
    budget = forms.ModelChoiceField(label=_("Pay from the budget"), queryset=None)
    hourly_rate_pence = MoneyField(label=_("Hourly rate (£)"),
                                   help_text=_("The amount is the records' hours at this rate, to the penny."))
    invoice_ref = forms.CharField(label=_("Invoice or claim reference"), max_length=100, required=False)

    def __init__(self, *args, programme, records, **kwargs):
        from finance.models import Budget

        super().__init__(*args, **kwargs)
        self.fields["records"].queryset = records
        self.fields["records"].label_from_instance = lambda r: _("%(date)s – %(kind)s – %(fellow)s – %(hours)s h") % {
            "date": r.on.strftime("%d/%m/%Y"), "kind": r.get_kind_display(),
            "fellow": r.fellow.full_name or r.fellow.email, "hours": r.hours}
        self.fields["budget"].queryset = Budget.objects.filter(
            consortium_id=programme.consortium_id, partnership_id=programme.partnership_id).order_by("-year")
        if not self.is_bound:
            self.initial["records"] = list(records)
            budgets = list(self.fields["budget"].queryset[:2])
            if len(budgets) == 1:
                self.initial["budget"] = budgets[0]
