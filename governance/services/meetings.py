"""Scheduling, changing and cancelling meetings."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia import dates
from consortia.queue import enqueue_on_commit
from consortia.scoping import require_same_consortium
from partnerships.models import Partnership

from .. import rules, selectors
from ..models import AgendaItem, Meeting
from ._common import NOTICE, REMINDER, _cancel_queued, _lock, _officer_ok


def _validate_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    dates.MEETING.check(starts_at, field="starts_at")
    dates.MEETING.check(ends_at, field="ends_at")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})


def _new_meeting(*, partnership: Partnership, created_by, title: str, title_cy: str, starts_at: dt.datetime,
                 ends_at: dt.datetime, kind: str, group, venue: str, online_link: str, chair, note_taker,
                 **state) -> Meeting:
    require_same_consortium(partnership.consortium_id, group)
    if group is not None and group.partnership_id != partnership.pk:
        raise ValidationError({"group": _("Choose a group of this partnership.")})
    _validate_times(starts_at, ends_at)
    if not venue and not online_link:
        raise ValidationError({"venue": _("Give a venue or an online meeting link.")})
    chair = chair or selectors.current_chair(partnership)
    note_taker = note_taker or selectors.next_note_taker(partnership)
    _officer_ok(partnership, chair)
    _officer_ok(partnership, note_taker)
    meeting = Meeting(consortium_id=partnership.consortium_id, partnership=partnership, group=group, title=title,
                      title_cy=(title_cy or "").strip(), kind=kind, starts_at=starts_at, ends_at=ends_at, venue=venue,
                      online_link=online_link, chair=chair, note_taker=note_taker, created_by=created_by, **state)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_schedule(*, partnership: Partnership, created_by, title: str, starts_at: dt.datetime,
                     ends_at: dt.datetime, kind: str = Meeting.Kind.STRATEGIC, group=None, venue: str = "",
                     online_link: str = "", chair=None, note_taker=None, title_cy: str = "",
                     now: dt.datetime | None = None) -> Meeting:
    """Plan a meeting. Without a named note-taker the partnership's rotation picks the next one.

    Only a meeting still to come is planned: one that has taken place is recorded with
    `meeting_record`, with its attendance, so it never waits as "planned" for a notice it cannot have.
    """
    if starts_at <= (now or timezone.now()):
        raise ValidationError({"starts_at": _(
            "That time has passed. To add a meeting that has already taken place, record it with its "
            "attendance instead.")})
    return _new_meeting(partnership=partnership, created_by=created_by, title=title, title_cy=title_cy,
                        starts_at=starts_at, ends_at=ends_at, kind=kind, group=group, venue=venue,
                        online_link=online_link, chair=chair, note_taker=note_taker)


@transaction.atomic
def meeting_record(*, partnership: Partnership, recorded_by, title: str, starts_at: dt.datetime,
                   ends_at: dt.datetime, people: dict[int, str], kind: str = Meeting.Kind.STRATEGIC, group=None,
                   venue: str = "", online_link: str = "", chair=None, note_taker=None, title_cy: str = "",
                   agenda: list[dict] | None = None, notice_sent_on: dt.date | None = None,
                   guests: list[dict] | None = None, now: dt.datetime | None = None) -> Meeting:
    """Record a meeting that took place (held before it was in the system, say): its details, the
    agenda it followed, the date its notice went (when known) and who attended. It is held at once.

    `people` maps person id → present, apologies or absent, as `attendance_record` takes it.
    """
    from .attendance import attendance_record

    now = now or timezone.now()
    if starts_at > now:
        raise ValidationError({"starts_at": _(
            "That meeting has not happened yet. Plan it instead, and send its notice.")})
    if not people:
        raise ValidationError({"people": _("Record who attended.")})
    if notice_sent_on is not None and notice_sent_on > rules.local_date(starts_at):
        raise ValidationError({"notice_sent_on": _("The notice cannot have gone after the meeting.")})
    notice = {}
    if notice_sent_on is not None:
        # NOTE: only the date is known; noon keeps it on that UK date whatever the clocks do.
        notice = {"notice_sent_at": rules.local_morning(notice_sent_on, 12),
                  "notice_late": rules.notice_is_late(sent_at=notice_sent_on, starts_at=starts_at,
                                                      **rules.notice_of(partnership))}
    meeting = _new_meeting(partnership=partnership, created_by=recorded_by, title=title, title_cy=title_cy,
                           starts_at=starts_at, ends_at=ends_at, kind=kind, group=group, venue=venue,
                           online_link=online_link, chair=chair, note_taker=note_taker, recorded_after=True,
                           **notice)
    for position, item in enumerate(agenda or [], start=1):
        title_ = (item.get("title") or "").strip()
        if not title_:
            continue
        AgendaItem(consortium_id=meeting.consortium_id, meeting=meeting, position=position, title=title_[:300],
                   title_cy=(item.get("title_cy") or "").strip()[:300]).save()
    meeting.agenda_agreed_at = now
    meeting.save(update_fields=["agenda_agreed_at"])
    return attendance_record(meeting=meeting, by=recorded_by, people=people, guests=guests, now=now)


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, late_reason: str = "", now: dt.datetime | None = None,
                   **fields) -> Meeting:
    """Change a meeting's details. Moving its time or place after notice is a reschedule: the version
    goes up and everyone is sent an update (same calendar UID, higher SEQUENCE)."""
    allowed = {"title", "title_cy", "kind", "group", "starts_at", "ends_at", "venue", "online_link", "chair",
               "note_taker"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name in ("starts_at", "ends_at"):
        if name in fields:  # before any rule does arithmetic on them
            dates.MEETING.check(fields[name], field=name)
    meeting = _lock(meeting)
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        raise ValidationError(_("A held or cancelled meeting cannot be changed."))
    require_same_consortium(meeting.consortium_id, fields.get("group"))
    for officer in ("chair", "note_taker"):
        if officer in fields:
            _officer_ok(meeting.partnership, fields[officer])
    moved = any(name in fields and fields[name] != getattr(meeting, name)
                for name in ("starts_at", "ends_at", "venue", "online_link"))
    now = now or timezone.now()
    if "starts_at" in fields and fields["starts_at"] != meeting.starts_at and fields["starts_at"] <= now:
        raise ValidationError({"starts_at": _("A meeting cannot be moved to a time that has passed.")})
    for name, value in fields.items():
        setattr(meeting, name, value)
    _validate_times(meeting.starts_at, meeting.ends_at)
    if moved and meeting.status == Meeting.Status.NOTICE_SENT:
        meeting.version += 1
        if rules.notice_is_late(sent_at=now, starts_at=meeting.starts_at, **rules.notice_of(meeting.partnership)):
            if not late_reason.strip():
                raise ValidationError({"late_reason": _(
                    "The new time gives less than %(days)s days' notice: record why the meeting is called at "
                    "short notice.") % {"days": meeting.partnership.notice_days}})
            meeting.notice_late = True
            meeting.late_notice_reason = late_reason.strip()
        meeting.notice_sent_at = now
    meeting.full_clean()
    meeting.save()
    if moved and meeting.status == Meeting.Status.NOTICE_SENT:
        from .. import tasks

        enqueue_on_commit(tasks.meeting_notices_dispatch, meeting.consortium_id, meeting.pk)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str, reason_cy: str = "") -> Meeting:
    """Cancel a meeting; if notice went out, everyone is sent a cancellation (METHOD:CANCEL).

    The reason is sent, so it can be given in Welsh too; each reader gets their language's."""
    meeting = _lock(meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting is already cancelled."))
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError(_("A meeting that has been held cannot be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    noticed = meeting.notice_sent_at is not None
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_reason = reason.strip()
    meeting.cancelled_reason_cy = (reason_cy or "").strip()
    meeting.version += 1
    meeting.save(update_fields=["status", "cancelled_reason", "cancelled_reason_cy", "version"])
    _cancel_queued(about_type="governance.meeting", about_id=meeting.pk, consortium_id=meeting.consortium_id,
                   purposes=tuple(f"{REMINDER}_{d}d" for d in rules.MEETING_REMINDER_DAYS) + (NOTICE,))
    if noticed:
        from .. import tasks

        enqueue_on_commit(tasks.meeting_cancellation_dispatch, meeting.consortium_id, meeting.pk)
    return meeting
