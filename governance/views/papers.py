"""The agenda and papers of a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import forms, selectors, services
from ..models import AgendaItem, Meeting, Paper
from ._common import MANAGE, READ, VIEW, _back, _check, _form_page, _meeting, _posted, _run


def _agenda_item(request, meeting: Meeting, item_pk) -> AgendaItem:
    return get_for_consortium(AgendaItem, request.consortium, pk=item_pk, meeting=meeting)


@requires(VIEW)
def agenda_item_add(request, consortium_slug, pk, item_pk=None):
    meeting = _meeting(request, pk, MANAGE)
    item = _agenda_item(request, meeting, item_pk) if item_pk else None
    form = forms.AgendaItemForm(_posted(request), instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(form, lambda: services.agenda_item_save(
            meeting=meeting, item=item, title=data["title"], description=data["description"], owner=data["owner"],
            minutes_allowed=data["minutes_allowed"], position=data.get("position"), title_cy=data["title_cy"],
            description_cy=data["description_cy"]))
        if done:
            messages.success(request, _("The agenda item has been saved."))
            return _back(request, meeting, "#agenda-heading")
    return _form_page(request, "governance/agenda_item_form.html", {"meeting": meeting, "item": item}, form)


@requires(VIEW)
@require_POST
def agenda_item_delete(request, consortium_slug, pk, item_pk):
    meeting = _meeting(request, pk, MANAGE)
    item = _agenda_item(request, meeting, item_pk)
    try:
        services.agenda_item_delete(item=item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The agenda item has been removed."))
    return _back(request, meeting, "#agenda-heading")


@requires(VIEW)
@require_POST
def agenda_agree(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    agreed = request.POST.get("agreed", "1") == "1"
    try:
        services.agenda_agree(meeting=meeting, by=request.user, agreed=agreed)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The agenda is agreed.") if agreed else _("The agenda is open for changes."))
    return _back(request, meeting, "#agenda-heading")


@requires(VIEW)
def paper_upload(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    form = forms.PaperForm(_posted(request), request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(form, lambda: services.paper_upload(
            meeting=meeting, uploaded_by=request.user, title=data["title"], title_cy=data["title_cy"],
            file=data["file"],
            confidentiality=data["confidentiality"], no_pupil_data_confirmed=data["no_pupil_data_confirmed"],
            agenda_item=data["agenda_item"], organisations=list(data["organisations"])))
        if done:
            messages.success(request, _("The paper has been added."))
            return _back(request, meeting, "#agenda-heading")
    return _form_page(request, "governance/paper_form.html", {"meeting": meeting}, form)


@requires(VIEW)
def paper_download(request, consortium_slug, pk):
    paper = get_for_consortium(Paper.objects.select_related("meeting__partnership", "meeting"), request.consortium,
                               pk=pk)
    meeting = paper.meeting
    _check(request, READ, meeting.partnership)
    if not selectors.paper_visible(paper, selectors.viewer_for(request.user, meeting.partnership), meeting):
        raise Http404  # a confidential paper's existence is not revealed either
    try:
        handle = paper.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=paper.filename, content_type=paper.content_type)


@requires(VIEW)
@require_POST
def paper_delete(request, consortium_slug, pk):
    paper = get_for_consortium(Paper.objects.select_related("meeting__partnership"), request.consortium, pk=pk)
    _check(request, MANAGE, paper.meeting.partnership)
    services.paper_delete(paper=paper)
    messages.success(request, _("The paper has been removed."))
    return _back(request, paper.meeting, "#agenda-heading")
