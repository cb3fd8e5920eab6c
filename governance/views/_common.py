"""What every governance page uses: the permissions, lookups that 404 outside the consortium, form helpers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from consortia.forms import add_service_errors
from consortia.scoping import get_for_consortium
from partnerships.models import Partnership

from .. import selectors
from ..models import Meeting

VIEW = "consortia.view_consortium"
MANAGE = "partnerships.manage_meetings"
RECORD = "partnerships.record_minutes"
READ = "partnerships.view_partnership"
VOTE = "partnerships.vote"


def _check(request, perm: str, partnership: Partnership) -> selectors.Viewer:
    """403 without the partnership permission. The viewer (roles held there) is kept for the page.

    NOTE: equivalent to partnerships.selectors.has_partnership_perm (guardian's rows are granted from
    the same roles) but one query instead of four per check, which keeps the pages' counts low.
    """
    partnership.consortium = request.consortium
    viewer = getattr(request, "_governance_viewer", None)
    if viewer is None or viewer.partnership_id != partnership.pk:
        viewer = selectors.viewer_for(request.user, partnership)
        request._governance_viewer = viewer
    if not viewer.has(perm):
        raise PermissionDenied
    return viewer


def _partnership(request, pk, perm: str) -> Partnership:
    partnership = get_for_consortium(Partnership, request.consortium, pk=pk)
    _check(request, perm, partnership)
    return partnership


def _meeting(request, pk, perm: str) -> Meeting:
    meeting = get_for_consortium(selectors.meetings_base(request.consortium), request.consortium, pk=pk)
    _check(request, perm, meeting.partnership)
    return meeting


def _posted(request):
    """The posted data, or None for a GET: an empty POST is still a submission, with its errors."""
    return request.POST if request.method == "POST" else None


def _form_page(request, template: str, context: dict, form):
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def _back(request, meeting: Meeting, anchor: str = ""):
    return redirect(reverse("meeting_detail", args=[request.consortium.slug, meeting.pk]) + anchor)


def _run(form, call):
    """Call a service; its ValidationError is shown on the form (beside the field the form names it by,
    `service_fields_map`). Returns the result or None."""
    try:
        return call() or True
    except ValidationError as exc:
        renamed = getattr(form, "service_fields_map", {})
        if hasattr(exc, "error_dict") and renamed:
            exc = ValidationError({renamed.get(name, name): errors for name, errors in exc.error_dict.items()})
        add_service_errors(form, exc)
        return None


def _managed_partnerships(request, is_admin: bool | None = None):
    ids = selectors.managed_partnership_ids(request.user, request.consortium, is_admin=is_admin)
    partnerships = Partnership.objects.for_consortium(request.consortium).order_by("name")
    return partnerships if ids is None else partnerships.filter(pk__in=ids)
