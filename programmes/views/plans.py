"""Joint-plan pages: the plans list, the plan at a glance (status grid and milestone timeline as
server-drawn SVG, with a table of the same facts), each project with its history, posting a
progress update, moving a milestone's forecast or recording it achieved, and a CSV export.

Who may do what: everyone with a role in the plan's strategic partnership sees it; its chair
and clerk (the cross-regional project manager) manage it; a project's sponsor, manager and team
post its progress updates."""

from __future__ import annotations

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from consortia.permissions import requires
from consortia.scoping import get_for_consortium
from partnerships.selectors import has_partnership_perm, visible_partnerships
from ui.forms import Form

from ..models import JointPlan, Milestone, Project, ProjectStatus
from ..selectors import plans as selectors
from ..services import plans as services
from . import common
from .common import VIEW

SEE = "partnerships.view_partnership"
MANAGE = "partnerships.manage_meetings"


class ProgressUpdateForm(Form):
    period_start = forms.DateField(label=gettext_lazy("Period from"))
    period_end = forms.DateField(label=gettext_lazy("Period to"))
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ProjectStatus.choices, widget=forms.RadioSelect)
    narrative = forms.CharField(label=gettext_lazy("Progress (English)"), widget=forms.Textarea(attrs={"rows": 5}))
    narrative_cy = forms.CharField(label=gettext_lazy("Progress (Welsh)"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 5}))
    risks = forms.CharField(label=gettext_lazy("Risks and issues"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label=gettext_lazy("Next steps"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))


class MilestoneForm(Form):
    forecast_on = forms.DateField(label=gettext_lazy("Forecast date"), required=False)
    actual_on = forms.DateField(label=gettext_lazy("Achieved on"), required=False)


def _plan(request, pk) -> JointPlan:
    plan = get_for_consortium(JointPlan.objects.select_related("partnership"), request.consortium, pk=pk)
    if not has_partnership_perm(request.user, SEE, plan.partnership):
        raise PermissionDenied
    return plan


def _project(request, pk) -> Project:
    project = get_for_consortium(Project.objects.select_related("plan__partnership", "sponsor", "manager",
                                                                "sponsor_organisation"), request.consortium, pk=pk)
    if not has_partnership_perm(request.user, SEE, project.plan.partnership):
        raise PermissionDenied
    return project


def _may_manage(request, plan) -> bool:
    return has_partnership_perm(request.user, MANAGE, plan.partnership)


@requires(VIEW)
def plan_list(request, consortium_slug):
    plans = JointPlan.objects.filter(consortium=request.consortium, partnership__in=visible_partnerships(
        request.user, request.consortium)).select_related("partnership").order_by("name")
    return render(request, "programmes/plans/list.html", {"plans": list(plans)})


@requires(VIEW)
def plan_detail(request, consortium_slug, pk):
    plan = _plan(request, pk)
    today = timezone.localdate()
    return render(request, "programmes/plans/plan.html", {
        "plan": plan, "today": today, **selectors.plan_page(plan, today, get_language()),
        "statuses": ProjectStatus.choices, "fills": selectors.STATUS_FILL})


@requires(VIEW)
def plan_export(request, consortium_slug, pk):
    plan = _plan(request, pk)
    today = timezone.localdate()
    page = selectors.plan_page(plan, today, get_language())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="joint-plan-{plan.pk}-{today:%Y%m%d}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Project"), _("Status"), _("Sponsoring lead"), _("Milestone"), _("Baseline date"),
                     _("Forecast date"), _("Achieved on"), _("Days late")])
    for row in page["rows"]:
        project = row["project"]
        sponsor = project.sponsor.get_full_name() if project.sponsor else ""
        for m in row["milestones"] or [None]:
            if m is None:
                writer.writerow([row["name"], row["status_label"], sponsor, "", "", "", "", ""])
                continue
            milestone = m["milestone"]
            writer.writerow([row["name"], row["status_label"], sponsor, m["name"], milestone.baseline_on,
                             milestone.forecast_on or "", milestone.actual_on or "", m["lateness"]["days"]])
    return response


@requires(VIEW)
def project_detail(request, consortium_slug, pk):
    project = _project(request, pk)
    today = timezone.localdate()
    history = selectors.project_history(project)
    status = ProjectStatus.DISCONTINUED if project.discontinued_on else (
        history[0].status if history else ProjectStatus.NOT_STARTED)
    language = get_language()
    return render(request, "programmes/plans/project.html", {
        "plan": project.plan, "project": project, "history": history, "is_project_page": True, "status": status,
        "status_label": ProjectStatus(status).label, "tone": selectors.STATUS_TONE[status],
        "aims": [a.display_text(language) for a in project.aims.all()],
        "milestones": [{"milestone": m, "lateness": m.lateness(today), "name": m.display_name(language)}
                       for m in project.milestones.order_by("baseline_on", "pk")],
        "members": selectors.project_members(project),
        "may_update": _may_manage(request, project.plan) or services.may_update(request.user, project),
        "may_manage": _may_manage(request, project.plan), "overview": project.display_overview(language),
        "welsh": language.startswith("cy"),
    })


@requires(VIEW)
def progress_update(request, consortium_slug, pk):
    project = _project(request, pk)
    if not (_may_manage(request, project.plan) or services.may_update(request.user, project)):
        raise PermissionDenied
    form = ProgressUpdateForm(request.POST or None, initial={"period_end": timezone.localdate()})

    def save():
        services.progress_update_post(project=project, author=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Progress update posted."))
        return redirect("plan_project", request.consortium.slug, project.pk)
    return common.form_page(request, "programmes/plans/form.html", {
        "plan": project.plan, "project": project, "title": _("Post a progress update"),
        "submit": _("Post the update")}, form)


@requires(VIEW)
def milestone_edit(request, consortium_slug, pk):
    milestone = get_for_consortium(Milestone.objects.select_related("project__plan__partnership"),
                                   request.consortium, pk=pk)
    project = milestone.project
    if not (has_partnership_perm(request.user, SEE, project.plan.partnership)
            and (_may_manage(request, project.plan) or services.may_update(request.user, project))):
        raise PermissionDenied
    form = MilestoneForm(request.POST or None, initial={"forecast_on": milestone.forecast_on,
                                                        "actual_on": milestone.actual_on})

    def save():
        services.milestone_save(project=project, milestone=milestone, name=milestone.name,
                                baseline_on=milestone.baseline_on, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Milestone dates saved."))
        return redirect("plan_project", request.consortium.slug, project.pk)
    return common.form_page(request, "programmes/plans/form.html", {
        "plan": project.plan, "project": project, "title": milestone.display_name(get_language()),
        "intro": _("Baseline date: %(day)s") % {"day": milestone.baseline_on.strftime("%d/%m/%Y")},
        "submit": _("Save the dates")}, form)
