"""ITE pages: the trainees list, a trainee's record, the placement board with the suggested
matching, offers, mentors and their training, and "my placements" for trainees, mentors, tutors
and schools. Permissions: the programme's rights (selectors.access), and ITE's own visibility
(selectors.ite) for who sees which trainee."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import forms_ite, matching, rules, services
from ..models import Mentor, Placement, Programme, ProgrammeRole, Route, Subject, Trainee, TraineeState
from ..selectors import ite as selectors
from ..services.enrolments import person_for_programme
from ..services.ite import PLACEMENT_STEPS
from . import common
from .common import RUN, SEE, VIEW


def _programme(request, pk, perm=SEE) -> Programme:
    programme = common.programme(request, pk, perm)
    if programme.kind != Programme.Kind.ITE:
        raise Http404
    return programme


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = rules.academic_year_of(timezone.localdate())
    return min(max(year, 2000), 2100)


def _trainee(request, pk) -> Trainee:
    trainee = get_for_consortium(Trainee.objects.select_related("user", "programme"), request.consortium, pk=pk)
    visible = selectors.ite_access(request.user, request.consortium, trainee.programme)
    if not visible.trainees(Trainee.objects.filter(pk=trainee.pk)).exists():
        raise PermissionDenied
    return trainee


def _rows(trainees, programme, year):
    """Each trainee with their placements and whether the two-school and contrast rules are met."""
    rules_ = selectors.rules_for(programme)
    schools = {p.school_id for t in trainees for p in t.placements.all()}
    profiles = selectors.school_profiles(programme.consortium_id, schools, year)
    return [{"trainee": t, "placements": list(t.placements.all()),
             "state_label": TraineeState(t.state).label if t.state in TraineeState.values else "",
             "requirement": selectors.requirement(t, list(t.placements.all()), profiles, rules_)} for t in trainees]


@requires(VIEW)
def trainee_list(request, consortium_slug, pk):
    programme = _programme(request, pk)
    visible = selectors.ite_access(request.user, request.consortium, programme)
    if not visible.sees_all and not visible.school_ids:
        raise PermissionDenied
    year = _year(request)
    route, subject, state = (request.GET.get(k, "") for k in ("route", "subject", "state"))
    trainees = list(selectors.trainee_list(
        programme=programme, visible=visible, academic_year=year, route=route if route in Route.values else "",
        subject=subject if subject in Subject.values else "", state=state if state in TraineeState.values else ""))
    rows = _rows(trainees, programme, year)
    return render(request, "programmes/ite/trainees.html", {
        "programme": programme, "rows": rows, "year": year, "year_label": rules.academic_year_label(year),
        "can_run": common.can_run(request, programme.pk), "routes": Route.choices, "subjects": Subject.choices,
        "states": TraineeState.choices, "chosen": {"route": route, "subject": subject, "state": state},
        "needed": sum(1 for r in rows if r["requirement"]["needed"]),
        "met": sum(1 for r in rows if r["requirement"]["needed"] and r["requirement"]["met"]),
    })


@requires(VIEW)
def trainee_create(request, consortium_slug, pk):
    programme = _programme(request, pk, RUN)
    form = forms_ite.TraineeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = {}

        def save():
            user = person_for_programme(consortium=request.consortium, email=data["email"],
                                                full_name=data["full_name"], invited_by=request.user)
            created["trainee"] = services.trainee_create(
                programme=programme, user=user, route=data["route"], subject=data["subject"],
                academic_year=rules.academic_year_of(data["starts_on"]), starts_on=data["starts_on"],
                ends_on=data["ends_on"], by=request.user)

        if common.run(form, save):
            messages.success(request, _("Trainee registered."))
            return redirect("ite_trainee", request.consortium.slug, created["trainee"].pk)
    return common.form_page(request, "programmes/form.html", {
        "programme": programme, "title": _("Register a trainee"), "submit": _("Register the trainee")}, form)


@requires(VIEW)
def trainee_detail(request, consortium_slug, pk):
    trainee = _trainee(request, pk)
    placements = list(trainee.placements.select_related("school", "mentor__user", "tutor", "lead_tutor"))
    profiles = selectors.school_profiles(trainee.consortium_id, {p.school_id for p in placements},
                                         trainee.academic_year)
    rules_ = selectors.rules_for(trainee.programme)
    for placement in placements:
        placement.next_steps = [(code, Placement.Status(code).label)
                                for code in sorted(PLACEMENT_STEPS.get(placement.status, ()))]
    history = list(trainee.status_changes.select_related("recorded_by").order_by("effective_on", "recorded_at"))
    return render(request, "programmes/ite/trainee.html", {
        "programme": trainee.programme, "trainee": trainee, "placements": placements, "history": history,
        "state": history[-1] if history else None,
        "requirement": selectors.requirement(trainee, placements, profiles, rules_),
        "contrast_rule": rules_, "can_run": common.can_run(request, trainee.programme_id),
    })


@requires(VIEW)
def trainee_status(request, consortium_slug, pk):
    trainee = _trainee(request, pk)
    common.require(request, RUN, trainee.programme_id)
    form = forms_ite.TraineeStatusForm(request.POST or None, initial={"effective_on": timezone.localdate()})

    def save():
        services.trainee_status_change(trainee=trainee, by=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Status recorded."))
        return redirect("ite_trainee", request.consortium.slug, trainee.pk)
    return common.form_page(request, "programmes/form.html", {
        "programme": trainee.programme, "title": _("Record a status change"),
        "intro": str(trainee.user), "submit": _("Record the change")}, form)


def _tutors(programme):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        pk__in=ProgrammeRole.objects.filter(consortium_id=programme.consortium_id, programme=programme,
                                            role__in=["ite_tutor", "programme_lead"], ended_at__isnull=True)
        .values("user_id")).order_by("full_name")


@requires(VIEW)
def placement_create(request, consortium_slug, pk):
    trainee = _trainee(request, pk)
    common.require(request, RUN, trainee.programme_id)
    form = forms_ite.PlacementForm(request.POST or None, trainee=trainee, tutors=_tutors(trainee.programme),
                                   initial={"sequence": trainee.placements.count() + 1})

    def save():
        services.placement_create(trainee=trainee, by=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Placement arranged."))
        return redirect("ite_trainee", request.consortium.slug, trainee.pk)
    return common.form_page(request, "programmes/form.html", {
        "programme": trainee.programme, "title": _("Arrange a placement"), "intro": str(trainee.user),
        "submit": _("Arrange the placement")}, form)


@requires(VIEW)
def placement_rules(request, consortium_slug, pk):
    """What the partnership means by contrasting schools, and the placements' terms (the office: RUN)."""
    programme = _programme(request, pk, RUN)
    current = selectors.rules_for(programme)
    form = forms_ite.PlacementRulesForm(request.POST or None, initial={
        "contrast_attributes": current.contrast_attributes, "contrast_minimum": current.contrast_minimum,
        "first_term": current.first_term, "second_term": current.second_term})

    def save():
        services.placement_rules_save(programme=programme, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Contrast rules saved. Placements are judged by them from now on."))
        return redirect("ite_trainees", request.consortium.slug, programme.pk)
    return common.form_page(request, "programmes/form.html", {
        "programme": programme, "title": _("What contrast means"),
        "intro": _("A trainee's second school must differ from the first in what you choose here. Only attributes "
                   "recorded for both schools count."), "submit": _("Save the rules")}, form)


@requires(VIEW)
def placement_edit(request, consortium_slug, pk):
    """Change a placement's school, dates, mentor or tutors (the office: the programme's RUN right);
    the rules are checked again and the page shows every earlier version."""
    placement = get_for_consortium(Placement.objects.select_related("trainee__programme", "trainee__user"),
                                   request.consortium, pk=pk)
    trainee = placement.trainee
    common.require(request, RUN, trainee.programme_id)
    form = forms_ite.PlacementEditForm(request.POST or None, placement=placement, tutors=_tutors(trainee.programme),
                                       initial={"school": placement.school_id, "starts_on": placement.starts_on,
                                                "ends_on": placement.ends_on, "mentor": placement.mentor_id,
                                                "tutor": placement.tutor_id, "lead_tutor": placement.lead_tutor_id,
                                                "contrast_reason": placement.contrast_reason})

    def save():
        data = dict(form.cleaned_data)
        services.placement_edit(placement=placement, by=request.user, reason=data.pop("reason"),
                                contrast_reason=data.pop("contrast_reason"), **data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Placement changed."))
        return redirect("ite_trainee", request.consortium.slug, trainee.pk)
    history = list(placement.history.select_related("school", "history_user").order_by("-history_date")[:50])
    return common.form_page(request, "programmes/ite/placement_edit.html", {
        "programme": trainee.programme, "placement": placement, "trainee": trainee, "history": history}, form)


@require_POST
@requires(VIEW)
def placement_status(request, consortium_slug, pk):
    placement = get_for_consortium(Placement.objects.select_related("trainee"), request.consortium, pk=pk)
    common.require(request, RUN, placement.trainee.programme_id)
    form = forms_ite.PlacementStatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a status."))
        services.placement_status_set(placement=placement, status=form.cleaned_data["status"])
        messages.success(request, _("Placement status changed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("ite_trainee", request.consortium.slug, placement.trainee_id)
    return redirect("ite_trainee", request.consortium.slug, placement.trainee_id)


@requires(VIEW)
def placement_board(request, consortium_slug, pk):
    """Offers against placements, and on request the suggested matching the office may accept."""
    programme = _programme(request, pk, RUN)
    year = _year(request)
    offers = list(selectors.offers_with_use(programme=programme, academic_year=year))
    suggestion = None
    if request.method == "POST":
        rows = []
        for value in request.POST.getlist("row"):
            try:
                trainee_id, sequence, offer_id = (int(part) for part in value.split("-"))
            except ValueError:
                messages.error(request, _("The suggestion could not be read; suggest again."))
                return redirect(f"{request.path}?year={year}")
            rows.append((trainee_id, sequence, offer_id))
        try:
            created = services.matching_accept(programme=programme, academic_year=year, rows=rows, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(count)s placements proposed from the suggestion.")
                             % {"count": len(created)})
        return redirect(f"{request.path}?year={year}")
    if request.GET.get("suggest"):
        suggestion = matching.suggest(programme=programme, academic_year=year)
    return render(request, "programmes/ite/board.html", {
        "programme": programme, "year": year, "year_label": rules.academic_year_label(year), "offers": offers,
        "places": sum(o.places for o in offers), "used": sum(o.used for o in offers), "suggestion": suggestion,
    })


@requires(VIEW)
def offer_save(request, consortium_slug, pk):
    programme = _programme(request, pk, RUN)
    year = _year(request)
    form = forms_ite.OfferForm(request.POST or None, consortium=request.consortium)

    def save():
        services.placement_offer_save(programme=programme, academic_year=year, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Offer saved."))
        return redirect(f"{request.path.rsplit('offers/', 1)[0]}board/?year={year}")
    return common.form_page(request, "programmes/form.html", {
        "programme": programme, "title": _("Record a school's placement offer"),
        "intro": rules.academic_year_label(year), "submit": _("Save the offer")}, form)


@requires(VIEW)
def mentor_list(request, consortium_slug, pk):
    programme = _programme(request, pk, common.SEE_PARTICIPANTS)
    return render(request, "programmes/ite/mentors.html", {
        "programme": programme, "mentors": list(selectors.mentors_of(programme)),
        "can_run": common.can_run(request, programme.pk)})


@requires(VIEW)
def mentor_training(request, consortium_slug, pk):
    mentor = get_for_consortium(Mentor.objects.select_related("programme", "user"), request.consortium, pk=pk)
    common.require(request, RUN, mentor.programme_id)
    form = forms_ite.MentorTrainingForm(request.POST or None)

    def save():
        services.mentor_training_record(mentor=mentor, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and common.run(form, save):
        messages.success(request, _("Training recorded."))
        return redirect("ite_mentors", request.consortium.slug, mentor.programme_id)
    return common.form_page(request, "programmes/form.html", {
        "programme": mentor.programme, "title": _("Record mentor training"), "intro": str(mentor.user),
        "submit": _("Record the training")}, form)


@requires(VIEW)
def my_placements(request, consortium_slug):
    """A trainee's placements with their mentor and tutor; a mentor's, tutor's or school's trainees."""
    placements = list(selectors.placements_for_user(request.user, request.consortium))
    mine = [p for p in placements if p.trainee.user_id == request.user.pk]
    return render(request, "programmes/ite/me.html", {
        "mine": mine, "others": [p for p in placements if p.trainee.user_id != request.user.pk],
        "participant_view": True})
