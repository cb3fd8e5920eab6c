"""ITE quality assurance pages: the visits and school-based assessment records of a programme,
scheduling a visit, a visit's page with its report and governance, recording an assessment.

Permissions: seeing them needs the programme's SEE_PARTICIPANTS right (the office and tutors, as
for every trainee, selectors.ite.ite_access); writing needs RUN (the partnership office).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import forms_ite, services
from ..models import QualityVisit, SchoolAssessmentRecord
from ..selectors import ite as selectors
from . import common
from .common import RUN, VIEW
from .ite import _programme, _tutors


def _require_sees_all(request, programme) -> None:
    if not selectors.ite_access(request.user, request.consortium, programme).sees_all:
        raise PermissionDenied


@requires(VIEW)
def qa_list(request, consortium_slug, pk):
    programme = _programme(request, pk)
    _require_sees_all(request, programme)
    visits = QualityVisit.objects.filter(consortium_id=programme.consortium_id, programme=programme).select_related(
        "school", "visitor", "report", "considered_at")
    records = SchoolAssessmentRecord.objects.filter(
        consortium_id=programme.consortium_id, programme=programme).select_related("trainee__user", "school")
    return render(request, "programmes/ite/qa.html", {
        "programme": programme, "visits": visits, "records": records,
        "can_run": common.can_run(request, programme.pk)})


@requires(VIEW)
def visit_create(request, consortium_slug, pk):
    programme = _programme(request, pk, RUN)
    form = forms_ite.QualityVisitForm(request.POST or None, programme=programme, visitors=_tutors(programme))
    made = {}

    def save():
        made["visit"] = services.quality_visit_schedule(programme=programme, by=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Visit scheduled."))
        return redirect("ite_qa_visit", request.consortium.slug, made["visit"].pk)
    return common.form_page(request, "programmes/form.html", {
        "programme": programme, "title": _("Schedule a quality assurance visit"),
        "submit": _("Schedule the visit")}, form)


@requires(VIEW)
def visit_detail(request, consortium_slug, pk):
    visit = get_for_consortium(QualityVisit.objects.select_related(
        "programme", "school", "visitor", "report", "considered_at"), request.consortium, pk=pk)
    programme = visit.programme
    common.require(request, common.SEE, programme.pk, anywhere=True)
    _require_sees_all(request, programme)
    can_run = common.can_run(request, programme.pk)
    form = None
    if can_run:
        form = forms_ite.QualityReportForm(request.POST or None, programme=programme, initial={
            "considered_at": visit.considered_at_id, "report": visit.report_id,
            "actions": [a.pk for a in visit.actions.all()]})
    if request.method == "POST":
        if form is None:
            raise PermissionDenied

        def save():
            services.quality_visit_report(visit=visit, **form.cleaned_data)

        if form.is_valid() and common.run(form, save):
            messages.success(request, _("Report and actions recorded."))
            return redirect("ite_qa_visit", request.consortium.slug, visit.pk)
    return common.form_page(request, "programmes/ite/qa_visit.html", {
        "programme": programme, "visit": visit, "actions": list(visit.actions.select_related("owner")),
        "can_run": can_run}, form)


@requires(VIEW)
def assessment_create(request, consortium_slug, pk):
    programme = _programme(request, pk, RUN)
    form = forms_ite.SchoolAssessmentForm(request.POST or None, programme=programme)

    def save():
        services.school_assessment_record(by=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Assessment recorded."))
        return redirect("ite_qa", request.consortium.slug, programme.pk)
    return common.form_page(request, "programmes/form.html", {
        "programme": programme, "title": _("Record a school-based assessment"),
        "intro": _("Only the document's title, where it is kept and the outcome. Never pupil data."),
        "submit": _("Record the assessment")}, form)


@requires(VIEW)
def assessment_detail(request, consortium_slug, pk):
    record = get_for_consortium(SchoolAssessmentRecord.objects.select_related(
        "programme", "trainee__user", "school", "recorded_by"), request.consortium, pk=pk)
    common.require(request, common.SEE, record.programme_id, anywhere=True)
    _require_sees_all(request, record.programme)
    return render(request, "programmes/ite/qa_assessment.html", {"programme": record.programme, "record": record})
