"""Minutes: drafting, approval at a later meeting, the PDF, and circulation."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consortia.outbox import outbox_enqueue
from consortia.queue import enqueue_on_commit
from consortia.scoping import require_same_consortium
from partnerships.models import Organisation, PartnershipMembership, PartnershipRole

from .. import selectors
from ..models import Action, AgendaItem, Attendance, Decision, Declaration, Meeting, Minutes
from ._common import MINUTES_CIRCULATED, _language, _meeting_context, _site


@transaction.atomic
def minutes_save(*, meeting: Meeting, by, body: str, body_cy: str = "") -> Minutes:
    """Save the draft notes; `body_cy` is their Welsh version, which Welsh readers and the Welsh PDF get."""
    if not body.strip():
        raise ValidationError({"body": _("Write the notes of the meeting.")})
    meeting = Meeting.objects.get(consortium_id=meeting.consortium_id, pk=meeting.pk)  # its status now
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Minutes are written once the meeting has been held and its attendance recorded."))
    minutes = Minutes.objects.select_for_update().filter(consortium_id=meeting.consortium_id, meeting=meeting).first()
    if minutes and minutes.status == Minutes.Status.APPROVED:
        raise ValidationError(_("Approved minutes cannot be changed."))
    if minutes is None:
        minutes = Minutes(consortium_id=meeting.consortium_id, meeting=meeting)
    minutes.body, minutes.body_cy, minutes.drafted_by = body.strip(), (body_cy or "").strip(), by
    minutes.save()
    return minutes


@transaction.atomic
def minutes_approve(*, minutes: Minutes, at_meeting: Meeting, by) -> Minutes:
    """Approve a meeting's notes at a later meeting of the partnership that has been held; the chair of that
    meeting signs them. Circulation follows by a task."""
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
    if at_meeting.status != Meeting.Status.HELD:
        raise ValidationError({"at_meeting": _(
            "That meeting has not been held yet: minutes are approved at a meeting once its attendance is "
            "recorded.")})
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_at_meeting = at_meeting
    minutes.approved_by = by
    minutes.save(update_fields=["status", "approved_at", "approved_at_meeting", "approved_by", "updated_at"])
    from .. import tasks

    enqueue_on_commit(tasks.minutes_circulate, minutes.consortium_id, minutes.pk)
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
    """The minutes as a tagged PDF (PDF/UA-1, like the annual report), in `language`: attendance, member
    organisations absent, declarations, the notes, decisions, actions and the approval line."""
    import weasyprint

    meeting = selectors.meetings_base(minutes.consortium_id).get(pk=minutes.meeting_id)
    minutes = (Minutes.objects.select_related("approved_at_meeting", "approved_at_meeting__chair", "approved_by")
               .get(consortium_id=minutes.consortium_id, pk=minutes.pk))
    attendance = list(Attendance.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting)
                      .select_related("user", "organisation").order_by("status", "name", "user__full_name"))
    with translation.override(language):
        html = render_to_string("governance/pdf/minutes.html", {
            "meeting": meeting, "minutes": minutes, "partnership_name": meeting.partnership.display_name(language),
            "language": language, "attendance": attendance,
            "quorum": selectors.meeting_quorum(meeting, attendance) if attendance else None,
            "absent_members": selectors.members_absent(meeting, attendance),
            "declarations": list(Declaration.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting)
                                 .select_related("user", "agenda_item")),
            "decisions": list(Decision.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting)
                              .select_related("agenda_item")),
            "actions": list(Action.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting)
                            .select_related("owner")),
            "items": list(AgendaItem.objects.filter(consortium_id=meeting.consortium_id, meeting=meeting)),
            "generated_at": timezone.now(),
        })
    return weasyprint.HTML(string=html, base_url=settings.SITE_URL).write_pdf(pdf_variant="pdf/ua-1")


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
                subject=_("Approved minutes: %(title)s") % {"title": meeting.display_title},
                body_text=render_to_string("governance/email/minutes.txt", {**context, "recipient": user,
                                                                         "language": language}),
                body_html=render_to_string("governance/email/minutes.html", {**context, "recipient": user,
                                                                          "language": language}),
            )
        queued += created
    if queued:
        Minutes.objects.filter(pk=minutes.pk, circulated_at__isnull=True).update(circulated_at=timezone.now())
    return queued
