"""Every write to meetings and their records. Emails leave only through the outbox, after commit.

NOTE: every sender here is exactly-once by construction: outbox rows are keyed by (recipient,
purpose, object, version), so a task that runs twice, or restarts after a worker died half-way
through a batch, finds the rows it already made and makes only the missing ones.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consortia.models import Consortium, Membership, OutboundEmail
from consortia.outbox import outbox_enqueue
from consortia.scoping import require_same_consortium
from partnerships.models import Organisation, Partnership, PartnershipMembership, PartnershipRole
from partnerships.services import partnership_role_end, partnership_role_grant

from . import ics, rules, selectors
from .models import (
    Action,
    AgendaItem,
    Attendance,
    BallotReceipt,
    CalendarFeed,
    Decision,
    Declaration,
    Election,
    InterestConfirmation,
    Meeting,
    Minutes,
    Nomination,
    NoteTakerRotation,
    OfficeTerm,
    Paper,
    PaperAudience,
    Reply,
    StandingInterest,
    Subscription,
    Vote,
)

logger = logging.getLogger(__name__)
User = get_user_model()

MAX_PAPER_BYTES = getattr(settings, "GOVERNANCE_MAX_PAPER_BYTES", 20 * 1024 * 1024)
PAPER_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
# The first bytes of each type, so a renamed executable is not accepted as a PDF.
_SIGNATURES = {
    ".pdf": (b"%PDF",), ".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK",), ".xlsx": (b"PK",), ".pptx": (b"PK",), ".odt": (b"PK",),
}

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


# --- Meetings -------------------------------------------------------------------------------------

def _validate_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})


def _officer_ok(partnership: Partnership, user) -> None:
    if user is not None and not PartnershipRole.objects.filter(
        consortium_id=partnership.consortium_id, partnership=partnership, user=user, ended_at__isnull=True,
    ).exists():
        raise ValidationError(_("%(person)s holds no role in this partnership.") % {"person": user})


@transaction.atomic
def meeting_schedule(*, partnership: Partnership, created_by, title: str, starts_at: dt.datetime,
                     ends_at: dt.datetime, kind: str = Meeting.Kind.STRATEGIC, group=None, venue: str = "",
                     online_link: str = "", chair=None, note_taker=None) -> Meeting:
    """Plan a meeting. Without a named note-taker the partnership's rotation picks the next one."""
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
                      kind=kind, starts_at=starts_at, ends_at=ends_at, venue=venue, online_link=online_link,
                      chair=chair, note_taker=note_taker, created_by=created_by)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, late_reason: str = "", now: dt.datetime | None = None,
                   **fields) -> Meeting:
    """Change a meeting's details. Moving its time or place after notice is a reschedule: the version
    goes up and everyone is sent an update (same calendar UID, higher SEQUENCE)."""
    allowed = {"title", "kind", "group", "starts_at", "ends_at", "venue", "online_link", "chair", "note_taker"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    meeting = _lock(meeting)
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        raise ValidationError(_("A held or cancelled meeting cannot be changed."))
    require_same_consortium(meeting.consortium_id, fields.get("group"))
    for officer in ("chair", "note_taker"):
        if officer in fields:
            _officer_ok(meeting.partnership, fields[officer])
    moved = any(name in fields and fields[name] != getattr(meeting, name)
                for name in ("starts_at", "ends_at", "venue", "online_link"))
    for name, value in fields.items():
        setattr(meeting, name, value)
    _validate_times(meeting.starts_at, meeting.ends_at)
    if moved and meeting.status == Meeting.Status.NOTICE_SENT:
        now = now or timezone.now()
        meeting.version += 1
        if rules.notice_is_late(sent_at=now, starts_at=meeting.starts_at,
                                notice_days=meeting.partnership.notice_days):
            if not late_reason.strip():
                raise ValidationError({"late_reason": _(
                    "The new time is less than %(days)s days away: record why the meeting is called at short notice."
                ) % {"days": meeting.partnership.notice_days}})
            meeting.notice_late = True
            meeting.late_notice_reason = late_reason.strip()
        meeting.notice_sent_at = now
    meeting.full_clean()
    meeting.save()
    if moved and meeting.status == Meeting.Status.NOTICE_SENT:
        from . import tasks

        tasks.meeting_notices_dispatch.delay_on_commit(meeting.consortium_id, meeting.pk)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str) -> Meeting:
    """Cancel a meeting; if notice went out, everyone is sent a cancellation (METHOD:CANCEL)."""
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
    meeting.version += 1
    meeting.save(update_fields=["status", "cancelled_reason", "version"])
    _cancel_queued(about_type="governance.meeting", about_id=meeting.pk, consortium_id=meeting.consortium_id,
                   purposes=tuple(f"{REMINDER}_{d}d" for d in rules.MEETING_REMINDER_DAYS) + (NOTICE,))
    if noticed:
        from . import tasks

        tasks.meeting_cancellation_dispatch.delay_on_commit(meeting.consortium_id, meeting.pk)
    return meeting


