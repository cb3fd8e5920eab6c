"""Decisions recorded at a meeting, and actions: the lists, adding and updating them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.permissions import requires
from consortia.scoping import get_for_consortium
from partnerships.selectors import has_partnership_perm

from .. import forms, selectors, services
from ..models import Action
from ._common import READ, RECORD, VIEW, _back, _form_page, _meeting, _partnership, _posted, _run


@requires(VIEW)
def my_actions(request, consortium_slug):
    actions = selectors.my_actions(request.user, request.consortium)
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(request, "governance/my_actions.html", {"page": page, "today": timezone.localdate()})


@requires(VIEW)
def partnership_actions(request, consortium_slug, partnership_pk):
    partnership = _partnership(request, partnership_pk, READ)
    status = request.GET.get("status", "")
    actions = selectors.actions_for_partnership(partnership, status=status)
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(request, "governance/partnership_actions.html", {
        "partnership": partnership, "page": page, "status": status, "statuses": Action.Status.choices,
        "can_record": has_partnership_perm(request.user, RECORD, partnership), "today": timezone.localdate()})


@requires(VIEW)
def decision_add(request, consortium_slug, pk):
    meeting = _meeting(request, pk, RECORD)
    form = forms.DecisionForm(_posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.decision_record(meeting=meeting, by=request.user, **form.cleaned_data))
        if done:
            messages.success(request, _("The decision has been recorded."))
            return _back(request, meeting, "#decisions-heading")
    return _form_page(request, "governance/decision_form.html", {"meeting": meeting}, form)


@requires(VIEW)
def action_add(request, consortium_slug, pk):
    meeting = _meeting(request, pk, RECORD)
    form = forms.ActionForm(_posted(request), partnership=meeting.partnership)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.action_create(partnership=meeting.partnership, meeting=meeting,
                                                         **form.cleaned_data))
        if done:
            messages.success(request, _("The action has been recorded; its owner will be reminded."))
            return _back(request, meeting, "#actions-heading")
    return _form_page(request, "governance/action_form.html", {"meeting": meeting}, form)


@requires(VIEW)
def action_edit(request, consortium_slug, pk):
    action = get_for_consortium(Action.objects.select_related("partnership", "owner", "meeting"),
                                request.consortium, pk=pk)
    action.partnership.consortium = request.consortium
    allowed = selectors.action_changes_allowed(action, selectors.viewer_for(request.user, action.partnership))
    if not allowed:
        raise PermissionDenied
    # From "My actions" the person goes back there, not to the partnership's list.
    from_mine = request.GET.get("from") == "mine" or request.POST.get("from") == "mine"
    form = forms.ActionStatusForm(_posted(request), instance=action, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.action_update(action=action, by=request.user, **form.cleaned_data))
        if done:
            messages.success(request, _("The action has been updated."))
            if from_mine:
                return redirect("my_actions", consortium_slug)
            return redirect("partnership_actions", consortium_slug, action.partnership_id)
    return _form_page(request, "governance/action_edit.html", {"action": action, "from_mine": from_mine}, form)
