"""Every write to meetings and their records. Emails leave only through the outbox, after commit.

NOTE: every sender here is exactly-once by construction: outbox rows are keyed by (recipient,
purpose, object, version), so a task that runs twice, or restarts after a worker died half-way
through a batch, finds the rows it already made and makes only the missing ones.

One module per area; this package re-exports their public names, so `services.meeting_schedule(...)`
works as before. A test that replaces a name must replace it in the module that looks it up.
"""

from ._common import (
    ACTION_DUE,
    ACTION_OVERDUE,
    CANCELLATION,
    INTERESTS_DUE,
    INTERESTS_OVERDUE,
    MINUTES_CIRCULATED,
    NOTICE,
    PAPER_PUBLISHED,
    REMINDER,
    TERM_ENDING,
)
from .actions import action_create, action_update, decision_record
from .attendance import attendance_record, reply_record
from .elections import (
    election_close,
    election_open,
    election_start_voting,
    nomination_add,
    rotation_set,
    term_warnings_send,
    vote_cast,
)
from .interests import (
    declaration_record,
    interests_confirm,
    interests_reminders_send,
    standing_interest_add,
    standing_interest_end,
)
from .meetings import meeting_cancel, meeting_record, meeting_schedule, meeting_update
from .minutes import minutes_approve, minutes_circulate, minutes_pdf, minutes_recipients, minutes_save
from .notices import meeting_cancellation_dispatch, meeting_notice_send, meeting_notices_dispatch, meeting_notices_sweep
from .notifications import (
    calendar_feed_for_token,
    calendar_feed_reset,
    notification_cancel,
    notification_postpone,
    notification_retry,
    subscription_set,
)
from .papers import (
    MAX_PAPER_BYTES,
    PAPER_TYPES,
    agenda_agree,
    agenda_item_delete,
    agenda_item_save,
    paper_delete,
    paper_published_notify,
    paper_upload,
    validate_paper_file,
)

__all__ = [
    # Outbox purposes
    "ACTION_DUE", "ACTION_OVERDUE", "CANCELLATION", "INTERESTS_DUE", "INTERESTS_OVERDUE", "MINUTES_CIRCULATED",
    "NOTICE", "PAPER_PUBLISHED", "REMINDER", "TERM_ENDING",
    # Meetings
    "meeting_cancel", "meeting_record", "meeting_schedule", "meeting_update",
    # Agenda and papers
    "MAX_PAPER_BYTES", "PAPER_TYPES", "agenda_agree", "agenda_item_delete", "agenda_item_save", "paper_delete",
    "paper_published_notify", "paper_upload", "validate_paper_file",
    # Notices and reminders
    "meeting_cancellation_dispatch", "meeting_notice_send", "meeting_notices_dispatch", "meeting_notices_sweep",
    # Replies and attendance
    "attendance_record", "reply_record",
    # Interests
    "declaration_record", "interests_confirm", "interests_reminders_send", "standing_interest_add",
    "standing_interest_end",
    # Minutes
    "minutes_approve", "minutes_circulate", "minutes_pdf", "minutes_recipients", "minutes_save",
    # Decisions and actions
    "action_create", "action_update", "decision_record",
    # Note-taker rotation, elections, terms of office
    "election_close", "election_open", "election_start_voting", "nomination_add", "rotation_set",
    "term_warnings_send", "vote_cast",
    # Subscriptions, calendar feed, notifications page
    "calendar_feed_for_token", "calendar_feed_reset", "notification_cancel", "notification_postpone",
    "notification_retry", "subscription_set",
]