# --- Agenda and papers ----------------------------------------------------------------------------

def _editable_agenda(meeting: Meeting) -> None:
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        raise ValidationError(_("The agenda of a held or cancelled meeting cannot be changed."))
    if meeting.agenda_agreed_at is not None:
        raise ValidationError(_("The agenda has been agreed; reopen it to make changes."))


@transaction.atomic
def agenda_item_save(*, meeting: Meeting, title: str, description: str = "", owner=None,
                     minutes_allowed: int | None = None, position: int | None = None,
                     item: AgendaItem | None = None) -> AgendaItem:
    _editable_agenda(meeting)
    if owner is not None:
        _officer_ok(meeting.partnership, owner)
    if item is None:
        last = AgendaItem.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting).aggregate(
            last=Max("position"))["last"]
        item = AgendaItem(consortium_id=meeting.consortium_id, meeting=meeting,
                          position=(last + 1) if last is not None else 1)
    require_same_consortium(meeting.consortium_id, item)
    item.title, item.description, item.owner, item.minutes_allowed = title, description, owner, minutes_allowed
    if position is not None:
        item.position = position
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    _editable_agenda(item.meeting)
    item.delete()


@transaction.atomic
def agenda_agree(*, meeting: Meeting, by, agreed: bool = True) -> Meeting:
    """Mark the agenda agreed (it must be, before the notice goes), or reopen it."""
    meeting = _lock(meeting)
    if agreed:
        if not AgendaItem.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting).exists():
            raise ValidationError(_("Add at least one agenda item before agreeing the agenda."))
        meeting.agenda_agreed_at = timezone.now()
    else:
        if meeting.notice_sent_at is not None:
            raise ValidationError(_("The notice has gone out with this agenda; it can no longer be reopened."))
        meeting.agenda_agreed_at = None
    meeting.save(update_fields=["agenda_agreed_at"])
    return meeting


