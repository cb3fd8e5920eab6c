"""Replies to a notice and the attendance recorded on the day."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.scoping import require_same_consortium

from .. import rules, selectors
from ..models import Attendance, Meeting, Reply
from ._common import _lock


@transaction.atomic
def reply_record(*, meeting: Meeting, user, response: str, delegate_name: str = "", note: str = "") -> Reply:
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT):
        raise ValidationError(_("Replies are closed for this meeting."))
    if response not in Reply.Response.values:
        raise ValidationError({"response": _("Choose a reply.")})
    if response == Reply.Response.DELEGATE and not delegate_name.strip():
        raise ValidationError({"delegate_name": _("Give the name of the person coming in your place.")})
    reply, _created = Reply.objects.update_or_create(
        consortium_id=meeting.consortium_id, meeting=meeting, user=user,
        defaults={"response": response, "note": note.strip(), "replied_at": timezone.now(),
                  "delegate_name": delegate_name.strip() if response == Reply.Response.DELEGATE else ""},
    )
    return reply


@transaction.atomic
def attendance_record(*, meeting: Meeting, by, people: dict[int, str], guests: list[dict] | None = None) -> Meeting:
    """Record who came, on the day: `people` maps person id → status; guests and delegates have a name
    and the member organisation they stand for. The meeting is then held."""
    meeting = _lock(meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if rules.local_date(meeting.starts_at) > timezone.localdate():
        raise ValidationError(_("Attendance can be recorded from the day of the meeting."))
    invited = {user.pk: viewer for user, viewer in selectors.invitees(meeting)}
    unknown = set(people) - set(invited)
    if unknown:
        raise ValidationError(_("Some of those people were not invited to this meeting."))
    for user_id, status in people.items():
        if status not in Attendance.Status.values:
            raise ValidationError(_("Choose present, apologies or absent."))
        organisation_ids = sorted(invited[user_id].organisation_ids)
        Attendance.objects.update_or_create(
            consortium_id=meeting.consortium_id, meeting=meeting, user_id=user_id,
            defaults={"status": status, "organisation_id": organisation_ids[0] if organisation_ids else None,
                      "recorded_at": timezone.now()})
    member_ids = set(selectors.members_on(meeting.partnership_id, meeting.consortium_id,
                                          rules.local_date(meeting.starts_at)).values_list("organisation_id",
                                                                                           flat=True))
    for guest in guests or []:
        name = (guest.get("name") or "").strip()
        if not name:
            continue
        organisation = guest.get("organisation")
        require_same_consortium(meeting.consortium_id, organisation)
        if organisation is not None and organisation.pk not in member_ids:
            raise ValidationError(_("A delegate must stand for a member organisation."))
        Attendance.objects.create(consortium_id=meeting.consortium_id, meeting=meeting, name=name,
                                  organisation=organisation, status=Attendance.Status.PRESENT,
                                  is_delegate=organisation is not None)
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status"])
    return meeting
