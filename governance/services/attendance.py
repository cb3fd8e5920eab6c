"""Replies to a notice and the attendance recorded on the day."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.scoping import require_same_consortium
from partnerships.models import Employment

from .. import rules, selectors
from ..models import Attendance, Decision, Meeting, Reply
from ._common import _lock


@transaction.atomic
def reply_record(*, meeting: Meeting, user, response: str, delegate_name: str = "", note: str = "") -> Reply:
    """A reply to the notice, from someone it was sent to."""
    meeting = Meeting.objects.select_related("partnership").get(consortium_id=meeting.consortium_id, pk=meeting.pk)
    if meeting.status != Meeting.Status.NOTICE_SENT:
        raise ValidationError(_("Replies open when the notice is sent, and close when the meeting is held."))
    if not rules.replies_open(status=meeting.status, starts_at=meeting.starts_at):
        raise ValidationError(_("The meeting has started, so replies to its notice are closed. The attendance "
                                "is recorded on the day."))
    if user.pk not in {person.pk for person, _viewer in selectors.invitees(meeting)}:
        raise ValidationError(_("Only the people sent the notice reply to it."))
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


def _employers_on(meeting: Meeting, user_ids, member_ids: set[int]) -> dict[int, int]:
    """Person id → the member organisation they worked for on the day of the meeting, if any."""
    day = rules.local_date(meeting.starts_at)
    rows = (Employment.objects.filter(consortium_id=meeting.consortium_id, user_id__in=list(user_ids),
                                      organisation_id__in=member_ids, started_on__lte=day)
            .exclude(ended_on__lt=day).order_by("user_id", "-started_on").values_list("user_id", "organisation_id"))
    found: dict[int, int] = {}
    for user_id, organisation_id in rows:
        found.setdefault(user_id, organisation_id)
    return found


@transaction.atomic
def attendance_record(*, meeting: Meeting, by, people: dict[int, str], guests: list[dict] | None = None,
                      now: dt.datetime | None = None) -> Meeting:
    """Record who came, on the day: `people` maps person id → status; guests and delegates have a name
    and the member organisation they stand for (given, they replace the guests recorded before; None
    keeps them). The meeting is then held.

    Each person counts for the member organisation they represent, or else for the member
    organisation they work for: a chair who is head of a member school is that school at the table.
    """
    now = now or timezone.now()
    meeting = _lock(meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if rules.local_date(meeting.starts_at) > rules.local_date(now):
        raise ValidationError(_("Attendance can be recorded from the day of the meeting."))
    invited = {user.pk: viewer for user, viewer in selectors.invitees(meeting)}
    # Someone outside the meeting's group who is simply marked absent is left out, not refused.
    people = {user_id: status for user_id, status in people.items()
              if user_id in invited or status != Attendance.Status.ABSENT}
    unknown = set(people) - set(invited)
    if unknown:
        raise ValidationError(_("Some of those people were not invited to this meeting."))
    if any(status not in Attendance.Status.values for status in people.values()):
        raise ValidationError(_("Choose present, apologies or absent."))
    member_ids = set(selectors.members_on(meeting.partnership_id, meeting.consortium_id,
                                          rules.local_date(meeting.starts_at)).values_list("organisation_id",
                                                                                           flat=True))
    employers = _employers_on(meeting, [pk for pk in people if not invited[pk].organisation_ids], member_ids)
    for user_id, status in people.items():
        organisation_ids = sorted(invited[user_id].organisation_ids)
        organisation_id = organisation_ids[0] if organisation_ids else employers.get(user_id)
        Attendance.objects.update_or_create(
            consortium_id=meeting.consortium_id, meeting=meeting, user_id=user_id,
            defaults={"status": status, "organisation_id": organisation_id, "recorded_at": now})
    if guests is not None:
        # The guests given replace those recorded before (the page shows them again to correct).
        Attendance.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting, user__isnull=True).delete()
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
    # Decisions record whether the meeting was quorate: a corrected register corrects them too.
    quorate = selectors.meeting_quorum(meeting).quorate
    Decision.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting).exclude(quorate=quorate).update(
        quorate=quorate)
    return meeting