def validate_paper_file(file) -> tuple[str, str]:
    """Server-side checks of an upload: size and type (by extension and by its first bytes)."""
    name = os.path.basename(getattr(file, "name", "") or "")
    ext = os.path.splitext(name)[1].lower()
    if ext not in PAPER_TYPES:
        raise ValidationError({"file": _("Upload a PDF, Word, Excel, PowerPoint, OpenDocument text, plain text, "
                                         "PNG or JPEG file.")})
    if file.size > MAX_PAPER_BYTES:
        raise ValidationError({"file": _("The file is larger than %(mb)s MB.") % {"mb": MAX_PAPER_BYTES // 2**20}})
    if file.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    signatures = _SIGNATURES.get(ext)
    if signatures:
        file.seek(0)
        head = file.read(8)
        file.seek(0)
        if not head.startswith(signatures):
            raise ValidationError({"file": _("The file's contents do not match its type.")})
    return name, PAPER_TYPES[ext]


@transaction.atomic
def paper_upload(*, meeting: Meeting, uploaded_by, title: str, file, confidentiality: str,
                 no_pupil_data_confirmed: bool, agenda_item: AgendaItem | None = None,
                 organisations: list[Organisation] | None = None) -> Paper:
    """Add a paper to a meeting. The uploader must confirm it holds no individual pupil data."""
    if not no_pupil_data_confirmed:
        raise ValidationError({"no_pupil_data_confirmed": _(
            "Confirm that the file holds no data about individual pupils: such data is shared only live at "
            "meetings and never stored.")})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Papers cannot be added to a cancelled meeting."))
    require_same_consortium(meeting.consortium_id, agenda_item, *(organisations or []))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item on this meeting's agenda.")})
    organisations = list(organisations or [])
    if confidentiality == Paper.Confidentiality.ORGANISATIONS:
        if not organisations:
            raise ValidationError({"organisations": _("Choose the member organisations who may see it.")})
        member_ids = set(PartnershipMembership.objects.filter(
            consortium_id=meeting.consortium_id, partnership_id=meeting.partnership_id, left_on__isnull=True,
        ).values_list("organisation_id", flat=True))
        if any(o.pk not in member_ids for o in organisations):
            raise ValidationError({"organisations": _("Choose current member organisations of the partnership.")})
    else:
        organisations = []
    _name, content_type = validate_paper_file(file)
    paper = Paper(consortium_id=meeting.consortium_id, meeting=meeting, agenda_item=agenda_item, title=title,
                  size=file.size, content_type=content_type, confidentiality=confidentiality,
                  no_pupil_data_confirmed=True, uploaded_by=uploaded_by)
    paper.file.save(os.path.basename(file.name), file, save=False)
    paper.save()
    PaperAudience.objects.bulk_create([
        PaperAudience(consortium_id=meeting.consortium_id, paper=paper, organisation=o) for o in organisations])
    from . import tasks

    tasks.paper_published_notify.delay_on_commit(meeting.consortium_id, paper.pk)
    return paper


@transaction.atomic
def paper_delete(*, paper: Paper) -> None:
    paper.file.delete(save=False)
    paper.delete()


# --- Notices and reminders ------------------------------------------------------------------------

@transaction.atomic
def meeting_notice_send(*, meeting: Meeting, by, late_reason: str = "", now: dt.datetime | None = None) -> Meeting:
    """Send the notice: every current representative gets the agenda, their papers and an invitation.

    A notice later than the partnership's notice days is allowed only with a recorded reason.
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
    late = rules.notice_is_late(sent_at=now, starts_at=meeting.starts_at, notice_days=meeting.partnership.notice_days)
    if late and not late_reason.strip():
        raise ValidationError({"late_reason": _(
            "This is less than %(days)s days' notice: record why the meeting is called at short notice."
        ) % {"days": meeting.partnership.notice_days}})
    meeting.status = Meeting.Status.NOTICE_SENT
    meeting.notice_sent_at = now
    meeting.notice_late = late
    meeting.late_notice_reason = late_reason.strip() if late else ""
    meeting.save(update_fields=["status", "notice_sent_at", "notice_late", "late_notice_reason"])
    from . import tasks

    tasks.meeting_notices_dispatch.delay_on_commit(meeting.consortium_id, meeting.pk)
    return meeting


def _meeting_context(meeting: Meeting) -> dict:
    slug = meeting.partnership.consortium.slug
    return {"meeting": meeting, "partnership": meeting.partnership, "consortium_slug": slug,
            "meeting_url": ics.meeting_url(meeting, slug),
            "reply_url": _site(reverse("meeting_reply", args=[slug, meeting.pk])),
            "ics_url": _site(reverse("meeting_ics", args=[slug, meeting.pk]))}


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
        invitation = ics.meeting_invitation(meeting, consortium_slug=consortium.slug, attendee=user.email,
                                            partnership_name=meeting.partnership.name)
        _email, created = _enqueue(
            consortium=consortium, user=user, purpose=NOTICE, about=meeting, version=meeting.version,
            template="notice", context=context, attachments=[ics.as_attachment(meeting, invitation)],
            subject=lambda: (_("Updated: %(title)s, %(when)s") if is_update else _("Notice of meeting: %(title)s, "
                                                                                     "%(when)s")) % {
                "title": meeting.title, "when": _when(meeting)},
        )
        queued += created
        for days in rules.MEETING_REMINDER_DAYS:
            send_at = rules.local_morning(rules.local_date(meeting.starts_at) - dt.timedelta(days=days))
            if send_at <= now:
                continue
            _email, created = _enqueue(
                consortium=consortium, user=user, purpose=f"{REMINDER}_{days}d", about=meeting,
                version=meeting.version, template="reminder", context={**context, "days": days},
                not_before=send_at,
                subject=lambda: _("Reminder: %(title)s, %(when)s") % {"title": meeting.title, "when": _when(meeting)},
            )
            queued += created
    return queued


def _when(meeting: Meeting) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(meeting.starts_at, rules.LONDON), "l j F Y, H:i")


def meeting_cancellation_dispatch(*, meeting: Meeting) -> int:
    meeting = selectors.meetings_base(meeting.consortium_id).select_related("partnership__consortium").get(
        pk=meeting.pk)
    if meeting.status != Meeting.Status.CANCELLED or meeting.notice_sent_at is None:
        return 0
    consortium = meeting.partnership.consortium
    queued = 0
    for user, _viewer in selectors.invitees(meeting):
        invitation = ics.meeting_invitation(meeting, consortium_slug=consortium.slug, attendee=user.email,
                                            partnership_name=meeting.partnership.name)
        _email, created = _enqueue(
            consortium=consortium, user=user, purpose=CANCELLATION, about=meeting, version=meeting.version,
            template="cancellation", context=_meeting_context(meeting),
            attachments=[ics.as_attachment(meeting, invitation)],
            subject=lambda: _("Cancelled: %(title)s, %(when)s") % {"title": meeting.title, "when": _when(meeting)},
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


# --- Replies, attendance, declarations ------------------------------------------------------------

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


@transaction.atomic
def declaration_record(*, meeting: Meeting, user, interest: str, kind: str = "pecuniary",
                       agenda_item: AgendaItem | None = None, organisation=None) -> Declaration:
    require_same_consortium(meeting.consortium_id, agenda_item, organisation)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item on this meeting's agenda.")})
    if not interest.strip():
        raise ValidationError({"interest": _("Describe the interest.")})
    declaration = Declaration(consortium_id=meeting.consortium_id, meeting=meeting, user=user, kind=kind,
                              interest=interest.strip(), agenda_item=agenda_item, organisation=organisation)
    declaration.full_clean()
    declaration.save()
    return declaration


@transaction.atomic
def standing_interest_add(*, consortium: Consortium, user, interest: str, kind: str = "pecuniary",
                          since: dt.date | None = None, organisation=None) -> StandingInterest:
    require_same_consortium(consortium.pk, organisation)
    if not interest.strip():
        raise ValidationError({"interest": _("Describe the interest.")})
    return StandingInterest.objects.create(consortium=consortium, user=user, interest=interest.strip(), kind=kind,
                                           since=since or timezone.localdate(), organisation=organisation)


@transaction.atomic
def standing_interest_end(*, interest: StandingInterest, ended_on: dt.date | None = None) -> StandingInterest:
    interest.ended_on = ended_on or timezone.localdate()
    interest.save(update_fields=["ended_on"])
    return interest


@transaction.atomic
def interests_confirm(*, consortium: Consortium, user, nothing_to_declare: bool = False,
                      today: dt.date | None = None) -> InterestConfirmation:
    """The yearly confirmation that the register is complete. "Nothing to declare" confirms too."""
    today = today or timezone.localdate()
    has_interests = StandingInterest.objects.filter(consortium=consortium, user=user, ended_on__isnull=True).exists()
    if nothing_to_declare and has_interests:
        raise ValidationError(_("You have interests on your register: end them first, or confirm them."))
    if not nothing_to_declare and not has_interests:
        raise ValidationError(_("Your register is empty: confirm that you have nothing to declare."))
    confirmation, _created = InterestConfirmation.objects.update_or_create(
        consortium=consortium, user=user, academic_year=rules.academic_year_of(today),
        defaults={"nothing_to_declare": nothing_to_declare, "confirmed_at": timezone.now()})
    return confirmation


def interests_reminders_send(*, today: dt.date | None = None) -> int:
    """Scheduled daily: remind each person whose yearly confirmation is due (once) and overdue (once)."""
    today = today or timezone.localdate()
    year = rules.academic_year_of(today)
    queued = 0
    consortium_ids = PartnershipRole.objects.filter(ended_at__isnull=True, role__in=selectors.NOTICE_ROLES).values_list(
        "consortium_id", flat=True).distinct()
    for consortium in Consortium.objects.filter(pk__in=consortium_ids):
        memberships = {m.user_id: m for m in Membership.objects.filter(consortium=consortium, is_active=True)}
        for row in selectors.interests_compliance(consortium.pk, today=today):
            membership = memberships.get(row["user"].pk)
            if row["status"] == "confirmed" or membership is None:
                continue
            overdue = row["status"] == "overdue"
            _email, created = _enqueue(
                consortium=consortium, user=row["user"], purpose=INTERESTS_OVERDUE if overdue else INTERESTS_DUE,
                about=membership, version=year, template="interests",
                context={"year_label": rules.academic_year_label(year), "overdue": overdue,
                         "url": _site(reverse("interests", args=[consortium.slug]))},
                subject=lambda: _("Please confirm your register of interests for %(year)s") % {
                    "year": rules.academic_year_label(year)})
            queued += created
    return queued


# --- Minutes --------------------------------------------------------------------------------------

@transaction.atomic
def minutes_save(*, meeting: Meeting, by, body: str) -> Minutes:
    if not body.strip():
        raise ValidationError({"body": _("Write the notes of the meeting.")})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    minutes = Minutes.objects.select_for_update().filter(consortium_id=meeting.consortium_id, meeting=meeting).first()
    if minutes and minutes.status == Minutes.Status.APPROVED:
        raise ValidationError(_("Approved minutes cannot be changed."))
    if minutes is None:
        minutes = Minutes(consortium_id=meeting.consortium_id, meeting=meeting)
    minutes.body, minutes.drafted_by = body.strip(), by
    minutes.save()
    return minutes


@transaction.atomic
def minutes_approve(*, minutes: Minutes, at_meeting: Meeting, by) -> Minutes:
    """Approve a meeting's notes at a later meeting of the partnership; circulation follows by a task."""
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(
        consortium_id=minutes.consortium_id, pk=minutes.pk)
    require_same_consortium(minutes.consortium_id, at_meeting)
    if minutes.status == Minutes.Status.APPROVED:
        raise ValidationError(_("These minutes are already approved."))
    meeting = minutes.meeting
    if at_meeting.partnership_id != meeting.partnership_id or at_meeting.starts_at <= meeting.starts_at:
        raise ValidationError({"at_meeting": _("Minutes are approved at a later meeting of the same partnership.")})
    if at_meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({"at_meeting": _("That meeting was cancelled.")})
    if at_meeting.starts_at > timezone.now():
        raise ValidationError({"at_meeting": _("That meeting has not happened yet.")})
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_at_meeting = at_meeting
    minutes.save(update_fields=["status", "approved_at", "approved_at_meeting", "updated_at"])
    from . import tasks

    tasks.minutes_circulate.delay_on_commit(minutes.consortium_id, minutes.pk)
    return minutes


def minutes_recipients(meeting: Meeting) -> list[tuple[str, object | None, str]]:
    """(email, person or None, language) for everyone approved minutes go to: the partnership's chair,
    clerk and representatives, subscribed observers, and the local authority where agreed."""
    partnership = meeting.partnership
    recipients: dict[str, tuple[str, object | None, str]] = {}
    roles = PartnershipRole.objects.filter(consortium_id=meeting.consortium_id, partnership=partnership,
                                           ended_at__isnull=True, user__is_active=True).select_related("user")
    for role in roles:
        if role.role in selectors.NOTICE_ROLES:
            recipients.setdefault(role.user.email.lower(), (role.user.email, role.user, _language(role.user)))
    for subscription in selectors.subscribers(partnership):
        user = subscription.user
        recipients.setdefault(user.email.lower(), (user.email, user, _language(user)))
    if partnership.circulate_notes_to_local_authority:
        members = PartnershipMembership.objects.filter(
            consortium_id=meeting.consortium_id, partnership=partnership, left_on__isnull=True,
        ).select_related("organisation", "organisation__local_authority")
        for membership in members:
            organisation = membership.organisation
            authority = organisation if organisation.kind == Organisation.Kind.LOCAL_AUTHORITY else (
                organisation.local_authority)
            if authority is not None and authority.email:
                recipients.setdefault(authority.email.lower(), (authority.email, None, "en"))
    return list(recipients.values())


def minutes_pdf(minutes: Minutes, *, language: str = "en") -> bytes:
    import weasyprint

    from .selectors import meeting_quorum

    meeting = selectors.meetings_base(minutes.consortium_id).get(pk=minutes.meeting_id)
    with translation.override(language):
        html = render_to_string("governance/pdf/minutes.html", {
            "meeting": meeting, "minutes": minutes, "partnership_name": meeting.partnership.display_name(language),
            "attendance": list(Attendance.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting)
                               .select_related("user", "organisation").order_by("status", "name")),
            "quorum": meeting_quorum(meeting),
            "declarations": list(Declaration.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting)
                                 .select_related("user", "agenda_item")),
            "decisions": list(Decision.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting)
                              .select_related("agenda_item")),
            "actions": list(Action.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting)
                            .select_related("owner")),
            "items": list(AgendaItem.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting)),
            "generated_at": timezone.now(),
        })
    return weasyprint.HTML(string=html, base_url=settings.SITE_URL).write_pdf()


