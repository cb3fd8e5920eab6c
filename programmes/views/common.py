"""What every programmes view shares: scoped lookups, the permission checks, and form pages.

Every view opens with `requires("consortia.view_consortium")` (no consortium membership, no
page: 404); the programme rights are checked here and refused with 403. An id of another
consortium's row is a 404, the same as a missing one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render

from consortia.forms import add_service_errors
from consortia.scoping import get_for_consortium

from ..models import Cohort, Enrolment, Event, Programme
from ..selectors import access as access_selectors
from ..selectors.participants import participants_visible

VIEW = "consortia.view_consortium"
SEE, RUN, SEE_PARTICIPANTS = access_selectors.SEE, access_selectors.RUN, access_selectors.SEE_PARTICIPANTS


def access(request) -> access_selectors.ProgrammeAccess:
    return access_selectors.access(request.user, request.consortium)


def require(request, perm: str, programme_id: int, cohort_id: int | None = None, *, anywhere: bool = False):
    allowed = access(request)
    ok = allowed.can_anywhere(perm, programme_id) if anywhere and cohort_id is None else allowed.can(
        perm, programme_id, cohort_id)
    if not ok:
        raise PermissionDenied


def programme(request, pk, perm: str = SEE) -> Programme:
    found = get_for_consortium(Programme.objects.select_related("partnership", "lead_provider", "agreement"),
                               request.consortium, pk=pk)
    require(request, perm, found.pk, anywhere=True)
    return found


def cohort(request, pk, perm: str = SEE) -> Cohort:
    found = get_for_consortium(Cohort.objects.select_related("programme__partnership", "course"),
                               request.consortium, pk=pk)
    require(request, perm, found.programme_id, found.pk)
    return found


def event(request, pk, perm: str = SEE) -> Event:
    found = get_for_consortium(Event.objects.select_related("cohort__programme__partnership", "cohort__course"),
                               request.consortium, pk=pk)
    if perm == SEE and access(request).can(access_selectors.FACILITATE, found.cohort.programme_id,
                                           found.cohort_id):
        return found
    require(request, perm, found.cohort.programme_id, found.cohort_id)
    return found


def enrolment(request, pk) -> Enrolment:
    """A participant's record: theirs, or one the person may see (lead, tutor at the school, mentor)."""
    found = get_for_consortium(Enrolment.objects.select_related("user", "cohort__programme__partnership",
                                                                "cohort__course"), request.consortium, pk=pk)
    if found.user_id != request.user.pk and not participants_visible(
            request.user, request.consortium).filter(pk=found.pk).exists():
        raise PermissionDenied
    return found


def can_run(request, programme_id: int, cohort_id: int | None = None) -> bool:
    return access(request).can(RUN, programme_id, cohort_id)


def form_page(request, template: str, context: dict, form=None):
    return render(request, template, {**context, "form": form},
                  status=400 if form is not None and form.is_bound and form.errors else 200)


def run(form, call) -> bool:
    """Call the service with the form's data; its ValidationError goes onto the form."""
    try:
        call()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True
