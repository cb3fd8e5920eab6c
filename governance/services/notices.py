"""Notices of meetings and their reminders: sending, dispatching, cancelling, and the scheduled sweep."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia import dates
from consortia.queue import enqueue_on_commit

from .. import ics, rules, selectors
from ..models import AgendaItem, Meeting
from ._common import (
    CANCELLATION,
    NOTICE,
    REMINDER,
    _cancel_queued,
    _enqueue,
    _language,
    _lock,
    _meeting_context,
    _site,
    _when,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def meeting_notice_send(*, meeting: Meeting, by, late_reason: str = "", late_reason_cy: str = "",
                        message: str = "", message_cy: str = "", now: dt.datetime | None = None) -> Meeting:
    """Send the notice: every current representative gets the agenda, their papers and an invitation.

    A notice later than the partnership's notice days (counted its way: clear or calendar days) is
    allowed only with a recorded reason. `message` is the chair's own words above the agenda; it and
    the reason may be given in Welsh too, and each person reads them in their language.
    The emails are queued by a task after commit, one per person per meeting version.
    """
    now = now or timezone.now()
    meeting = _lock(meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("The notice of this meeting has already been sent, or it is over."))
    if meeting.starts_at <= now:
        raise ValidationError(_("This meeting has already started."))
    if meeting.agenda_agreed_at is None:
        raise ValidationError(_("Agree the agenda before sending the notice."))
    late = rules.notice_is_late(sent_at=now, starts_at=meeting.starts_at, **rules.notice_of(meeting.partnership))
    if late and not (late_reason.strip() or late_reason_cy.strip()):
        raise ValidationError({"late_reason": _(
            "This is less than %(days)s days' notice: record why the meeting is called at short notice."
        ) % {"days": meeting.partnership.notice_days}})
    meeting.status = Meeting.Status.NOTICE_SENT
    meeting.notice_sent_at = now
    meeting.notice_late = late
    meeting.late_notice_reason = late_reason.strip() if late else ""
    meeting.late_notice_reason_cy = late_reason_cy.strip() if late else ""
    meeting.notice_message, meeting.notice_message_cy = message.strip(), message_cy.strip()
    meeting.save(update_fields=["status", "notice_sent_at", "notice_late", "late_notice_reason",
                                "late_notice_reason_cy", "notice_message", "notice_message_cy"])
    from .. import tasks

    enqueue_on_commit(tasks.meeting_notices_dispatch, meeting.consortium_id, meeting.pk)
    return meeting


def meeting_notices_dispatch(*, meeting: Meeting, now: dt.datetime | None = None) -> int:
    """Queue the notice (or update) and the planned reminders for every current invitee.

    Safe to run any number of times and to resume after a crash: rows already queued are found,
    not made again. Each email is its own small transaction on purpose, so a batch interrupted
    half-way keeps what it did and a rerun completes it.
    """
    now = now or timezone.now()
    meeting = selectors.meetings_base(meeting.consortium_id).select_related("partnership__consortium").get(
        pk=meeting.pk)
    if meeting.status != Meeting.Status.NOTICE_SENT or meeting.starts_at <= now:
        return 0
    consortium = meeting.partnership.consortium
    people = selectors.invitees(meeting)
    papers = list(selectors.papers_with_audience(meeting))
    items = list(AgendaItem.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting).select_related(
        "owner"))
    base = _meeting_context(meeting)
    is_update = meeting.version > 1
    reminder_purposes = tuple(f"{REMINDER}_{d}d" for d in rules.MEETING_REMINDER_DAYS)
    # Older versions' reminders, and reminders to people no longer invited, must not go out.
    _cancel_queued(about_type="governance.meeting", about_id=meeting.pk, consortium_id=meeting.consortium_id,
                   purposes=reminder_purposes + (NOTICE,), version_below=meeting.version)
    _cancel_queued(about_type="governance.meeting", about_id=meeting.pk, consortium_id=meeting.consortium_id,
                   purposes=reminder_purposes, exclude_recipients=[u.email.lower() for u, _v in people])
    queued = 0
    for user, viewer in people:
        mine = [p for p in papers if selectors.paper_visible(p, viewer, meeting)]
        paper_links = [(p, _site(reverse("paper_download", args=[consortium.slug, p.pk]))) for p in mine]
        context = {**base, "items": items, "papers": paper_links, "is_update": is_update}
        language = _language(user)
        invitation = ics.meeting_invitation(meeting, consortium_slug=consortium.slug, attendee=user.email,
                                            partnership_name=meeting.partnership.display_name(language),
                                            language=language)
        _email, created = _enqueue(
            consortium=consortium, user=user, purpose=NOTICE, about=meeting, version=meeting.version,
            template="notice", context=context, attachments=[ics.as_attachment(meeting, invitation)],
            subject=lambda: (_("Updated: %(title)s, %(when)s") if is_update else _("Notice of meeting: %(title)s, "
                                                                                     "%(when)s")) % {
                "title": meeting.display_title, "when": _when(meeting)},
        )
        queued += created
        for days in rules.MEETING_REMINDER_DAYS:
            send_at = rules.local_morning(dates.shift(rules.local_date(meeting.starts_at), -days))
            if send_at <= now:
                continue
            _email, created = _enqueue(
                consortium=consortium, user=user, purpose=f"{REMINDER}_{days}d", about=meeting,
                version=meeting.version, template="reminder", context={**context, "days": days},
                not_before=send_at,
                subject=lambda: _("Reminder: %(title)s, %(when)s") % {"title": meeting.display_title,
                                                                     "when": _when(meeting)},
            )
            queued += created
    return queued


def meeting_cancellation_dispatch(*, meeting: Meeting) -> int:
    meeting = selectors.meetings_base(meeting.consortium_id).select_related("partnership__consortium").get(
        pk=meeting.pk)
    if meeting.status != Meeting.Status.CANCELLED or meeting.notice_sent_at is None:
        return 0
    consortium = meeting.partnership.consortium
    queued = 0
    for user, _viewer in selectors.invitees(meeting):
        language = _language(user)
        invitation = ics.meeting_invitation(meeting, consortium_slug=consortium.slug, attendee=user.email,
                                            partnership_name=meeting.partnership.display_name(language),
                                            language=language)
        _email, created = _enqueue(
            consortium=consortium, user=user, purpose=CANCELLATION, about=meeting, version=meeting.version,
            template="cancellation", context=_meeting_context(meeting),
            attachments=[ics.as_attachment(meeting, invitation)],
            subject=lambda: _("Cancelled: %(title)s, %(when)s") % {"title": meeting.display_title,
                                                                  "when": _when(meeting)},
        )
        queued += created
    return queued


def meeting_notices_sweep(*, now: dt.datetime | None = None) -> int:
    """Scheduled: complete the notices of every upcoming meeting whose notice has gone out.

    It catches a dispatch that was lost or died half-way and people who became representatives
    after the notice; the outbox's uniqueness means no one is notified twice.
    """
    now = now or timezone.now()
    queued = 0
    upcoming = Meeting.objects.filter(status=Meeting.Status.NOTICE_SENT, starts_at__gt=now).values_list(
        "consortium_id", "pk")
    for consortium_id, meeting_id in upcoming:
        try:
            queued += meeting_notices_dispatch(meeting=Meeting(consortium_id=consortium_id, pk=meeting_id), now=now)
        except Exception:  # one broken meeting must not stop the others' notices
            logger.exception("Notices for meeting %s failed", meeting_id)
    return queued
