"""What every area of governance writes with: the outbox purposes, locking a meeting, queueing and cancelling emails."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consortia.models import OutboundEmail
from consortia.outbox import outbox_enqueue
from partnerships.models import Partnership, PartnershipRole

from .. import ics, rules
from ..models import Meeting

# The outbox purposes, one for each kind of email governance sends.
NOTICE = "meeting_notice"
CANCELLATION = "meeting_cancellation"
REMINDER = "meeting_reminder"
ACTION_DUE = "action_reminder_due"
ACTION_OVERDUE = "action_reminder_overdue"
MINUTES_CIRCULATED = "minutes_circulated"
PAPER_PUBLISHED = "paper_published"
INTERESTS_DUE = "interests_reminder"
INTERESTS_OVERDUE = "interests_reminder_overdue"
TERM_ENDING = "chair_term_ending"


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _lock(meeting: Meeting) -> Meeting:
    locked = (Meeting.objects.select_for_update(of=("self",))
              .select_related("partnership", "partnership__consortium", "group", "chair", "note_taker")
              .get(consortium_id=meeting.consortium_id, pk=meeting.pk))
    return locked


def _language(user) -> str:
    return "cy" if (getattr(user, "preferred_language", "") or "").startswith("cy") else "en"


def _enqueue(*, consortium, user, purpose: str, about, version: int, template: str, context: dict,
             subject, attachments=None, not_before=None):
    """Render an email in the recipient's language and put it in the outbox (once per version)."""
    language = _language(user)
    with translation.override(language):
        context = {**context, "recipient": user, "language": language}
        return outbox_enqueue(
            consortium=consortium, recipient=user.email, purpose=purpose, about=about, version=version,
            subject=str(subject() if callable(subject) else subject), language=language,
            body_text=render_to_string(f"governance/email/{template}.txt", context),
            body_html=render_to_string(f"governance/email/{template}.html", context),
            attachments=attachments, not_before=not_before,
        )


def _cancel_queued(*, about_type: str, about_id, purposes: tuple[str, ...], consortium_id: int,
                   version_below: int | None = None, exclude_recipients=None) -> int:
    queued = OutboundEmail.objects.filter(
        consortium_id=consortium_id, object_type=about_type, object_id=str(about_id),
        status__in=[OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING],
    ).filter(purpose__in=purposes) if purposes else OutboundEmail.objects.none()
    if version_below is not None:
        queued = queued.filter(version__lt=version_below)
    if exclude_recipients is not None:
        queued = queued.exclude(recipient__in=exclude_recipients)
    return queued.update(status=OutboundEmail.Status.CANCELLED, last_error=_("Cancelled: no longer needed."))


def _officer_ok(partnership: Partnership, user) -> None:
    if user is not None and not PartnershipRole.objects.filter(
        consortium_id=partnership.consortium_id, partnership=partnership, user=user, ended_at__isnull=True,
    ).exists():
        # NOTE: the person is not named: the id may have come from someone who cannot see them.
        raise ValidationError(_("That person holds no role in this partnership."))


def _meeting_context(meeting: Meeting) -> dict:
    slug = meeting.partnership.consortium.slug
    partnership = meeting.partnership
    given = (rules.notice_days_given(sent_at=meeting.notice_sent_at, starts_at=meeting.starts_at,
                                     counting=partnership.notice_counting) if meeting.notice_sent_at else None)
    return {"meeting": meeting, "partnership": meeting.partnership, "consortium_slug": slug,
            "notice_given": given, "notice_days": partnership.notice_days,
            "clear_days": partnership.notice_counting == rules.CLEAR,
            "meeting_url": ics.meeting_url(meeting, slug),
            "reply_url": _site(reverse("meeting_reply", args=[slug, meeting.pk])),
            "ics_url": _site(reverse("meeting_ics", args=[slug, meeting.pk]))}


def _when(meeting: Meeting) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(meeting.starts_at, rules.LONDON), "l j F Y, H:i")
