"""Programme pages: the list, a programme, its cohorts and roles, its agreement's acceptance and
the staffing-change queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia.permissions import has_consortium_perm, requires
from consortia.scoping import get_for_consortium

from .. import services
from ..forms import CohortForm, ProgrammeForm, RoleGrantForm, StaffingActForm, StaffingChangeForm
from ..models import ProgrammeRole, StaffingChange
from ..selectors import access as access_selectors
from ..selectors import programmes as selectors
from ..selectors.participants import participants_visible, visible_programmes
from ..services.enrolments import person_for_programme
from . import common
from .common import RUN, VIEW


@requires(VIEW)
def programme_list(request, consortium_slug):
    allowed = common.access(request)
    programmes = list(visible_programmes(request.user, request.consortium).order_by("name"))
    hub = [p for p in programmes if allowed.can_anywhere(common.SEE_PARTICIPANTS, p.pk)]
    return render(request, "programmes/list.html", {
        "programmes": hub, "mine": [p for p in programmes if p not in hub],
        "can_create": has_consortium_perm(request.user, "consortia.administer_consortium", request.consortium),
    })


def _programme_form(request, *, programme=None):
    initial = {}
    if programme is not None:
        initial = {name: getattr(programme, name) for name in ("kind", "name", "name_cy", "jurisdiction",
                                                               "engagement_threshold")}
        initial.update(partnership=programme.partnership_id, lead_provider=programme.lead_provider_id,
                       agreement=programme.agreement_id)
    form = ProgrammeForm(request.POST or None, consortium=request.consortium, initial=initial)
    if programme is not None:
        del form.fields["kind"]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if programme is None:
            saved = common.run(form, lambda: data.update(
                result=services.programme_create(consortium=request.consortium, **data)))
        else:
            if data.get("engagement_threshold") is None:
                data.pop("engagement_threshold")
            saved = common.run(form, lambda: data.update(result=services.programme_update(programme=programme,
                                                                                          **data)))
        if saved:
            if data["result"].is_npq:
                services.npq_courses_ensure(consortium=request.consortium)
            messages.success(request, _("The programme is saved."))
            return redirect("programme_detail", consortium_slug=request.consortium.slug, pk=data["result"].pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Change the programme") if programme else _("New programme"), "programme": programme,
        "submit": _("Save")}, form)


@requires("consortia.administer_consortium")
def programme_create(request, consortium_slug):
    return _programme_form(request)


@requires(VIEW)
def programme_edit(request, consortium_slug, pk):
    return _programme_form(request, programme=common.programme(request, pk, RUN))


@requires(VIEW)
def programme_detail(request, consortium_slug, pk):
    programme = common.programme(request, pk)
    allowed = common.access(request)
    if not allowed.can_anywhere(common.SEE_PARTICIPANTS, programme.pk):
        return redirect("programme_me", consortium_slug=consortium_slug)
    runs = allowed.can(RUN, programme.pk)
    return render(request, "programmes/detail.html", {
        "programme": programme, "cohorts": list(selectors.cohorts_of(programme)),
        "roles": list(selectors.roles_of(programme)) if runs else [],
        "can_run": runs, "queue_count": selectors.staffing_queue(programme).count() if runs else 0,
        "acceptance": selectors.agreement_acceptance(programme) if runs else None,
        "can_report": allowed.can_anywhere(access_selectors.REPORT_STAFFING, programme.pk),
    })


@requires(VIEW)
def cohort_create(request, consortium_slug, pk):
    programme = common.programme(request, pk, RUN)
    form = CohortForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        result = {}
        if common.run(form, lambda: result.update(cohort=services.cohort_create(programme=programme,
                                                                               **form.cleaned_data))):
            messages.success(request, _("The cohort is created."))
            return redirect("programme_cohort", consortium_slug=consortium_slug, pk=result["cohort"].pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("New cohort"), "programme": programme, "submit": _("Create cohort")}, form)


@requires(VIEW)
def role_grant(request, consortium_slug, pk):
    programme = common.programme(request, pk, RUN)
    form = RoleGrantForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def grant():
            person = person_for_programme(consortium=request.consortium, email=data["email"],
                                          full_name=data["full_name"], invited_by=request.user)
            services.programme_role_grant(programme=programme, user=person, role=data["role"],
                                          cohort=data["cohort"], organisation=data["organisation"],
                                          granted_by=request.user)

        if common.run(form, grant):
            messages.success(request, _("The role has been given."))
            return redirect("programme_detail", consortium_slug=consortium_slug, pk=programme.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Give someone a role"), "programme": programme, "submit": _("Give role"),
        "intro": _("Programme leads run the programme; induction tutors see their school's participants; "
                   "visiting fellows facilitate events.")}, form)


@requires(VIEW)
@require_POST
def role_end(request, consortium_slug, pk, role_pk):
    programme = common.programme(request, pk, RUN)
    role = get_for_consortium(ProgrammeRole.objects.select_related("user", "cohort"), request.consortium,
                              pk=role_pk, programme=programme, ended_at__isnull=True)
    services.programme_role_end(programme=programme, user=role.user, role=role.role, cohort=role.cohort)
    messages.success(request, _("%(person)s no longer holds that role.") % {"person": role.user})
    return redirect("programme_detail", consortium_slug=consortium_slug, pk=programme.pk)


@requires(VIEW)
def agreement_status(request, consortium_slug, pk):
    programme = common.programme(request, pk, RUN)
    acceptance = selectors.agreement_acceptance(programme)
    status = request.GET.get("status", "")
    parties = acceptance["parties"] if acceptance else []
    if status == "pending":
        parties = acceptance["pending"]
    return render(request, "programmes/agreement.html", {
        "programme": programme, "acceptance": acceptance, "status": status,
        "page": Paginator(parties, 50).get_page(request.GET.get("page"))})


# --- Staffing changes -------------------------------------------------------------------------------

@requires(VIEW)
def staffing_report(request, consortium_slug, pk):
    programme = common.programme(request, pk)
    common.require(request, access_selectors.REPORT_STAFFING, programme.pk, anywhere=True)
    enrolments = participants_visible(request.user, request.consortium, programme=programme).select_related(
        "user", "cohort").order_by("user__full_name")
    form = StaffingChangeForm(request.POST or None, enrolments=enrolments, consortium=request.consortium)
    if request.method == "POST" and form.is_valid():
        saved = common.run(form, lambda: services.staffing_change_report(programme=programme, reporter=request.user,
                                                                          **form.cleaned_data))
        if saved:
            messages.success(request, _("Thank you: the hub has your report and will act on it."))
            return redirect("programme_me", consortium_slug=consortium_slug)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Report a staffing change"), "programme": programme, "submit": _("Send to the hub"),
        "intro": _("Tell the hub about anyone leaving or joining, a leave of absence, or a change of mentor. "
                   "The hub records it from the date you give, even if it acts later.")}, form)


@requires(VIEW)
def staffing_queue(request, consortium_slug, pk):
    programme = common.programme(request, pk, RUN)
    return render(request, "programmes/staffing_queue.html", {
        "programme": programme, "open": list(selectors.staffing_queue(programme)),
        "done": list(selectors.staffing_queue(programme, StaffingChange.State.ACTIONED)[:20])
        + list(selectors.staffing_queue(programme, StaffingChange.State.DISMISSED)[:20]),
    })


@requires(VIEW)
def staffing_act(request, consortium_slug, pk):
    change = get_for_consortium(StaffingChange.objects.select_related(
        "programme__partnership", "enrolment__user", "enrolment__cohort__programme", "school", "reported_by"),
        request.consortium, pk=pk)
    common.require(request, RUN, change.programme_id)
    if change.state != StaffingChange.State.OPEN:
        raise PermissionDenied
    form = StaffingActForm(request.POST or None, change=change)
    if request.method == "POST" and form.is_valid():
        saved = common.run(form, lambda: services.staffing_change_act(change=change, by=request.user,
                                                                       **form.cleaned_data))
        if saved:
            messages.success(request, _("Done: the change is recorded from %(date)s.") % {
                "date": date_format(change.effective_on, "j F Y")})
            return redirect("programme_staffing", consortium_slug=consortium_slug, pk=change.programme_id)
    return common.form_page(request, "programmes/staffing_act.html", {
        "programme": change.programme, "change": change}, form)
