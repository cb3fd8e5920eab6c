"""Visiting fellows' pages: the programme's fellows against the expectations, training days,
facilitation records (with their export), and each facilitation assignment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import rules, services
from ..forms import FacilitationPaymentForm, FellowFeedbackForm, ObservationForm, TrainingDayForm
from ..models import (
    BriefingAttendance,
    FacilitationAssignment,
    FacilitationRecord,
    FacilitatorBriefing,
    ProgrammeRole,
    TrainingAttendance,
    TrainingDay,
)
from ..selectors import events as event_selectors
from ..selectors import programmes as selectors
from . import common
from .common import RUN, VIEW

EXPORT_COLUMNS = ["record", "fellow_email", "fellow_name", "employer", "employer_code", "kind", "date", "minutes",
                  "hours", "state", "payment", "programme", "about"]


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else rules.academic_year_of(
        timezone.localdate())


@requires(VIEW)
def fellows_overview(request, consortium_slug, pk):
    programme = common.programme(request, pk, RUN)
    year = _year(request)
    records = selectors.facilitation_records(programme)
    state = request.GET.get("state", "")
    if state in FacilitationRecord.State.values:
        records = records.filter(state=state)
    if request.GET.get("format") in ("csv", "xlsx"):
        return _export(programme, records, request.GET["format"])
    return render(request, "programmes/fellows.html", {
        "programme": programme, "year": year, "year_label": rules.academic_year_label(year),
        "fellows": selectors.fellows_overview(programme, year), "expected_days": rules.TRAINING_HALF_DAYS_EXPECTED // 2,
        "training_days": list(selectors.training_days(programme)[:20]), "state": state,
        "records": Paginator(records, 50).get_page(request.GET.get("page")),
        "states": FacilitationRecord.State.choices,
        "by_facilitator": event_selectors.feedback_by_facilitator(programme),
    })


def _about(record: FacilitationRecord) -> str:
    if record.assignment_id:
        return record.assignment.event.title
    if record.briefing_id:
        return record.briefing.event.title
    return record.training_day.title


def _export(programme, records, fmt: str):
    """Through consortia.spreadsheets, so a name or title that starts like a formula stays text."""
    from consortia import spreadsheets

    rows = [[r.pk, r.fellow.email, r.fellow.full_name, r.employer.name if r.employer_id else "",
             r.employer.school_code if r.employer_id else "", r.kind, r.on.isoformat(), r.minutes, r.hours,
             r.state, r.payment.reference if r.payment_id else "", programme.name, _about(r)] for r in records]
    name = f"facilitation-records-{programme.pk}"
    if fmt == "csv":
        return spreadsheets.csv_response(name, EXPORT_COLUMNS, rows)
    return spreadsheets.xlsx_response(name, _("Facilitation records"), EXPORT_COLUMNS, rows)


@requires(VIEW)
@require_POST
def record_decide(request, consortium_slug, pk):
    record = get_for_consortium(FacilitationRecord, request.consortium, pk=pk)
    common.require(request, RUN, record.programme_id)
    try:
        services.facilitation_record_decide(record=record, by=request.user,
                                            approve=request.POST.get("decision") == "approve")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The record is updated."))
    return redirect("programme_fellows", consortium_slug=consortium_slug, pk=record.programme_id)


@requires(VIEW)
def training_day_create(request, consortium_slug, pk):
    programme = common.programme(request, pk, RUN)
    form = TrainingDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = {}
        if common.run(form, lambda: result.update(day=services.training_day_save(programme=programme,
                                                                                **form.cleaned_data))):
            messages.success(request, _("The training day is saved."))
            return redirect("programme_training_day", consortium_slug=consortium_slug, pk=result["day"].pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("New training day"), "programme": programme, "submit": _("Save")}, form)


def _fellows_of(programme):
    return [role.user for role in ProgrammeRole.objects.filter(
        consortium_id=programme.consortium_id, programme=programme, role="visiting_fellow", ended_at__isnull=True)
        .select_related("user").order_by("user__full_name", "user__email")]


@requires(VIEW)
def training_day_detail(request, consortium_slug, pk):
    day = get_for_consortium(TrainingDay.objects.select_related("programme"), request.consortium, pk=pk)
    common.require(request, RUN, day.programme_id)
    fellows = _fellows_of(day.programme)
    if request.method == "POST":
        fellow = next((f for f in fellows if str(f.pk) == request.POST.get("fellow")), None)
        if fellow is None:
            messages.error(request, _("Choose a visiting fellow of this programme."))
        else:
            try:
                services.training_attendance_record(training_day=day, fellow=fellow, by=request.user,
                                                    attended=request.POST.get("attended") == "yes")
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        return redirect("programme_training_day", consortium_slug=consortium_slug, pk=day.pk)
    marks = {a.fellow_id: a.attended for a in TrainingAttendance.objects.filter(consortium_id=day.consortium_id,
                                                                                training_day=day)}
    return render(request, "programmes/training_day.html", {
        "day": day, "programme": day.programme, "rows": [(f, marks.get(f.pk)) for f in fellows],
        "open": day.on <= timezone.localdate()})


@requires(VIEW)
def briefing_attendance(request, consortium_slug, pk):
    briefing = get_for_consortium(FacilitatorBriefing.objects.select_related("event__cohort__programme"),
                                  request.consortium, pk=pk)
    common.require(request, RUN, briefing.event.cohort.programme_id, briefing.event.cohort_id)
    assignments = list(briefing.event.assignments.select_related("fellow").order_by("fellow__full_name"))
    if request.method == "POST":
        assignment = next((a for a in assignments if str(a.fellow_id) == request.POST.get("fellow")), None)
        try:
            if assignment is None:
                raise ValidationError(_("Choose a fellow assigned to this session."))
            services.briefing_attendance_record(briefing=briefing, fellow=assignment.fellow, by=request.user,
                                                attended=request.POST.get("attended") == "yes")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("programme_briefing", consortium_slug=consortium_slug, pk=briefing.pk)
    marks = {a.fellow_id: a.attended for a in BriefingAttendance.objects.filter(
        consortium_id=briefing.consortium_id, briefing=briefing)}
    return render(request, "programmes/briefing.html", {
        "briefing": briefing, "event": briefing.event, "programme": briefing.event.cohort.programme,
        "cohort": briefing.event.cohort, "rows": [(a, marks.get(a.fellow_id)) for a in assignments],
        "open": briefing.starts_at <= timezone.now(),
        "days_before": rules.briefing_days_before(briefing_starts_at=briefing.starts_at,
                                                  event_starts_at=briefing.event.starts_at)})


# --- One assignment ----------------------------------------------------------------------------------

def _assignment(request, pk) -> tuple[FacilitationAssignment, bool, bool]:
    assignment = get_for_consortium(FacilitationAssignment.objects.select_related(
        "event__cohort__programme", "fellow"), request.consortium, pk=pk)
    runs = common.can_run(request, assignment.event.cohort.programme_id, assignment.event.cohort_id)
    mine = assignment.fellow_id == request.user.pk
    if not (runs or mine):
        raise PermissionDenied
    return assignment, runs, mine


@requires(VIEW)
def assignment_detail(request, consortium_slug, pk):
    assignment, runs, mine = _assignment(request, pk)
    event = assignment.event
    records = list(FacilitationRecord.objects.filter(consortium_id=assignment.consortium_id, fellow=assignment.fellow)
                   .filter(assignment=assignment) | FacilitationRecord.objects.filter(
        consortium_id=assignment.consortium_id, fellow=assignment.fellow, briefing__event=event))
    return render(request, "programmes/assignment.html", {
        "assignment": assignment, "event": event, "programme": event.cohort.programme, "cohort": event.cohort,
        "can_run": runs, "mine": mine, "briefings": list(event.briefings.order_by("starts_at")),
        "observations": list(assignment.observations.select_related("observer").order_by("-observed_on")),
        "records": records, "release_on": rules.content_release_on(event.starts_at),
        "held": event.starts_at <= timezone.now(),
        "feedback_form": FellowFeedbackForm(initial={"text": assignment.fellow_feedback}) if mine else None,
        "observation_form": ObservationForm() if runs else None,
    })


@requires(VIEW)
@require_POST
def assignment_action(request, consortium_slug, pk, action):
    assignment, runs, mine = _assignment(request, pk)
    hub_actions = {"release": lambda: services.content_release(assignment=assignment),
                   "deliver": lambda: services.delivery_record(assignment=assignment, by=request.user),
                   "cancel": lambda: services.assignment_end(assignment=assignment, by=request.user)}
    fellow_actions = {"pre_reading": lambda: services.pre_reading_confirm(assignment=assignment, user=request.user),
                      "decline": lambda: services.assignment_end(assignment=assignment, by=request.user,
                                                                 declined=True)}
    if action in hub_actions and runs:
        call = hub_actions[action]
    elif action in fellow_actions and mine:
        call = fellow_actions[action]
    elif action == "feedback" and mine:
        form = FellowFeedbackForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Write your feedback."))
            return redirect("programme_assignment", consortium_slug=consortium_slug, pk=assignment.pk)

        def call():
            return services.fellow_feedback_give(assignment=assignment, user=request.user,
                                                 text=form.cleaned_data["text"])
    elif action == "observe" and runs:
        form = ObservationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the date and the feedback."))
            return redirect("programme_assignment", consortium_slug=consortium_slug, pk=assignment.pk)

        def call():
            return services.qa_observation_record(assignment=assignment, observer=request.user,
                                                  **form.cleaned_data)
    else:
        raise PermissionDenied
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("programme_assignment", consortium_slug=consortium_slug, pk=assignment.pk)


@requires(VIEW)
def facilitation_pay(request, consortium_slug, pk):
    """Pay one school's or trust's approved facilitation records through finance, each record once."""
    from finance.access import viewer_for

    programme = common.programme(request, pk, RUN)
    payable = selectors.payable_facilitation_records(programme)
    employers = selectors.payable_employers(payable)
    employer = next((e for e in employers if str(e["employer_id"]) == request.GET.get("employer", "")), None)
    can_pay = viewer_for(request.user, programme.partnership).can_manage
    context = {"programme": programme, "employers": employers, "employer": employer, "can_pay": can_pay}
    if employer is None or not can_pay:
        return render(request, "programmes/facilitation_pay.html", context)
    form = FacilitationPaymentForm(request.POST or None, programme=programme,
                                   records=payable.filter(employer_id=employer["employer_id"]))
    if request.method == "POST" and form.is_valid():
        try:
            payment = services.facilitation_payment_request(
                budget=form.cleaned_data["budget"], by=request.user, records=form.cleaned_data["records"],
                hourly_rate_pence=form.cleaned_data["hourly_rate_pence"],
                invoice_ref=form.cleaned_data["invoice_ref"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Payment %(payment)s is requested. Someone else must approve it before it is "
                                        "paid.") % {"payment": payment.reference})
            return redirect("finance_payment", consortium_slug, payment.pk)
    context["form"] = form
    return render(request, "programmes/facilitation_pay.html", context, status=400 if form.errors else 200)