def minutes_circulate(*, minutes: Minutes) -> int:
    """Email the approved minutes, with the PDF, to members, observers and (where agreed) the local authority."""
    import base64

    minutes = Minutes.objects.select_related("meeting__partnership__consortium").get(
        consortium_id=minutes.consortium_id, pk=minutes.pk)
    if minutes.status != Minutes.Status.APPROVED:
        return 0
    meeting = minutes.meeting
    consortium = meeting.partnership.consortium
    pdfs: dict[str, str] = {}
    queued = 0
    for email, user, language in minutes_recipients(meeting):
        if language not in pdfs:
            pdfs[language] = base64.b64encode(minutes_pdf(minutes, language=language)).decode()
        attachment = {"filename": f"minutes-{meeting.pk}.pdf", "content_b64": pdfs[language],
                      "mimetype": "application/pdf"}
        context = {**_meeting_context(meeting), "minutes": minutes,
                   "pdf_url": _site(reverse("minutes_pdf", args=[consortium.slug, meeting.pk]))}
        with translation.override(language):
            _email, created = outbox_enqueue(
                consortium=consortium, recipient=email, purpose=MINUTES_CIRCULATED, about=minutes, version=1,
                language=language, attachments=[attachment],
                subject=_("Approved minutes: %(title)s") % {"title": meeting.title},
                body_text=render_to_string("governance/email/minutes.txt", {**context, "recipient": user,
                                                                         "language": language}),
                body_html=render_to_string("governance/email/minutes.html", {**context, "recipient": user,
                                                                          "language": language}),
            )
        queued += created
    if queued:
        Minutes.objects.filter(pk=minutes.pk, circulated_at__isnull=True).update(circulated_at=timezone.now())
    return queued


