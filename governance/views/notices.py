"""Sending the notice of a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.permissions import requires

from .. import forms, rules, selectors, services
from ._common import MANAGE, VIEW, _back, _form_page, _meeting, _posted, _run


@requires(VIEW)
def meeting_notice(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    rule = rules.notice_of(meeting.partnership)
    now = timezone.now()
    late = rules.notice_is_late(sent_at=now, starts_at=meeting.starts_at, **rule)
    form = forms.NoticeForm(_posted(request), late=late)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.meeting_notice_send(meeting=meeting, by=request.user,
                                                               **form.service_fields()))
        if done:
            messages.success(request, _("The notice is on its way to everyone invited."))
            return _back(request, meeting)
    invitees = [user for user, _viewer in selectors.invitees(meeting)]
    return _form_page(request, "governance/meeting_notice.html", {
        "meeting": meeting, "late": late, "invitees": invitees, "clear_days": rule["counting"] == rules.CLEAR,
        "deadline": rules.notice_deadline(starts_at=meeting.starts_at, **rule),
        "days": rules.notice_days_given(sent_at=now, starts_at=meeting.starts_at, counting=rule["counting"])}, form)
