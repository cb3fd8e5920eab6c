"""Decisions recorded at meetings, and actions with their reminders."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia import dates
from consortia.scoping import require_same_consortium
from partnerships.models import Partnership

from .. import rules, selectors
from ..models import Action, AgendaItem, Decision, Meeting
from ._common import ACTION_DUE, ACTION_OVERDUE, _cancel_queued, _enqueue, _lock, _officer_ok, _site


@transaction.atomic
def decision_record(*, meeting: Meeting, by, text: str, outcome: str = Decision.Outcome.AGREED,
                    agenda_item: AgendaItem | None = None, vote_taken: bool = False, votes_for: int | None = None,
                    votes_against: int | None = None, votes_abstaining: int | None = None,
                    text_cy: str = "") -> Decision:
    """Record a decision, marked as taken without a quorum when the meeting was not quorate.

    Only once attendance is recorded (the meeting is held): before that the quorum is not known.
    """
    require_same_consortium(meeting.consortium_id, agenda_item)
    meeting = _lock(meeting)  # its status as it is now, not as the caller last read it
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item on this meeting's agenda.")})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Record the attendance first: whether a decision had a quorum depends on it."))
    if vote_taken and None in (votes_for, votes_against, votes_abstaining):
        raise ValidationError(_("Give the votes for, against and abstaining."))
    if not vote_taken:
        votes_for = votes_against = votes_abstaining = None
    decision = Decision(consortium_id=meeting.consortium_id, meeting=meeting, agenda_item=agenda_item, text=text,
                        text_cy=(text_cy or "").strip(), outcome=outcome, vote_taken=vote_taken,
                        votes_for=votes_for, votes_against=votes_against, votes_abstaining=votes_abstaining,
                        quorate=selectors.meeting_quorum(meeting).quorate, recorded_by=by)
    decision.full_clean()
    decision.save()
    return decision


def _plan_action_reminders(action: Action) -> None:
    _cancel_queued(about_type="governance.action", about_id=action.pk, consortium_id=action.consortium_id,
                   purposes=(ACTION_DUE, ACTION_OVERDUE), version_below=action.version)
    if not action.is_open:
        _cancel_queued(about_type="governance.action", about_id=action.pk, consortium_id=action.consortium_id,
                       purposes=(ACTION_DUE, ACTION_OVERDUE))
        return
    consortium = action.partnership.consortium
    url = _site(reverse("my_actions", args=[consortium.slug]))
    now = timezone.now()
    plan = [
        # shift(): safe for any due date already stored, however far off.
        (ACTION_DUE, dates.shift(action.due_on, -rules.ACTION_REMINDER_BEFORE_DAYS)),
        (ACTION_OVERDUE, dates.shift(action.due_on, rules.ACTION_REMINDER_AFTER_DAYS)),
    ]
    for purpose, day in plan:
        send_at = rules.local_morning(day)
        if send_at <= now and purpose == ACTION_DUE:
            continue
        overdue = purpose == ACTION_OVERDUE
        _enqueue(consortium=consortium, user=action.owner, purpose=purpose, about=action, version=action.version,
                 template="action", context={"action": action, "partnership": action.partnership, "url": url,
                                             "overdue": overdue},
                 not_before=max(send_at, now),
                 subject=lambda overdue=overdue: (_("Overdue action: %(title)s") if overdue
                                                  else _("Action due soon: %(title)s")) % {"title": action.title})


@transaction.atomic
def action_create(*, partnership: Partnership, title: str, owner, due_on: dt.date,
                  meeting: Meeting | None = None, title_cy: str = "") -> Action:
    require_same_consortium(partnership.consortium_id, meeting)
    dates.ACTION_DUE.check(due_on, field="due_on")
    if meeting is not None and meeting.partnership_id != partnership.pk:
        raise ValidationError({"meeting": _("Choose a meeting of this partnership.")})
    _officer_ok(partnership, owner)
    action = Action(consortium_id=partnership.consortium_id, partnership=partnership, meeting=meeting, title=title,
                    title_cy=(title_cy or "").strip(), owner=owner, due_on=due_on)
    action.full_clean()
    action.save()
    _plan_action_reminders(action)
    return action


@transaction.atomic
def action_update(*, action: Action, by, **fields) -> Action:
    """Change an action's title, status, due date or owner, as far as `by` may (selectors.action_changes_allowed);
    reminders are planned again for a new date or owner."""
    unknown = set(fields) - selectors.ACTION_RECORDER_CHANGES
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if "due_on" in fields:
        dates.ACTION_DUE.check(fields["due_on"], field="due_on")
    action = Action.objects.select_for_update(of=("self",)).select_related("partnership__consortium", "owner").get(
        consortium_id=action.consortium_id, pk=action.pk)
    allowed = selectors.action_changes_allowed(action, selectors.viewer_for(by, action.partnership))
    # A value sent unchanged (a full PUT of the action) is no change, so it needs no permission.
    changing = {name for name, value in fields.items() if value != getattr(action, name)}
    if not allowed:
        raise PermissionDenied(_("Only the action's owner, or whoever records the partnership's minutes, can "
                                 "change it."))
    if changing - allowed:
        raise PermissionDenied(_("As the action's owner you can change only its status and due date."))
    if "owner" in fields and fields["owner"] != action.owner:
        _officer_ok(action.partnership, fields["owner"])
    replan = any(name in fields and fields[name] != getattr(action, name) for name in ("due_on", "owner"))
    for name, value in fields.items():
        setattr(action, name, value)
    if replan:
        action.version += 1
    action.completed_at = timezone.now() if action.status == Action.Status.DONE else None
    action.full_clean()
    action.save()
    _plan_action_reminders(action)
    return action
