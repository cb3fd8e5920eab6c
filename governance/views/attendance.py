"""Replies to a notice, the attendance on the day, and declarations of interest at a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.permissions import requires
from partnerships.models import PartnershipMembership

from .. import forms, rules, selectors, services
from ..models import Attendance
from ._common import READ, RECORD, VIEW, _back, _form_page, _meeting, _posted, _run


@requires(VIEW)
def meeting_reply(request, consortium_slug, pk):
    meeting = _meeting(request, pk, READ)
    if meeting.status != meeting.Status.NOTICE_SENT or request.user.pk not in {
            user.pk for user, _viewer in selectors.invitees(meeting)}:
        messages.info(request, _("Replies are for the people sent the notice, from when it is sent until the "
                                 "meeting is held."))
        return _back(request, meeting)
    if not rules.replies_open(status=meeting.status, starts_at=meeting.starts_at):
        # The meeting has begun: nothing to answer any more, and the page says so (not a form that would fail).
        return render(request, "governance/reply_closed.html", {"meeting": meeting}, status=409)
    current = meeting.replies.filter(user=request.user).first()
    form = forms.ReplyForm(_posted(request), instance=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(form, lambda: services.reply_record(meeting=meeting, user=request.user, **data))
        if done:
            messages.success(request, _("Your reply has been recorded."))
            return _back(request, meeting)
    return _form_page(request, "governance/reply_form.html", {"meeting": meeting}, form)


@requires(VIEW)
def attendance_record(request, consortium_slug, pk):
    meeting = _meeting(request, pk, RECORD)
    people = [user for user, _viewer in selectors.invitees(meeting)]
    if meeting.status == meeting.Status.CANCELLED or rules.local_date(meeting.starts_at) > timezone.localdate():
        messages.info(request, _("Attendance can be recorded from the day of the meeting."))
        return _back(request, meeting)
    recorded = list(Attendance.objects.for_consortium(request.consortium).filter(meeting=meeting))
    existing = {a.user_id: a.status for a in recorded if a.user_id}
    guests = {}
    for n, guest in enumerate([a for a in recorded if not a.user_id][:forms.GUEST_LINES]):
        guests.update({f"guest_{n}_name": guest.name, f"guest_{n}_organisation": guest.organisation_id})
    if not existing:
        replies = {r.user_id: r.response for r in meeting.replies.all()}
        existing = {uid: ("apologies" if response in ("apologies", "delegate") else "present")
                    for uid, response in replies.items()}
    organisations = PartnershipMembership.objects.for_consortium(request.consortium).filter(
        partnership=meeting.partnership, left_on__isnull=True).values("organisation_id")
    from partnerships.models import Organisation

    form = forms.AttendanceForm(_posted(request), people=people, existing=existing, initial=guests,
                                member_organisations=Organisation.objects.filter(pk__in=organisations))
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.attendance_record(meeting=meeting, by=request.user,
                                                             people=form.people_statuses(), guests=form.guests()))
        if done:
            messages.success(request, _("Attendance has been recorded."))
            return _back(request, meeting, "#attendance-heading")
    return _form_page(request, "governance/attendance_form.html", {"meeting": meeting}, form)


@requires(VIEW)
def declaration_add(request, consortium_slug, pk):
    meeting = _meeting(request, pk, READ)
    form = forms.DeclarationForm(_posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(form, lambda: services.declaration_record(meeting=meeting, user=request.user, **data))
        if done:
            messages.success(request, _("Your declaration of interest has been recorded."))
            return _back(request, meeting, "#declarations-heading")
    return _form_page(request, "governance/declaration_form.html", {"meeting": meeting}, form)
