"""Agenda items, agreeing the agenda, and meeting papers: upload, checks, deletion, telling subscribers."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.bilingual import bilingual
from consortia.queue import enqueue_on_commit
from consortia.scoping import require_same_consortium
from partnerships.models import Organisation, PartnershipMembership

from .. import selectors
from ..models import AgendaItem, Meeting, Paper, PaperAudience
from ._common import PAPER_PUBLISHED, _enqueue, _lock, _meeting_context, _officer_ok, _site

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


def _editable_agenda(meeting: Meeting) -> None:
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        raise ValidationError(_("The agenda of a held or cancelled meeting cannot be changed."))
    if meeting.agenda_agreed_at is not None:
        raise ValidationError(_("The agenda has been agreed; reopen it to make changes."))


@transaction.atomic
def agenda_item_save(*, meeting: Meeting, title: str, description: str = "", owner=None,
                     minutes_allowed: int | None = None, position: int | None = None,
                     item: AgendaItem | None = None, title_cy: str = "", description_cy: str = "") -> AgendaItem:
    """Add or change an item of an agenda not yet agreed; its Welsh title and description go beside the English."""
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
    item.title_cy, item.description_cy = (title_cy or "").strip(), (description_cy or "").strip()
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
                 organisations: list[Organisation] | None = None, title_cy: str = "") -> Paper:
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
                  title_cy=(title_cy or "").strip(), size=file.size, content_type=content_type,
                  confidentiality=confidentiality, no_pupil_data_confirmed=True, uploaded_by=uploaded_by)
    paper.file.save(os.path.basename(file.name), file, save=False)
    paper.save()
    PaperAudience.objects.bulk_create([
        PaperAudience(consortium_id=meeting.consortium_id, paper=paper, organisation=o) for o in organisations])
    from .. import tasks

    enqueue_on_commit(tasks.paper_published_notify, meeting.consortium_id, paper.pk)
    return paper


@transaction.atomic
def paper_delete(*, paper: Paper) -> None:
    paper.file.delete(save=False)
    paper.delete()


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
            subject=lambda: _("New paper for %(title)s: %(paper)s") % {"title": meeting.display_title,
                                                                        "paper": bilingual(paper, "title")})
        queued += created
    return queued
