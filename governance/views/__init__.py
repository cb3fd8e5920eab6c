"""Meeting pages. Thin: resolve (404 outside the consortium), check the partnership permission (403),
call a selector or a service, render.

One module per area; this package re-exports the views, so `views.meeting_detail` in the URL
configuration and `from .views import partnership_panel` in apps.py work as before.
"""

from ._common import MANAGE, READ, RECORD, VIEW, VOTE
from .actions import action_add, action_edit, decision_add, my_actions, partnership_actions
from .attendance import attendance_record, declaration_add, meeting_reply
from .feeds import calendar_feed, calendar_feed_public, subscription_toggle
from .interest_register import interests
from .meetings import (
    meeting_cancel,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_ics,
    meeting_list,
    meeting_record,
)
from .minutes import minutes_approve, minutes_edit, minutes_pdf
from .notices import meeting_notice
from .officers import election_detail, elections, rotation_edit
from .oversight import compliance, notification_change, notifications
from .panel import partnership_panel
from .papers import agenda_agree, agenda_item_add, agenda_item_delete, paper_delete, paper_download, paper_upload

__all__ = [
    # The permissions the pages check
    "MANAGE", "READ", "RECORD", "VIEW", "VOTE",
    # Meetings: the list, scheduling and editing, the meeting page
    "meeting_cancel", "meeting_create", "meeting_detail", "meeting_edit", "meeting_ics", "meeting_list",
    "meeting_record",
    # Agenda and papers
    "agenda_agree", "agenda_item_add", "agenda_item_delete", "paper_delete", "paper_download", "paper_upload",
    # Notice
    "meeting_notice",
    # Replies, attendance, declarations
    "attendance_record", "declaration_add", "meeting_reply",
    # Minutes
    "minutes_approve", "minutes_edit", "minutes_pdf",
    # Decisions and actions
    "action_add", "action_edit", "decision_add", "my_actions", "partnership_actions",
    # Note-taker rotation and elections
    "election_detail", "elections", "rotation_edit",
    # Interests
    "interests",
    # Compliance and notifications
    "compliance", "notification_change", "notifications",
    # Subscriptions and the calendar feed
    "calendar_feed", "calendar_feed_public", "subscription_toggle",
    # Panel on the partnership page
    "partnership_panel",
]