def paper_published_notify(*, paper: Paper) -> int:
    """Email subscribed observers about a new paper, if they may see it."""
    paper = Paper.objects.select_related("meeting__partnership__consortium", "meeting__chair").prefetch_related(
        "audience").get(consortium_id=paper.consortium_id, pk=paper.pk)
    meeting = paper.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        return 0
    consortium = meeting.partnership.consortium
    queued = 0
    for subscription in selectors.subscribers(meeting.partnership):
        viewer = selectors.viewer_for(subscription.user, meeting.partnership)
        if not selectors.paper_visible(paper, viewer, meeting):
            continue
        _email, created = _enqueue(
            consortium=consortium, user=subscription.user, purpose=PAPER_PUBLISHED, about=paper, version=1,
            template="paper", context={**_meeting_context(meeting), "paper": paper,
                                       "paper_url": _site(reverse("paper_download", args=[consortium.slug,
                                                                                          paper.pk]))},
            subject=lambda: _("New paper for %(title)s: %(paper)s") % {"title": meeting.title, "paper": paper.title})
        queued += created
    return queued


@transaction.atomic
def subscription_set(*, partnership: Partnership, user, subscribed: bool) -> bool:
    if subscribed:
        Subscription.objects.get_or_create(consortium_id=partnership.consortium_id, partnership=partnership,
                                           user=user)
    else:
        Subscription.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                    user=user).delete()
    return subscribed


