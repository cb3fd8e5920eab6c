"""Sending the notice of a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.permissions import requires

from .. import forms, rules, selectors, services
from ._common import MANAGE, VIEW, _back, _form_page, _meeting, _run


@requires(VIEW)
def meeting_notice(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    form = forms.NoticeForm(request.POST or None)
    late = rules.notice_is_late(sent_at=timezone.now(), starts_at=meeting.starts_at,
                                notice_days=meeting.partnership.notice_days)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.meeting_notice_send(meeting=meeting, by=request.user,
                                                               late_reason=form.cleaned_data["late_reason"]))
        if done:
            messages.success(request, _("The notice is on its way to everyone invited."))
            return _back(request, meeting)
    invitees = [user for user, _viewer in selectors.invitees(meeting)]
    return _form_page(request, "governance/meeting_notice.html", {
        "meeting": meeting, "late": late, "invitees": invitees,
        "days": rules.notice_days_given(sent_at=timezone.now(), starts_at=meeting.starts_at)}, form)
