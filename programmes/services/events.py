"""Writes to events: scheduling, notices and reminders with invitations, cancellation, feedback."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consortia.models import OutboundEmail
from consortia.queue import enqueue_on_commit
from consortia.scoping import require_same_consortium

from .. import ics, rules
from ..models import Attendance, Cohort, Enrolment, Event, Feedback
from ..selectors import events as event_selectors
from . import emails

EVENT_FIELDS = {"kind", "title", "title_cy", "audience", "starts_at", "ends_at", "venue", "online_link",
                "counts_for_engagement", "recording_url", "content_url"}
# Changing these after the notice sends everyone an update (a new calendar SEQUENCE).
TIMING_FIELDS = {"starts_at", "ends_at", "venue", "online_link", "title", "title_cy"}
NOTICE = "programme_event_notice"
CANCELLATION = "programme_event_cancellation"
REMINDER = "programme_event_reminder"
FEEDBACK_REQUEST = "programme_event_feedback"
REMINDER_DAYS = (7, 1)
FEEDBACK_DAYS = 14  # how long after an event its survey is still sent


def when(event: Event) -> str:
    return date_format(timezone.localtime(event.starts_at, rules.LONDON), "l j F Y, H:i")


def _check(event: Event) -> None:
    if event.ends_at <= event.starts_at:
        raise ValidationError({"ends_at": _("The event must end after it starts.")})
    face_to_face_or_online = event.venue.strip() or event.online_link.strip()
    if event.kind != Event.Kind.SELF_STUDY and not face_to_face_or_online:
        raise ValidationError({"venue": _("Give a venue for a face-to-face event or a link for an online one.")})
    if event.recording_url and event.starts_at > timezone.now():
        raise ValidationError({"recording_url": _("Add the recording once the event has been held.")})
    event.full_clean(exclude=["consortium", "cohort", "created_by"])


@transaction.atomic
def event_save(*, cohort: Cohort, by, event: Event | None = None, **fields) -> Event:
    """Schedule an event, or change one; a change of time or place after the notice tells everyone again."""
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if event is None:
        event = Event(consortium_id=cohort.consortium_id, cohort=cohort, created_by=by)
        if "counts_for_engagement" not in fields:
            fields["counts_for_engagement"] = fields.get("kind") in Event.ENGAGEMENT_KINDS
    else:
        event = Event.objects.select_for_update().get(consortium_id=cohort.consortium_id, pk=event.pk)
        if event.is_cancelled:
            raise ValidationError(_("A cancelled event cannot be changed."))
    require_same_consortium(cohort.consortium_id, event)
    before = {name: getattr(event, name) for name in TIMING_FIELDS}
    for name, value in fields.items():
        setattr(event, name, value.strip() if isinstance(value, str) else value)
    _check(event)
    changed = event.pk and any(getattr(event, name) != value for name, value in before.items())
    if changed and event.notice_sent_at is not None:
        event.version += 1
    event.save()
    if changed and event.notice_sent_at is not None:
        from .. import tasks

        enqueue_on_commit(tasks.event_notices_dispatch, event.consortium_id, event.pk)
    return event


@transaction.atomic
def event_notify(*, event: Event, by) -> Event:
    """Send the notice with its calendar invitation to everyone expected, with reminders before it."""
    event = Event.objects.select_for_update().get(consortium_id=event.consortium_id, pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(_("This event is cancelled."))
    if event.starts_at <= timezone.now():
        raise ValidationError(_("This event has already started."))
    if event.notice_sent_at is None:
        event.notice_sent_at = timezone.now()
        event.save(update_fields=["notice_sent_at"])
    from .. import tasks

    enqueue_on_commit(tasks.event_notices_dispatch, event.consortium_id, event.pk)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by) -> Event:
    event = Event.objects.select_for_update().get(consortium_id=event.consortium_id, pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(_("This event is already cancelled."))
    if Attendance.objects.filter(consortium_id=event.consortium_id, event=event).exists():
        raise ValidationError(_("Attendance has been recorded for this event, so it cannot be cancelled."))
    event.state, event.version = Event.State.CANCELLED, event.version + 1
    event.save(update_fields=["state", "version"])
    OutboundEmail.objects.filter(
        consortium_id=event.consortium_id, object_type="programmes.event", object_id=str(event.pk),
        purpose__in=[NOTICE, *(f"{REMINDER}_{d}d" for d in REMINDER_DAYS)],
        status__in=[OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING],
    ).update(status=OutboundEmail.Status.CANCELLED, last_error=_("Cancelled: no longer needed."))
    if event.notice_sent_at is not None:
        from .. import tasks

        enqueue_on_commit(tasks.event_notices_dispatch, event.consortium_id, event.pk)
    return event


def _context(event: Event) -> dict:
    slug = event.cohort.programme.partnership.consortium.slug
    return {"event": event, "programme": event.cohort.programme, "cohort": event.cohort,
            "event_url": ics.event_url(event, slug)}


def event_notices_dispatch(*, event: Event, now: dt.datetime | None = None) -> int:
    """Queue the notice (or update, or cancellation) and the reminders for everyone expected.

    Safe to run any number of times: the outbox finds what is already queued.
    """
    now = now or timezone.now()
    event = Event.objects.select_related("cohort__programme__partnership__consortium").get(
        consortium_id=event.consortium_id, pk=event.pk)
    if event.notice_sent_at is None or event.starts_at <= now:
        return 0
    consortium = event.cohort.programme.partnership.consortium
    people = [enrolment.user for enrolment in event_selectors.expected(event)]
    people += [assignment.fellow for assignment in event.assignments.filter(state="assigned").select_related(
        "fellow")]
    base = _context(event)
    reminder_purposes = [f"{REMINDER}_{d}d" for d in REMINDER_DAYS]
    OutboundEmail.objects.filter(
        consortium_id=event.consortium_id, object_type="programmes.event", object_id=str(event.pk),
        purpose__in=[NOTICE, *reminder_purposes], version__lt=event.version,
        status__in=[OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING],
    ).update(status=OutboundEmail.Status.CANCELLED, last_error=_("Cancelled: replaced by an update."))
    is_update = event.version > 1

    def notice_subject():
        text = _("Updated: %(title)s, %(when)s") if is_update else _("%(title)s, %(when)s")
        return text % {"title": event.display_title(), "when": when(event)}

    queued = 0
    seen = set()
    for user in people:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        def invitation(language, user=user):
            return [ics.event_invitation(event, consortium_slug=consortium.slug, attendee=user.email,
                                         language=language)]


        if event.is_cancelled:
            _row, created = emails.enqueue(
                consortium=consortium, user=user, purpose=CANCELLATION, about=event, version=event.version,
                template="event_cancelled", context=base, attachments=invitation,
                subject=lambda: _("Cancelled: %(title)s, %(when)s") % {"title": event.display_title(),
                                                                       "when": when(event)})
            queued += created
            continue
        _row, created = emails.enqueue(
            consortium=consortium, user=user, purpose=NOTICE, about=event, version=event.version,
            template="event_notice", context={**base, "is_update": is_update}, attachments=invitation,
            subject=notice_subject)
        queued += created
        for days in REMINDER_DAYS:
            send_at = dt.datetime.combine(rules.local_date(event.starts_at) - dt.timedelta(days=days), dt.time(8),
                                          tzinfo=rules.LONDON)
            if send_at <= now:
                continue
            _row, created = emails.enqueue(
                consortium=consortium, user=user, purpose=f"{REMINDER}_{days}d", about=event,
                version=event.version, template="event_reminder", context={**base, "days": days},
                not_before=send_at,
                subject=lambda: _("Reminder: %(title)s, %(when)s") % {"title": event.display_title(),
                                                                      "when": when(event)})
            queued += created
    return queued


def feedback_requests_send(*, event: Event, now: dt.datetime | None = None) -> int:
    """Once an event is over, ask each participant who attended for their rating and comment (once)."""
    now = now or timezone.now()
    event = Event.objects.select_related("cohort__programme__partnership__consortium").get(
        consortium_id=event.consortium_id, pk=event.pk)
    if event.is_cancelled or event.ends_at > now or event.ends_at < now - dt.timedelta(days=FEEDBACK_DAYS):
        return 0
    consortium = event.cohort.programme.partnership.consortium
    answered = set(Feedback.objects.filter(consortium_id=event.consortium_id, event=event).values_list(
        "enrolment_id", flat=True))
    queued = 0
    for attendance in Attendance.objects.filter(consortium_id=event.consortium_id, event=event,
                                                state=Attendance.State.ATTENDED).select_related("enrolment__user"):
        if attendance.enrolment_id in answered:
            continue
        url = emails.site(reverse("programme_feedback", args=[consortium.slug, event.pk]))
        _row, created = emails.enqueue(
            consortium=consortium, user=attendance.enrolment.user, purpose=FEEDBACK_REQUEST, about=event,
            version=1, template="feedback_request", context={**_context(event), "url": url},
            subject=lambda: _("How was %(title)s?") % {"title": event.display_title()})
        queued += created
    return queued


def event_notices_sweep(*, now: dt.datetime | None = None) -> int:
    """Scheduled: complete notices of upcoming events, and surveys of events just held."""
    now = now or timezone.now()
    queued = 0
    for event in Event.objects.filter(notice_sent_at__isnull=False, starts_at__gt=now).order_by("consortium_id",
                                                                                                 "pk"):
        queued += event_notices_dispatch(event=event, now=now)
    for event in Event.objects.filter(state=Event.State.SCHEDULED, ends_at__lte=now,
                                      ends_at__gte=now - dt.timedelta(days=FEEDBACK_DAYS)).order_by(
            "consortium_id", "pk"):
        queued += feedback_requests_send(event=event, now=now)
    return queued


@transaction.atomic
def feedback_submit(*, event: Event, user, rating: int, comment: str = "") -> Feedback:
    """A participant who attended rates the event (1 to 5) and may comment; once per event."""
    enrolment = Enrolment.objects.filter(consortium_id=event.consortium_id, cohort_id=event.cohort_id,
                                         user=user).first()
    if enrolment is None:
        raise PermissionDenied(_("Only participants of this cohort can give feedback on its events."))
    if event.ends_at > timezone.now():
        raise ValidationError(_("You can give feedback once the event is over."))
    attended = Attendance.objects.filter(consortium_id=event.consortium_id, event=event, enrolment=enrolment,
                                         state__in=Attendance.COMPLETED).exists()
    if not attended:
        raise ValidationError(_("Feedback is for people who attended or caught up on the event."))
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    if Feedback.objects.filter(consortium_id=event.consortium_id, event=event, enrolment=enrolment).exists():
        raise ValidationError(_("You have already given feedback on this event. Thank you."))
    return Feedback.objects.create(consortium_id=event.consortium_id, event=event, enrolment=enrolment,
                                   rating=int(rating), comment=comment.strip()[:2000])
