"""Cohort pages: participants, events and assessment windows; enrolling; the engagement dashboard."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.permissions import requires

from .. import rules, services
from ..forms import AssessmentWindowForm, CohortForm, EnrolForm, schools_of
from ..models import AssessmentAttempt, Enrolment
from ..selectors import events as event_selectors
from ..selectors.engagement import cohort_engagement, engagement_for
from ..selectors.enrolments import STATUS_TONE, at_school, enrolments_in, status_label
from ..selectors.page import latest_outcome
from ..services.enrolments import person_for_programme
from . import common
from .common import RUN, SEE_PARTICIPANTS, VIEW

STATES = ["below", "unreachable", "on_track", "not_started"]


def _participants(request, cohort):
    """The cohort's participants the person may see, filtered as the page asks."""
    enrolments = enrolments_in(cohort)
    allowed = common.access(request)
    if not allowed.sees_all_participants(cohort.programme_id, cohort.pk):
        enrolments = at_school(enrolments, allowed.tutor_schools(cohort.programme_id))
    query = request.GET.get("q", "").strip()
    if query:
        enrolments = enrolments.filter(Q(user__full_name__icontains=query) | Q(user__email__icontains=query))
    if request.GET.get("role"):
        enrolments = enrolments.filter(role=request.GET["role"])
    if request.GET.get("status"):
        enrolments = enrolments.filter(status=request.GET["status"])
    if request.GET.get("school", "").isdigit():
        enrolments = enrolments.filter(school_id=int(request.GET["school"]))
    return enrolments


def _with_figures(page_rows, figures):
    for enrolment in page_rows:
        enrolment.figure = figures.get(enrolment.pk)
        enrolment.status_text = status_label(enrolment.status)
        enrolment.status_tone = STATUS_TONE.get(enrolment.status, "info")
    return page_rows


def _flag_past_deadline(cohort, rows) -> None:
    """NPQ: who is past the 12 or 18-month window without a pass (the latest outcome stands)."""
    deadline = cohort.completion_deadline
    past = deadline is not None and timezone.localdate() > deadline
    attempts = {}
    if past:
        for attempt in AssessmentAttempt.objects.filter(consortium_id=cohort.consortium_id,
                                                        enrolment__in=[e.pk for e in rows]).exclude(state="voided"):
            attempts.setdefault(attempt.enrolment_id, []).append(attempt)
    for enrolment in rows:
        outcome = latest_outcome(attempts.get(enrolment.pk, []))
        enrolment.past_deadline = rules.past_completion_window(
            deadline=deadline, today=timezone.localdate(), passed=outcome is not None and outcome.state == "passed")


@requires(VIEW)
def cohort_detail(request, consortium_slug, pk):
    cohort = common.cohort(request, pk, SEE_PARTICIPANTS)
    enrolments = _participants(request, cohort)
    page = Paginator(enrolments, 50).get_page(request.GET.get("page"))
    figures = engagement_for(page.object_list, whole_cohorts=False)
    _with_figures(page.object_list, figures)
    _flag_past_deadline(cohort, page.object_list)
    runs = common.can_run(request, cohort.programme_id, cohort.pk)
    return render(request, "programmes/cohort.html", {
        "cohort": cohort, "programme": cohort.programme, "page": page, "can_run": runs,
        "events": list(event_selectors.cohort_events(cohort)),
        "windows": list(cohort.assessment_windows.order_by("opens_on")),
        "catch_ups": list(event_selectors.catch_ups_waiting(cohort)) if runs else [],
        "schools": schools_of(request.consortium, trusts=True), "query": request.GET.get("q", ""),
        "statuses": [("active", _("Active")), ("deferred", _("Deferred")), ("withdrawn", _("Withdrawn")),
                     ("completed", _("Completed")), ("joining", _("Not started yet"))],
    })