# --- Decisions and actions ------------------------------------------------------------------------

@transaction.atomic
def decision_record(*, meeting: Meeting, by, text: str, outcome: str = Decision.Outcome.AGREED,
                    agenda_item: AgendaItem | None = None, vote_taken: bool = False, votes_for: int | None = None,
                    votes_against: int | None = None, votes_abstaining: int | None = None) -> Decision:
    """Record a decision, marked as taken without a quorum when the meeting was not quorate."""
    require_same_consortium(meeting.consortium_id, agenda_item)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item on this meeting's agenda.")})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if rules.local_date(meeting.starts_at) > timezone.localdate():
        raise ValidationError(_("Decisions are recorded once the meeting has taken place."))
    if vote_taken and None in (votes_for, votes_against, votes_abstaining):
        raise ValidationError(_("Give the votes for, against and abstaining."))
    if not vote_taken:
        votes_for = votes_against = votes_abstaining = None
    decision = Decision(consortium_id=meeting.consortium_id, meeting=meeting, agenda_item=agenda_item, text=text,
                        outcome=outcome, vote_taken=vote_taken, votes_for=votes_for, votes_against=votes_against,
                        votes_abstaining=votes_abstaining, quorate=selectors.meeting_quorum(meeting).quorate,
                        recorded_by=by)
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
        (ACTION_DUE, action.due_on - dt.timedelta(days=rules.ACTION_REMINDER_BEFORE_DAYS)),
        (ACTION_OVERDUE, action.due_on + dt.timedelta(days=rules.ACTION_REMINDER_AFTER_DAYS)),
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
                  meeting: Meeting | None = None) -> Action:
    require_same_consortium(partnership.consortium_id, meeting)
    if meeting is not None and meeting.partnership_id != partnership.pk:
        raise ValidationError({"meeting": _("Choose a meeting of this partnership.")})
    _officer_ok(partnership, owner)
    action = Action(consortium_id=partnership.consortium_id, partnership=partnership, meeting=meeting, title=title,
                    owner=owner, due_on=due_on)
    action.full_clean()
    action.save()
    _plan_action_reminders(action)
    return action


