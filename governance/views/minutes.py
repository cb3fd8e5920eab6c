"""Drafting, approving and downloading minutes."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from consortia.permissions import requires
from consortia.scoping import get_for_consortium
from partnerships.selectors import has_partnership_perm

from .. import forms, selectors, services
from ..models import Minutes
from ._common import MANAGE, READ, RECORD, VIEW, _back, _form_page, _meeting, _posted, _run


@requires(VIEW)
def minutes_edit(request, consortium_slug, pk):
    meeting = _meeting(request, pk, RECORD)
    minutes = Minutes.objects.for_consortium(request.consortium).filter(meeting=meeting).first()
    form = forms.MinutesForm(_posted(request), initial={"body": minutes.body if minutes else "",
                                                            "body_cy": minutes.body_cy if minutes else ""})
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.minutes_save(meeting=meeting, by=request.user,
                                                        body=form.cleaned_data["body"],
                                                        body_cy=form.cleaned_data["body_cy"]))
        if done:
            messages.success(request, _("The draft minutes have been saved."))
            return _back(request, meeting, "#minutes-heading")
    return _form_page(request, "governance/minutes_form.html", {"meeting": meeting, "minutes": minutes}, form)


@requires(VIEW)
def minutes_approve(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    minutes = get_for_consortium(Minutes, request.consortium, meeting=meeting)
    meetings = list(selectors.later_meetings(meeting))
    if not meetings:
        # Nothing to choose: say why and what to do, rather than offer an empty choice.
        return render(request, "governance/minutes_approve.html", {"meeting": meeting, "minutes": minutes,
                                                                    "form": None})
    form = forms.ApproveForm(_posted(request), meetings=selectors.later_meetings(meeting))
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.minutes_approve(minutes=minutes, by=request.user,
                                                           at_meeting=form.cleaned_data["at_meeting"]))
        if done:
            messages.success(request, _("The minutes are approved and will be circulated."))
            return _back(request, meeting, "#minutes-heading")
    return _form_page(request, "governance/minutes_approve.html", {"meeting": meeting, "minutes": minutes}, form)


@requires(VIEW)
def minutes_pdf(request, consortium_slug, pk):
    meeting = _meeting(request, pk, READ)
    minutes = get_for_consortium(Minutes, request.consortium, meeting=meeting)
    if minutes.status != Minutes.Status.APPROVED and not has_partnership_perm(request.user, RECORD,
                                                                              meeting.partnership):
        raise Http404
    language = "cy" if (translation.get_language() or "en").startswith("cy") else "en"
    response = HttpResponse(services.minutes_pdf(minutes, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="minutes-{meeting.pk}-{language}.pdf"'
    return response