@requires(VIEW)
def cohort_edit(request, consortium_slug, pk):
    cohort = common.cohort(request, pk, RUN)
    initial = {"name": cohort.name, "name_cy": cohort.name_cy, "starts_on": cohort.starts_on,
               "course": cohort.course_id}
    form = CohortForm(request.POST or None, programme=cohort.programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = common.run(form, lambda: services.cohort_update(cohort=cohort, **form.cleaned_data))
        if saved:
            messages.success(request, _("The cohort is saved."))
            return redirect("programme_cohort", consortium_slug=consortium_slug, pk=cohort.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Change the cohort"), "programme": cohort.programme, "cohort": cohort, "submit": _("Save")}, form)


@requires(VIEW)
def enrol(request, consortium_slug, pk):
    cohort = common.cohort(request, pk, RUN)
    form = EnrolForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = {}

        def create():
            person = person_for_programme(consortium=request.consortium, email=data["email"],
                                          full_name=data["full_name"], invited_by=request.user)
            result["enrolment"] = services.enrolment_create(
                cohort=cohort, user=person, role=data["role"], school=data["school"],
                started_on=data["started_on"], by=request.user, mentor=data.get("mentor"))

        if common.run(form, create):
            messages.success(request, _("%(name)s is enrolled.") % {"name": result["enrolment"].user})
            return redirect("programme_cohort", consortium_slug=consortium_slug, pk=cohort.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Enrol a participant"), "programme": cohort.programme, "cohort": cohort,
        "submit": _("Enrol"), "intro": _("To enrol many people at once, import a spreadsheet in the "
                                         "administration pages.")}, form)


@requires(VIEW)
def engagement_dashboard(request, consortium_slug, pk):
    """Every participant's engagement, those at risk first: the hub's and the tutors' working list."""
    cohort = common.cohort(request, pk, SEE_PARTICIPANTS)
    enrolments = Enrolment.objects.filter(consortium_id=cohort.consortium_id, cohort=cohort)
    allowed = common.access(request)
    if not allowed.sees_all_participants(cohort.programme_id, cohort.pk):
        enrolments = at_school(enrolments, allowed.tutor_schools(cohort.programme_id))
    rows = [e for e in cohort_engagement(enrolments, consortium_id=cohort.consortium_id, cohort_id=cohort.pk)
            if e.status in ("active", "deferred")]
    counts = dict.fromkeys(STATES, 0)
    for enrolment in rows:
        counts[enrolment.figure.state] += 1
    state = request.GET.get("state", "")
    if state == "at_risk":
        rows = [e for e in rows if e.figure.at_risk]
    elif state in STATES:
        rows = [e for e in rows if e.figure.state == state]
    order = {"unreachable": 0, "below": 1, "on_track": 2, "not_started": 3}
    rows.sort(key=lambda e: (order[e.figure.state], e.figure.share if e.figure.share is not None else 2,
                             e.user.full_name))
    if request.GET.get("format") == "csv":
        return _engagement_csv(cohort, rows)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    for enrolment in page.object_list:
        enrolment.status_text = status_label(enrolment.status)
    return render(request, "programmes/engagement.html", {
        "cohort": cohort, "programme": cohort.programme, "counts": counts, "state": state,
        "total": sum(counts.values()), "page": page, "threshold": cohort.programme.engagement_threshold,
    })


def _engagement_csv(cohort, enrolments):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="engagement-cohort-{cohort.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["email", "name", "role", "school", "completed", "held", "still_to_come", "percent",
                     "best_reachable_percent", "state"])
    for e in enrolments:
        f = e.figure
        writer.writerow([e.user.email, e.user.full_name, e.role, e.school_name or "", f.completed, f.held,
                         f.remaining, "" if f.percent is None else f.percent,
                         "" if f.reachable_percent is None else f.reachable_percent, f.state])
    return response


@requires(VIEW)
def assessment_window_create(request, consortium_slug, pk):
    cohort = common.cohort(request, pk, RUN)
    form = AssessmentWindowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = common.run(form, lambda: services.assessment_window_save(cohort=cohort, **form.cleaned_data))
        if saved:
            messages.success(request, _("The assessment window is saved."))
            return redirect("programme_cohort", consortium_slug=consortium_slug, pk=cohort.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("New assessment window"), "programme": cohort.programme, "cohort": cohort,
        "submit": _("Save")}, form)