@transaction.atomic
def action_update(*, action: Action, by, **fields) -> Action:
    """Change an action's status, due date or owner; reminders are planned again for a new date or owner."""
    unknown = set(fields) - {"title", "status", "due_on", "owner"}
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    action = Action.objects.select_for_update(of=("self",)).select_related("partnership__consortium", "owner").get(
        consortium_id=action.consortium_id, pk=action.pk)
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


# --- Note-taker rotation --------------------------------------------------------------------------

@transaction.atomic
def rotation_set(*, partnership: Partnership, users: list) -> list[NoteTakerRotation]:
    for user in users:
        _officer_ok(partnership, user)
    if len({u.pk for u in users}) != len(users):
        raise ValidationError(_("Name each person once in the rotation."))
    NoteTakerRotation.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership).delete()
    return NoteTakerRotation.objects.bulk_create([
        NoteTakerRotation(consortium_id=partnership.consortium_id, partnership=partnership, user=user, position=i)
        for i, user in enumerate(users)])


# --- Elections ------------------------------------------------------------------------------------

@transaction.atomic
def election_open(*, partnership: Partnership, by, term_months: int = 24) -> Election:
    if Election.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership).exclude(
            status=Election.Status.CLOSED).exists():
        raise ValidationError(_("An election for chair is already under way."))
    election = Election(consortium_id=partnership.consortium_id, partnership=partnership, created_by=by,
                        term_months=term_months)
    election.full_clean()
    election.save()
    return election


def _lock_election(election: Election) -> Election:
    return Election.objects.select_for_update(of=("self",)).select_related("partnership__consortium").get(
        consortium_id=election.consortium_id, pk=election.pk)


@transaction.atomic
def nomination_add(*, election: Election, nominee, by) -> Nomination:
    election = _lock_election(election)
    if election.status != Election.Status.NOMINATIONS:
        raise ValidationError(_("Nominations are closed."))
    officers = set(PartnershipRole.objects.filter(
        consortium_id=election.consortium_id, partnership=election.partnership, ended_at__isnull=True,
        role__in=selectors.OFFICER_ROLES).values_list("user_id", flat=True))
    if nominee.pk not in selectors.eligible_voter_ids(election.partnership) | officers:
        raise ValidationError({"nominee": _("Only a current representative, chair or clerk can be nominated.")})
    try:
        with transaction.atomic():
            return Nomination.objects.create(consortium_id=election.consortium_id, election=election,
                                             nominee=nominee, nominated_by=by)
    except IntegrityError as exc:
        raise ValidationError({"nominee": _("%(person)s is already nominated.") % {"person": nominee}}) from exc


@transaction.atomic
def election_start_voting(*, election: Election, by) -> Election:
    election = _lock_election(election)
    if election.status != Election.Status.NOMINATIONS:
        raise ValidationError(_("Voting has already opened."))
    if not Nomination.objects.filter(consortium_id=election.consortium_id, election=election).exists():
        raise ValidationError(_("There are no nominations yet."))
    election.status = Election.Status.VOTING
    election.voting_opened_at = timezone.now()
    election.eligible_count = len(selectors.eligible_voter_ids(election.partnership))
    election.save(update_fields=["status", "voting_opened_at", "eligible_count"])
    return election


@transaction.atomic
def vote_cast(*, election: Election, voter, nomination: Nomination) -> None:
    """One secret vote per eligible member: the receipt records that they voted, the vote records for whom,
    and nothing links the two."""
    election = _lock_election(election)
    if election.status != Election.Status.VOTING:
        raise ValidationError(_("Voting is not open."))
    if voter.pk not in selectors.eligible_voter_ids(election.partnership):
        raise ValidationError(_("Only the partnership's current representatives can vote."))
    if nomination.election_id != election.pk or nomination.consortium_id != election.consortium_id:
        raise ValidationError({"nomination": _("Choose one of the nominees.")})
    try:
        with transaction.atomic():
            BallotReceipt.objects.create(consortium_id=election.consortium_id, election=election, voter=voter)
    except IntegrityError as exc:
        raise ValidationError(_("You have already voted in this election.")) from exc
    Vote.objects.create(consortium_id=election.consortium_id, election=election, nomination=nomination)


