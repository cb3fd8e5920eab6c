"""Joint-plan pages: the plans list, the plan at a glance (status grid and milestone timeline as
server-drawn SVG, with a table of the same facts), each project with its history, posting a
progress update, moving a milestone's forecast or recording it achieved, and a CSV export.

Who may do what: everyone with a role in the plan's strategic partnership sees it; its chair
and clerk (the cross-regional project manager) manage it; a project's sponsor, manager and team
post its progress updates."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia.permissions import requires
from consortia.scoping import get_for_consortium
from partnerships.selectors import has_partnership_perm, visible_partnerships
from ui.forms import Form

from .. import forms_plans
from ..models import JointPlan, Milestone, Project, ProjectMember, ProjectStatus
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
    partnerships = _manageable_partnerships(request)
    return render(request, "programmes/plans/list.html", {
        "plans": list(plans), "may_create": partnerships is not None and partnerships.exists()})


@requires(VIEW)
def plan_detail(request, consortium_slug, pk):
    plan = _plan(request, pk)
    today = timezone.localdate()
    return render(request, "programmes/plans/plan.html", {
        "plan": plan, "today": today, **selectors.plan_page(plan, today, get_language()),
        "statuses": ProjectStatus.choices, "fills": selectors.STATUS_FILL, "may_manage": _may_manage(request, plan)})


# Who may: everyone with a role in the plan's strategic partnership (as the plan page).
@requires(VIEW)
def plan_export(request, consortium_slug, pk, fmt: str = "csv"):
    """Every project's shown status and each of its milestones with the days late today, as CSV or
    XLSX through consortia.spreadsheets: a name that starts like a formula stays text."""
    from consortia import spreadsheets

    plan = _plan(request, pk)
    today = timezone.localdate()
    page = selectors.plan_page(plan, today, get_language())
    header = [_("Project"), _("Status"), _("Sponsoring lead"), _("Project manager"), _("Milestone"),
              _("Baseline date"), _("Forecast date"), _("Achieved on"), _("Days late")]
    rows = []
    for row in page["rows"]:
        project = row["project"]
        people = [project.sponsor.get_full_name() if project.sponsor else "",
                  project.manager.get_full_name() if project.manager else ""]
        if not row["milestones"]:
            rows.append([row["name"], str(row["status_label"]), *people, "", "", "", "", ""])
        for m in row["milestones"]:
            milestone = m["milestone"]
            rows.append([row["name"], str(row["status_label"]), *people, m["name"], milestone.baseline_on,
                         milestone.forecast_on or "", milestone.actual_on or "", m["lateness"]["days"]])
    name = f"joint-plan-{plan.pk}-{today:%Y%m%d}"
    if fmt == "xlsx":
        return spreadsheets.xlsx_response(name, _("Joint plan"), header, rows)
    return spreadsheets.csv_response(name, header, rows)


@requires(VIEW)
def project_detail(request, consortium_slug, pk):
    project = _project(request, pk)
    today = timezone.localdate()
    history = selectors.project_history(project)
    project.latest_status = history[0].status if history else None
    status = selectors.shown_status(project)
    language = get_language()
    return render(request, "programmes/plans/project.html", {
        "plan": project.plan, "project": project, "history": history, "is_project_page": True, "status": status,
        "status_label": ProjectStatus(status).label, "tone": selectors.STATUS_TONE[status],
        "aims": [a.display_text(language) for a in project.aims.all()],
        "milestones": [{"milestone": m, "lateness": m.lateness(today), "name": m.display_name(language)}
                       for m in project.milestones.order_by("baseline_on", "pk")],
        **_teams(project, language),
        "may_update": _may_manage(request, project.plan) or services.may_update(request.user, project),
        "may_manage": _may_manage(request, project.plan), "overview": project.display_overview(language),
        "welsh": language.startswith("cy"),
    })


def _teams(project, language) -> dict:
    members = selectors.project_members(project)
    streams = [{"stream": w, "name": w.display_name(language), "members": [m for m in members
                                                                        if m.work_stream_id == w.pk]}
               for w in project.work_streams.order_by("name")]
    return {"team": [m for m in members if m.work_stream_id is None], "streams": streams}


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


def _require_manage(request, plan) -> None:
    if not _may_manage(request, plan):
        raise PermissionDenied


def _form_page(request, context, form, *, back: str):
    return common.form_page(request, "programmes/plans/form.html", {**context, "back": back}, form)


def _project_url(request, project) -> str:
    return f"/{request.consortium.slug}/programmes/plans/projects/{project.pk}/"


def _manageable_partnerships(request):
    """The strategic partnerships whose plans this person manages (chair, clerk or consortium admin)."""
    partnerships = list(visible_partnerships(request.user, request.consortium).filter(kind="strategic"))
    return type(partnerships[0]).objects.filter(pk__in=[
        p.pk for p in partnerships if has_partnership_perm(request.user, MANAGE, p)]).order_by("name") \
        if partnerships else None


# Who may: create a plan — the chair or clerk of a strategic partnership, or the consortium admin.
@requires(VIEW)
def plan_create(request, consortium_slug):
    partnerships = _manageable_partnerships(request)
    if partnerships is None or not partnerships.exists():
        raise PermissionDenied
    form = forms_plans.JointPlanForm(request.POST or None, partnerships=partnerships)
    made = {}

    def save():
        data = form.cleaned_data
        made["plan"] = services.joint_plan_save(partnership=data["partnership"], name=data["name"],
                                                name_cy=data["name_cy"], update_every_days=data["update_every_days"])

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Joint plan created."))
        return redirect("plan_detail", request.consortium.slug, made["plan"].pk)
    return _form_page(request, {"title": _("New joint plan"), "submit": _("Create the plan")}, form,
                      back=f"/{request.consortium.slug}/programmes/plans/")


# Who may: the plan's managers (its partnership's chair and clerk, or the consortium admin).
@requires(VIEW)
def plan_edit(request, consortium_slug, pk):
    plan = _plan(request, pk)
    _require_manage(request, plan)
    form = forms_plans.JointPlanForm(request.POST or None, initial={
        "name": plan.name, "name_cy": plan.name_cy, "update_every_days": plan.update_every_days})

    def save():
        services.joint_plan_save(plan=plan, partnership=plan.partnership, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Joint plan saved."))
        return redirect("plan_detail", request.consortium.slug, plan.pk)
    return _form_page(request, {"plan": plan, "title": _("Change the plan"), "submit": _("Save the plan")}, form,
                      back=f"/{request.consortium.slug}/programmes/plans/{plan.pk}/")


def _project_form_save(request, form, plan, project=None) -> Project:
    data = form.cleaned_data
    return services.project_edit(
        plan=plan, project=project, name=data["name"], name_cy=data["name_cy"], overview=data["overview"],
        overview_cy=data["overview_cy"], sponsor=data["sponsor"], sponsor_organisation=data["sponsor_organisation"],
        manager=data["manager"], aims=data["aim_pairs"])


# Who may: the plan's managers.
@requires(VIEW)
def project_create(request, consortium_slug, pk):
    plan = _plan(request, pk)
    _require_manage(request, plan)
    form = forms_plans.ProjectForm(request.POST or None, consortium=request.consortium)
    made = {}

    def save():
        made["project"] = _project_form_save(request, form, plan)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Project added."))
        return redirect("plan_project", request.consortium.slug, made["project"].pk)
    return _form_page(request, {"plan": plan, "title": _("Add a project"), "submit": _("Add the project")}, form,
                      back=f"/{request.consortium.slug}/programmes/plans/{plan.pk}/")


# Who may: the plan's managers.
@requires(VIEW)
def project_edit(request, consortium_slug, pk):
    project = _project(request, pk)
    _require_manage(request, project.plan)
    aims = list(project.aims.order_by("position", "pk"))
    form = forms_plans.ProjectForm(request.POST or None, consortium=request.consortium, initial={
        "name": project.name, "name_cy": project.name_cy, "overview": project.overview,
        "overview_cy": project.overview_cy, "sponsor": project.sponsor_id,
        "sponsor_organisation": project.sponsor_organisation_id, "manager": project.manager_id,
        "aims": "\n".join(a.text for a in aims),
        "aims_cy": "\n".join(a.text_cy for a in aims) if all(a.text_cy for a in aims) else ""})

    def save():
        _project_form_save(request, form, project.plan, project)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Project saved."))
        return redirect("plan_project", request.consortium.slug, project.pk)
    return _form_page(request, {"plan": project.plan, "project": project, "title": _("Change the project"),
                                "submit": _("Save the project")}, form, back=_project_url(request, project))


# Who may: the plan's managers.
@requires(VIEW)
def project_close(request, consortium_slug, pk):
    project = _project(request, pk)
    _require_manage(request, project.plan)
    if project.closed_on:
        messages.info(request, _("This project is already closed."))
        return redirect("plan_project", request.consortium.slug, project.pk)
    form = forms_plans.ProjectCloseForm(request.POST or None, initial={"on": timezone.localdate()})

    def save():
        services.project_close(project=project, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Project closed."))
        return redirect("plan_project", request.consortium.slug, project.pk)
    return _form_page(request, {"plan": project.plan, "project": project, "title": _("Close the project"),
                                "submit": _("Close the project")}, form, back=_project_url(request, project))


# Who may: the plan's managers.
@requires(VIEW)
def work_stream_create(request, consortium_slug, pk):
    project = _project(request, pk)
    _require_manage(request, project.plan)
    form = forms_plans.WorkStreamForm(request.POST or None, consortium=request.consortium)

    def save():
        data = form.cleaned_data
        people = list(data["members"])
        employers = {e.user_id: e.organisation for e in services.current_employers(request.consortium, people)}
        services.work_stream_add(project=project, name=data["name"], name_cy=data["name_cy"], members=people,
                                 organisations=employers)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Work stream added."))
        return redirect("plan_project", request.consortium.slug, project.pk)
    return _form_page(request, {"plan": project.plan, "project": project, "title": _("Add a work stream"),
                                "submit": _("Add the work stream")}, form, back=_project_url(request, project))


# Who may: the plan's managers.
@requires(VIEW)
def member_add(request, consortium_slug, pk):
    project = _project(request, pk)
    _require_manage(request, project.plan)
    form = forms_plans.ProjectMemberForm(request.POST or None, project=project)

    def save():
        services.project_member_add(project=project, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Added to the project."))
        return redirect("plan_project", request.consortium.slug, project.pk)
    return _form_page(request, {"plan": project.plan, "project": project, "title": _("Add someone to the project"),
                                "submit": _("Add them")}, form, back=_project_url(request, project))


# Who may: the plan's managers.
@require_POST
@requires(VIEW)
def member_remove(request, consortium_slug, pk):
    member = get_for_consortium(ProjectMember.objects.select_related("project__plan__partnership"),
                                request.consortium, pk=pk)
    project = member.project
    if not has_partnership_perm(request.user, SEE, project.plan.partnership):
        raise PermissionDenied
    _require_manage(request, project.plan)
    services.project_member_remove(member=member)
    messages.success(request, _("Removed from the project."))
    return redirect("plan_project", request.consortium.slug, project.pk)


# Who may: the plan's managers.
@requires(VIEW)
def milestone_create(request, consortium_slug, pk):
    project = _project(request, pk)
    _require_manage(request, project.plan)
    form = forms_plans.MilestoneForm(request.POST or None)

    def save():
        services.milestone_save(project=project, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Milestone added."))
        return redirect("plan_project", request.consortium.slug, project.pk)
    return _form_page(request, {"plan": project.plan, "project": project, "title": _("Add a milestone"),
                                "submit": _("Add the milestone")}, form, back=_project_url(request, project))


# Who may: the plan's managers re-baseline and rename; the project's sponsor, manager and team
# move the forecast and record the day it was achieved.
@requires(VIEW)
def milestone_edit(request, consortium_slug, pk):
    milestone = get_for_consortium(Milestone.objects.select_related("project__plan__partnership"),
                                   request.consortium, pk=pk)
    project = milestone.project
    if not has_partnership_perm(request.user, SEE, project.plan.partnership):
        raise PermissionDenied
    manages = _may_manage(request, project.plan)
    if not (manages or services.may_update(request.user, project)):
        raise PermissionDenied
    initial = {"name": milestone.name, "name_cy": milestone.name_cy, "baseline_on": milestone.baseline_on,
               "forecast_on": milestone.forecast_on, "actual_on": milestone.actual_on}
    form = (forms_plans.MilestoneForm if manages else forms_plans.MilestoneDatesForm)(request.POST or None,
                                                                                      initial=initial)

    def save():
        data = {"name": milestone.name, "baseline_on": milestone.baseline_on, **form.cleaned_data}
        services.milestone_save(project=project, milestone=milestone, rebaseline=manages, **data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Milestone dates saved."))
        return redirect("plan_project", request.consortium.slug, project.pk)
    return _form_page(request, {
        "plan": project.plan, "project": project, "title": milestone.display_name(get_language()),
        "intro": None if manages else _("Baseline date: %(day)s") % {"day": milestone.baseline_on.strftime(
            "%d/%m/%Y")}, "submit": _("Save the dates")}, form, back=_project_url(request, project))
