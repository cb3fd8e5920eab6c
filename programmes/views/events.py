"""Event pages: scheduling, the event, its register (one tap per person on a phone), online
attendance reports, catching up, feedback, facilitators and briefings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import services
from ..forms import (
    ATTENDANCE_STATES,
    AssignForm,
    AttendanceReportForm,
    BriefingForm,
    CatchUpForm,
    EventForm,
    FeedbackForm,
)
from ..models import Attendance, AttendanceImport, Enrolment, FacilitationAssignment, Feedback
from ..selectors import access as access_selectors
from ..selectors import events as selectors
from . import common
from .common import RUN, VIEW


@requires(VIEW)
def event_create(request, consortium_slug, pk):
    cohort = common.cohort(request, pk, RUN)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = {}
        if common.run(form, lambda: result.update(event=services.event_save(
                cohort=cohort, by=request.user, **form.service_fields()))):
            messages.success(request, _("The event is scheduled. Send the notice when you are ready."))
            return redirect("programme_event", consortium_slug=consortium_slug, pk=result["event"].pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("New event"), "programme": cohort.programme, "cohort": cohort, "submit": _("Schedule")}, form)


@requires(VIEW)
def event_edit(request, consortium_slug, pk):
    event = common.event(request, pk, RUN)
    form = EventForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        saved = common.run(form, lambda: services.event_save(cohort=event.cohort, event=event, by=request.user,
                                                              **form.service_fields()))
        if saved:
            messages.success(request, _("The event is saved. If its notice had gone, everyone is sent the "
                                        "update."))
            return redirect("programme_event", consortium_slug=consortium_slug, pk=event.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Change the event"), "programme": event.cohort.programme, "cohort": event.cohort,
        "event": event, "submit": _("Save")}, form)


def _mine(request, event) -> Enrolment | None:
    return Enrolment.objects.filter(consortium_id=event.consortium_id, cohort_id=event.cohort_id,
                                    user=request.user).first()


@requires(VIEW)
def event_detail(request, consortium_slug, pk):
    event = common.event(request, pk)
    runs = common.can_run(request, event.cohort.programme_id, event.cohort_id)
    mine = _mine(request, event)
    attendance = Attendance.objects.filter(consortium_id=event.consortium_id, event=event,
                                           enrolment=mine).first() if mine else None
    my_assignment = FacilitationAssignment.objects.filter(consortium_id=event.consortium_id, event=event,
                                                          fellow=request.user).first()
    assignments = list(event.assignments.select_related("fellow").order_by("role", "fellow__full_name"))
    now = timezone.now()
    context = {
        "event": event, "cohort": event.cohort, "programme": event.cohort.programme, "can_run": runs,
        "mine": mine, "attendance": attendance, "my_assignment": my_assignment, "assignments": assignments,
        "briefings": list(event.briefings.order_by("starts_at")),
        "held": event.starts_at <= now, "over": event.ends_at <= now,
        "can_claim": bool(mine and event.ends_at <= now and event.recording_url and not event.is_cancelled
                          and (attendance is None or attendance.state in Attendance.MISSED)),
        "can_give_feedback": bool(mine and attendance and attendance.counts and event.ends_at <= now
                                  and not Feedback.objects.filter(consortium_id=event.consortium_id, event=event,
                                                                  enrolment=mine).exists()),
        "may_take_register": runs or (my_assignment is not None and my_assignment.state == "assigned"),
    }
    if runs:
        context.update(counts=selectors.register_counts(selectors.register(event)),
                       feedback=selectors.feedback_summary(event),
                       assign_form=AssignForm(event=event), imports=list(event.attendance_imports.all()[:5]))
    return render(request, "programmes/event.html", context)


@requires(VIEW)
@require_POST
def event_notify(request, consortium_slug, pk):
    event = common.event(request, pk, RUN)
    try:
        services.event_notify(event=event, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The notice is on its way to everyone expected, with a calendar invitation."))
    return redirect("programme_event", consortium_slug=consortium_slug, pk=event.pk)


@requires(VIEW)
def event_cancel(request, consortium_slug, pk):
    event = common.event(request, pk, RUN)
    error = None
    if request.method == "POST":
        try:
            services.event_cancel(event=event, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The event is cancelled. Anyone sent the notice is told."))
            return redirect("programme_event", consortium_slug=consortium_slug, pk=event.pk)
    return render(request, "programmes/event_cancel.html", {
        "event": event, "cohort": event.cohort, "programme": event.cohort.programme, "error": error},
        status=400 if error else 200)


def _register_access(request, event):
    if common.can_run(request, event.cohort.programme_id, event.cohort_id):
        return
    if FacilitationAssignment.objects.filter(consortium_id=event.consortium_id, event=event, fellow=request.user,
                                             state="assigned").exists():
        return
    raise PermissionDenied


@requires(VIEW)
def register(request, consortium_slug, pk):
    """The register: everyone expected, a tap for each state; with HTMX only the row changes."""
    response = _register(request, consortium_slug, pk)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _register(request, consortium_slug, pk):
    event = common.event(request, pk)
    _register_access(request, event)
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("all") == "present":
                count = services.attendance_all_present(event=event, by=request.user)
                messages.success(request, _("%(count)s marked as attended.") % {"count": count})
            else:
                enrolment = get_for_consortium(Enrolment.objects.select_related("user"), request.consortium,
                                               pk=request.POST.get("enrolment"), cohort_id=event.cohort_id)
                attendance = services.attendance_mark(event=event, enrolment=enrolment,
                                                      state=request.POST.get("state", ""), by=request.user)
                if request.htmx:
                    return render(request, "programmes/_register_row.html", {
                        "event": event, "person": selectors.mark_as(enrolment, attendance),
                        "states": ATTENDANCE_STATES, "open": True})
        except ValidationError as exc:
            error = " ".join(exc.messages)
            if request.htmx:
                return render(request, "programmes/_register_error.html", {"error": error}, status=400)
        else:
            return redirect("programme_register", consortium_slug=consortium_slug, pk=event.pk)
    people = selectors.register(event)
    response = render(request, "programmes/register.html", {
        "event": event, "cohort": event.cohort, "programme": event.cohort.programme, "people": people,
        "counts": selectors.register_counts(people), "states": ATTENDANCE_STATES, "error": error,
        "open": event.starts_at <= timezone.now() and not event.is_cancelled,
    }, status=400 if error else 200)
    return response


@requires(VIEW)
def attendance_import(request, consortium_slug, pk):
    event = common.event(request, pk, RUN)
    form = AttendanceReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = {}
        if common.run(form, lambda: result.update(report=services.attendance_report_check(
                event=event, file=form.cleaned_data["file"], by=request.user))):
            return redirect("programme_attendance_report", consortium_slug=consortium_slug, pk=result["report"].pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Import an online attendance report"), "programme": event.cohort.programme,
        "cohort": event.cohort, "event": event, "submit": _("Check the report"), "multipart": True,
        "intro": _("You will see who it matches before anything is saved.")}, form)


@requires(VIEW)
def attendance_report(request, consortium_slug, pk):
    report = get_for_consortium(AttendanceImport.objects.select_related("event__cohort__programme"),
                                request.consortium, pk=pk)
    event = report.event
    common.require(request, RUN, event.cohort.programme_id, event.cohort_id)
    error = None
    if request.method == "POST":
        try:
            count = services.attendance_report_apply(report=report, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("%(count)s marked as attended online.") % {"count": count})
            return redirect("programme_register", consortium_slug=consortium_slug, pk=event.pk)
    return render(request, "programmes/attendance_report.html", {
        "report": report, "event": event, "cohort": event.cohort, "programme": event.cohort.programme,
        "error": error}, status=400 if error else 200)


@requires(VIEW)
def catch_up(request, consortium_slug, pk):
    event = common.event(request, pk)
    common.require(request, access_selectors.PARTICIPATE, event.cohort.programme_id, event.cohort_id)
    form = CatchUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = common.run(form, lambda: services.catch_up_claim(event=event, user=request.user,
                                                                  note=form.cleaned_data["note"]))
        if saved:
            messages.success(request, _("Thank you. The hub will confirm your catch-up, and then it counts."))
            return redirect("programme_event", consortium_slug=consortium_slug, pk=event.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Tell the hub you have caught up"), "programme": event.cohort.programme, "cohort": event.cohort,
        "event": event, "submit": _("Send"), "participant_view": True,
        "intro": _("Watch the recording and do the activities first. It counts once the hub confirms it.")}, form)


@requires(VIEW)
@require_POST
def catch_up_decide(request, consortium_slug, pk):
    attendance = get_for_consortium(Attendance.objects.select_related("event__cohort", "enrolment__user"),
                                    request.consortium, pk=pk)
    common.require(request, RUN, attendance.event.cohort.programme_id, attendance.event.cohort_id)
    accept = request.POST.get("decision") == "accept"
    try:
        services.catch_up_decide(attendance=attendance, by=request.user, accept=accept)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Catch-up confirmed: it now counts.") if accept
                         else _("Catch-up not accepted."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("programme_cohort", consortium_slug=consortium_slug, pk=attendance.event.cohort_id)


@requires(VIEW)
def feedback(request, consortium_slug, pk):
    event = common.event(request, pk)
    common.require(request, access_selectors.PARTICIPATE, event.cohort.programme_id, event.cohort_id)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = common.run(form, lambda: services.feedback_submit(event=event, user=request.user, **form.cleaned_data))
        if saved:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("programme_event", consortium_slug=consortium_slug, pk=event.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Your feedback"), "programme": event.cohort.programme, "cohort": event.cohort, "event": event,
        "submit": _("Send feedback"), "participant_view": True}, form)


@requires(VIEW)
@require_POST
def assign(request, consortium_slug, pk):
    event = common.event(request, pk, RUN)
    form = AssignForm(request.POST, event=event)
    if form.is_valid() and common.run(form, lambda: services.fellow_assign(event=event, by=request.user,
                                                                           **form.cleaned_data)):
        messages.success(request, _("The visiting fellow is assigned."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("programme_event", consortium_slug=consortium_slug, pk=event.pk)


@requires(VIEW)
def briefing_schedule(request, consortium_slug, pk):
    event = common.event(request, pk, RUN)
    form = BriefingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if common.run(form, lambda: services.briefing_schedule(
                event=event, starts_at=data["starts_at"], duration_minutes=data["duration_minutes"],
                online_link=data["online_link"], venue=data["venue"], by=request.user)):
            messages.success(request, _("The briefing is arranged and the fellows are invited."))
            return redirect("programme_event", consortium_slug=consortium_slug, pk=event.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Arrange the facilitator briefing"), "programme": event.cohort.programme,
        "cohort": event.cohort, "event": event, "submit": _("Arrange briefing"),
        "intro": _("A briefing is held one to two weeks before the session and lasts at most 90 minutes.")}, form)
