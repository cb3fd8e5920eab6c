"""The meetings list, scheduling and editing a meeting, and the meeting page with its invitation."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.permissions import has_consortium_perm, requires
from partnerships.models import Organisation, PartnershipMembership

from .. import forms, ics, rules, selectors, services
from ._common import (
    MANAGE,
    READ,
    RECORD,
    VIEW,
    _back,
    _check,
    _form_page,
    _managed_partnerships,
    _meeting,
    _partnership,
    _posted,
    _run,
)


@requires(VIEW)
def meeting_list(request, consortium_slug):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    partnership = request.GET.get("partnership", "")
    partnership_id = int(partnership) if partnership.isdigit() else None
    meetings = selectors.meeting_list(request.user, request.consortium, when=when, partnership_id=partnership_id)
    page = Paginator(meetings, 25).get_page(request.GET.get("page"))
    is_admin = has_consortium_perm(request.user, "consortia.administer_consortium", request.consortium)
    managed = list(_managed_partnerships(request, is_admin).only("pk", "name", "name_cy"))
    return render(request, "governance/meeting_list.html", {
        "page": page, "when": when, "managed": managed, "partnership_id": partnership_id, "is_admin": is_admin})


# --- Scheduling and editing -----------------------------------------------------------------------

@requires(VIEW)
def meeting_create(request, consortium_slug, partnership_pk):
    partnership = _partnership(request, partnership_pk, MANAGE)
    form = forms.MeetingForm(_posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        meeting = _run(form, lambda: services.meeting_schedule(partnership=partnership, created_by=request.user,
                                                               **form.service_fields()))
        if meeting:
            messages.success(request, _("The meeting is planned. Add the agenda, then send the notice."))
            return redirect("meeting_detail", consortium_slug, meeting.pk)
    return _form_page(request, "governance/meeting_form.html", {"partnership": partnership}, form)


@requires(VIEW)
def meeting_record(request, consortium_slug, partnership_pk):
    """Record a meeting that took place, with its attendance: the only way to add a meeting in the past."""
    partnership = _partnership(request, partnership_pk, MANAGE)
    _check(request, RECORD, partnership)
    people = sorted({user.pk: user for user, _viewer in selectors.partnership_invitees(partnership)}.values(),
                    key=lambda u: (u.full_name, u.email))
    members = Organisation.objects.for_consortium(request.consortium).filter(
        pk__in=PartnershipMembership.objects.for_consortium(request.consortium).filter(
            partnership=partnership, left_on__isnull=True).values("organisation_id")).order_by("name")
    form = forms.MeetingRecordForm(_posted(request), partnership=partnership, people=people,
                                   member_organisations=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = form.service_fields()
        meeting = _run(form, lambda: services.meeting_record(
            partnership=partnership, recorded_by=request.user, people=form.people_statuses(), guests=form.guests(),
            agenda=data["agenda_items"], notice_sent_on=data.get("notice_sent_on"), **fields))
        if meeting:
            messages.success(request, _("The meeting is recorded as held, with its attendance. You can now add "
                                        "its minutes, decisions and actions."))
            return redirect("meeting_detail", consortium_slug, meeting.pk)
    return _form_page(request, "governance/meeting_record.html", {"partnership": partnership}, form)


@requires(VIEW)
def meeting_edit(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    form = forms.MeetingForm(_posted(request), partnership=meeting.partnership, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.meeting_update(
            meeting=meeting, by=request.user, late_reason=form.cleaned_data.get("late_reason") or "",
            **form.service_fields()))
        if done:
            messages.success(request, _("The meeting has been saved. If its time or place changed, everyone "
                                        "invited is sent an update."))
            return _back(request, meeting)
    return _form_page(request, "governance/meeting_form.html", {"partnership": meeting.partnership,
                                                                 "meeting": meeting}, form)


@requires(VIEW)
def meeting_cancel(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    form = forms.CancelForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.meeting_cancel(meeting=meeting, by=request.user,
                                                          reason=form.cleaned_data["reason"],
                                                          reason_cy=form.cleaned_data["reason_cy"]))
        if done:
            messages.success(request, _("The meeting is cancelled. Everyone who had notice is told."))
            return _back(request, meeting)
    return _form_page(request, "governance/meeting_cancel.html", {"meeting": meeting}, form)


# --- The meeting page -----------------------------------------------------------------------------

@requires(VIEW)
def meeting_detail(request, consortium_slug, pk):
    meeting = _meeting(request, pk, READ)
    context = selectors.meeting_page(meeting, request.user, request._governance_viewer)
    deadline = rules.notice_deadline(starts_at=meeting.starts_at, **rules.notice_of(meeting.partnership))
    given = (rules.notice_days_given(sent_at=meeting.notice_sent_at, starts_at=meeting.starts_at,
                                     counting=meeting.partnership.notice_counting) if meeting.notice_sent_at else None)
    return render(request, "governance/meeting_detail.html", {
        "meeting": meeting, "partnership": meeting.partnership, "notice_deadline": deadline,
        "notice_given": given, "today": timezone.localdate(),
        "can_record_attendance": rules.local_date(meeting.starts_at) <= timezone.localdate(), **context})


@requires(VIEW)
def meeting_ics(request, consortium_slug, pk):
    meeting = _meeting(request, pk, READ)
    content = ics.meeting_invitation(meeting, consortium_slug=consortium_slug,
                                     partnership_name=meeting.partnership.display_name())
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