@transaction.atomic
def election_close(*, election: Election, by, today: dt.date | None = None) -> Election:
    """Count the votes and record the result. A clear winner becomes chair for the term of office."""
    election = _lock_election(election)
    if election.status != Election.Status.VOTING:
        raise ValidationError(_("Voting is not open."))
    nominations = list(Nomination.objects.filter(consortium_id=election.consortium_id, election=election)
                       .select_related("nominee"))
    counts = {n.pk: 0 for n in nominations}
    for nomination_id in Vote.objects.filter(consortium_id=election.consortium_id, election=election).values_list(
            "nomination_id", flat=True):
        counts[nomination_id] += 1
    results = sorted(({"nominee_id": n.nominee_id, "name": str(n.nominee), "votes": counts[n.pk]}
                      for n in nominations), key=lambda r: -r["votes"])
    top = [r for r in results if r["votes"] == results[0]["votes"]] if results and results[0]["votes"] else []
    election.results = results
    election.turnout = sum(counts.values())
    election.status = Election.Status.CLOSED
    election.closed_at = timezone.now()
    winner = next(n.nominee for n in nominations if n.nominee_id == top[0]["nominee_id"]) if len(top) == 1 else None
    election.winner = winner
    election.save()
    if winner is not None:
        partnership = election.partnership
        for role in PartnershipRole.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                                   role="chair", ended_at__isnull=True).exclude(user=winner
                                                                                                 ).select_related("user"):
            partnership_role_end(partnership=partnership, user=role.user, role="chair")
        partnership_role_grant(partnership=partnership, user=winner, role="chair")
        starts = today or timezone.localdate()
        OfficeTerm.objects.create(consortium_id=partnership.consortium_id, partnership=partnership, user=winner,
                                  election=election, starts_on=starts, ends_on=_add_months(starts,
                                                                                           election.term_months))
    return election


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_warnings_send(*, today: dt.date | None = None) -> int:
    """Scheduled daily: warn the consortium admins, once per term, that a chair's term ends soon."""
    today = today or timezone.localdate()
    queued = 0
    for term in selectors.terms_ending(today):
        for admin in selectors.consortium_admins(term.consortium_id):
            _email, created = _enqueue(
                consortium=term.consortium, user=admin, purpose=TERM_ENDING, about=term, version=1,
                template="term_ending", context={"term": term, "partnership": term.partnership,
                                                 "url": _site(reverse("elections", args=[term.consortium.slug,
                                                                                         term.partnership_id]))},
                subject=lambda term=term: _("The chair's term of office at %(partnership)s ends on %(date)s") % {
                    "partnership": term.partnership.name, "date": term.ends_on.strftime("%d/%m/%Y")})
            queued += created
    return queued


# --- Calendar feed and the notifications page -----------------------------------------------------

@transaction.atomic
def calendar_feed_reset(*, consortium: Consortium, user) -> str:
    """A new secret feed address for the person's meetings; the old one stops working. Returns the token."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(consortium=consortium, user=user,
                                          defaults={"token_hash": CalendarFeed.hash_token(token)})
    return token


def calendar_feed_for_token(token: str) -> CalendarFeed | None:
    return CalendarFeed.objects.select_related("consortium", "user").filter(
        token_hash=CalendarFeed.hash_token(token), user__is_active=True).first()


@transaction.atomic
def notification_postpone(*, email: OutboundEmail, not_before: dt.datetime) -> OutboundEmail:
    email = OutboundEmail.objects.select_for_update().get(consortium_id=email.consortium_id, pk=email.pk)
    if email.status != OutboundEmail.Status.QUEUED or email.not_before <= timezone.now():
        raise ValidationError(_("Only a planned email that has not gone yet can be postponed."))
    if not_before <= email.not_before:
        raise ValidationError({"not_before": _("Choose a later time than the one planned.")})
    email.not_before = not_before
    email.save(update_fields=["not_before"])
    return email


@transaction.atomic
def notification_cancel(*, email: OutboundEmail, by) -> OutboundEmail:
    email = OutboundEmail.objects.select_for_update().get(consortium_id=email.consortium_id, pk=email.pk)
    if email.status not in (OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING):
        raise ValidationError(_("Only an email that has not gone yet can be cancelled."))
    email.status = OutboundEmail.Status.CANCELLED
    email.last_error = _("Cancelled by %(person)s.") % {"person": by}
    email.save(update_fields=["status", "last_error"])
    return email


@transaction.atomic
def notification_retry(*, email: OutboundEmail) -> OutboundEmail:
    """Try a failed email again: it goes back in the queue with its attempts counted afresh."""
    email = OutboundEmail.objects.select_for_update().get(consortium_id=email.consortium_id, pk=email.pk)
    if email.status != OutboundEmail.Status.FAILED:
        raise ValidationError(_("Only a failed email can be retried."))
    email.status = OutboundEmail.Status.QUEUED
    email.attempts = 0
    email.not_before = timezone.now()
    email.save(update_fields=["status", "attempts", "not_before"])
    from consortia.tasks import outbox_send

    outbox_send.delay_on_commit(email.consortium_id, email.pk)
    return email
