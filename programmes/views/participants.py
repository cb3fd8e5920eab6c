"""A participant's page and what is done to it: status changes, mentors, schools, assessment,
the coaching log, and a new employer's commitment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import services
from ..forms import (
    AssessmentOutcomeForm,
    AssessmentRegisterForm,
    CoachingForm,
    MentorForm,
    SchoolAddForm,
    StatusChangeForm,
)
from ..models import AssessmentAttempt, EmployerCommitment
from ..selectors.page import enrolment_page
from ..selectors.participants import mentees_of
from ..services.enrolments import can_commit, commitment_text
from . import common
from .common import RUN, VIEW


@requires(VIEW)
def enrolment_detail(request, consortium_slug, pk):
    enrolment = common.enrolment(request, pk)
    context = enrolment_page(enrolment)
    programme = enrolment.cohort.programme
    context.update(programme=programme, cohort=enrolment.cohort,
                   can_run=common.can_run(request, programme.pk, enrolment.cohort_id),
                   is_me=enrolment.user_id == request.user.pk,
                   mentors_me=enrolment.pk in {m.ect_id for m in mentees_of(request.user, request.consortium)})
    return render(request, "programmes/enrolment.html", context)


def _hub_form(request, pk, form_class, *, title, submit, save, success, intro="", **form_kwargs):
    enrolment = common.enrolment(request, pk)
    common.require(request, RUN, enrolment.cohort.programme_id, enrolment.cohort_id)
    if form_class is not SchoolAddForm:
        form_kwargs["enrolment"] = enrolment
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        saved = common.run(form, lambda: save(enrolment, form.cleaned_data))
        if saved:
            messages.success(request, success)
            return redirect("programme_enrolment", consortium_slug=request.consortium.slug, pk=enrolment.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": title, "submit": submit, "intro": intro, "programme": enrolment.cohort.programme,
        "cohort": enrolment.cohort, "enrolment": enrolment}, form)


@requires(VIEW)
def status_change(request, consortium_slug, pk):
    return _hub_form(
        request, pk, StatusChangeForm, title=_("Record a change"), submit=_("Record the change"),
        success=_("The change is recorded."),
        intro=_("The history is never rewritten: each change is added with the date it takes effect."),
        save=lambda enrolment, data: services.status_change_record(enrolment=enrolment, by=request.user, **data))


@requires(VIEW)
def mentor_change(request, consortium_slug, pk):
    return _hub_form(
        request, pk, MentorForm, title=_("Choose the mentor"), submit=_("Save"), success=_("The mentor is saved."),
        save=lambda enrolment, data: services.mentor_assign(ect=enrolment, **data))


@requires(VIEW)
def school_add(request, consortium_slug, pk):
    return _hub_form(
        request, pk, SchoolAddForm, title=_("Add a school they mentor at"), submit=_("Add school"),
        success=_("The school is added."), consortium=request.consortium,
        save=lambda enrolment, data: services.mentor_school_add(enrolment=enrolment, **data))


@requires(VIEW)
def assessment_register(request, consortium_slug, pk):
    return _hub_form(
        request, pk, AssessmentRegisterForm, title=_("Register for assessment"), submit=_("Register"),
        success=_("They are registered for the assessment."),
        save=lambda enrolment, data: services.assessment_register(enrolment=enrolment, by=request.user, **data))


@requires(VIEW)
def assessment_outcome(request, consortium_slug, pk):
    attempt = get_for_consortium(AssessmentAttempt.objects.select_related("enrolment__cohort__programme",
                                                                          "enrolment__user", "window"),
                                 request.consortium, pk=pk)
    enrolment = attempt.enrolment
    common.require(request, RUN, enrolment.cohort.programme_id, enrolment.cohort_id)
    form = AssessmentOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = common.run(form, lambda: services.assessment_record(attempt=attempt, by=request.user,
                                                                     **form.cleaned_data))
        if saved:
            messages.success(request, _("The assessment is updated."))
            return redirect("programme_enrolment", consortium_slug=consortium_slug, pk=enrolment.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Update attempt %(number)s") % {"number": attempt.number}, "submit": _("Save"),
        "programme": enrolment.cohort.programme, "cohort": enrolment.cohort, "enrolment": enrolment}, form)


@requires(VIEW)
def coaching_log(request, consortium_slug, pk):
    enrolment = common.enrolment(request, pk)
    if enrolment.pk not in {m.ect_id for m in mentees_of(request.user, request.consortium)}:
        raise PermissionDenied
    form = CoachingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = common.run(form, lambda: services.coaching_cycle_log(mentor=request.user, ect=enrolment,
                                                                      **form.cleaned_data))
        if saved:
            messages.success(request, _("The week is logged."))
            return redirect("programme_enrolment", consortium_slug=consortium_slug, pk=enrolment.pk)
    return common.form_page(request, "programmes/form.html", {
        "title": _("Log a week of coaching"), "submit": _("Log the week"), "programme": enrolment.cohort.programme,
        "cohort": enrolment.cohort, "enrolment": enrolment, "participant_view": True,
        "intro": _("Dates and counts only: never write anything about a pupil.")}, form)


@requires(VIEW)
def commitment(request, consortium_slug, pk):
    """The new employer's representative reads what they commit to, and commits online."""
    item = get_for_consortium(EmployerCommitment.objects.select_related(
        "enrolment__cohort__programme__partnership__consortium", "enrolment__user", "organisation", "accepted_by"),
        request.consortium, pk=pk)
    allowed = can_commit(request.user, item)
    runs = common.can_run(request, item.enrolment.cohort.programme_id, item.enrolment.cohort_id)
    if not (allowed or runs):
        raise PermissionDenied
    language = "cy" if (get_language() or "en").startswith("cy") else "en"
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm your commitment."))
        else:
            try:
                services.employer_commitment_accept(commitment=item, user=request.user, language=language)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Thank you: your commitment is recorded."))
            return redirect("programme_commitment", consortium_slug=consortium_slug, pk=item.pk)
    return render(request, "programmes/commitment.html", {
        "commitment": item, "text": item.text_accepted or commitment_text(item, language), "can_commit": allowed,
        "programme": item.enrolment.cohort.programme})
