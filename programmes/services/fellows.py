"""Writes for visiting fellows: assignments, content release, briefings, pre-reading, delivery,
quality assurance, training, and the facilitation records their schools or trusts are paid for."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consortia.scoping import require_same_consortium
from finance.money import rate_for_minutes

from .. import ics, rules
from ..models import (
    BriefingAttendance,
    Event,
    FacilitationAssignment,
    FacilitationRecord,
    FacilitatorBriefing,
    Programme,
    ProgrammeRole,
    QAObservation,
    TrainingAttendance,
    TrainingDay,
)
from ..selectors.enrolments import employer_on
from . import emails

CONTENT_RELEASED = "programme_content_released"
BRIEFING_INVITE = "programme_briefing"
QA_FEEDBACK = "programme_qa_feedback"


def _is_fellow(user, event: Event) -> bool:
    return ProgrammeRole.objects.filter(
        consortium_id=event.consortium_id, programme_id=event.cohort.programme_id, user=user,
        role="visiting_fellow", ended_at__isnull=True,
    ).filter(cohort__isnull=True).exists() or ProgrammeRole.objects.filter(
        consortium_id=event.consortium_id, cohort_id=event.cohort_id, user=user, role="visiting_fellow",
        ended_at__isnull=True).exists()


@transaction.atomic
def fellow_assign(*, event: Event, fellow, role: str = FacilitationAssignment.Role.FACILITATOR,
                  by=None, now: dt.datetime | None = None) -> FacilitationAssignment:
    """Assign a visiting fellow to facilitate; within three weeks of the event, content goes at once."""
    if not _is_fellow(fellow, event):
        raise ValidationError({"fellow": _("%(name)s is not a visiting fellow of this programme.") % {
            "name": fellow}})
    if role not in FacilitationAssignment.Role.values:
        raise ValidationError({"role": _("Choose facilitator or co-facilitator.")})
    if event.is_cancelled:
        raise ValidationError(_("This event is cancelled."))
    assignment, created = FacilitationAssignment.objects.get_or_create(
        consortium_id=event.consortium_id, event=event, fellow=fellow, defaults={"role": role})
    if not created:
        if assignment.state == FacilitationAssignment.State.ASSIGNED:
            raise ValidationError({"fellow": _("%(name)s is already assigned to this event.") % {"name": fellow}})
        assignment.state, assignment.role, assignment.assigned_at = FacilitationAssignment.State.ASSIGNED, role, \
            timezone.now()
        assignment.save(update_fields=["state", "role", "assigned_at"])
    today = rules.local_date(now or timezone.now())
    if rules.content_release_on(event.starts_at) <= today:
        content_release(assignment=assignment, now=now)
    return assignment


@transaction.atomic
def assignment_end(*, assignment: FacilitationAssignment, by, declined: bool = False) -> FacilitationAssignment:
    assignment = FacilitationAssignment.objects.select_for_update().get(consortium_id=assignment.consortium_id,
                                                                         pk=assignment.pk)
    if assignment.delivered_at is not None:
        raise ValidationError(_("The session has been delivered; its record stays."))
    if declined and by.pk != assignment.fellow_id:
        raise PermissionDenied(_("Only the fellow can decline."))
    assignment.state = FacilitationAssignment.State.DECLINED if declined else FacilitationAssignment.State.CANCELLED
    assignment.save(update_fields=["state"])
    return assignment


def content_release(*, assignment: FacilitationAssignment, now: dt.datetime | None = None) -> bool:
    """Record that the session content is released to the fellow, and tell them; once."""
    now = now or timezone.now()
    with transaction.atomic():
        assignment = FacilitationAssignment.objects.select_for_update(of=("self",)).select_related(
            "event__cohort__programme__partnership__consortium", "fellow").get(
            consortium_id=assignment.consortium_id, pk=assignment.pk)
        if assignment.content_released_at is not None or assignment.state != FacilitationAssignment.State.ASSIGNED:
            return False
        assignment.content_released_at = now
        assignment.save(update_fields=["content_released_at"])
        event = assignment.event
        consortium = event.cohort.programme.partnership.consortium
        emails.enqueue(
            consortium=consortium, user=assignment.fellow, purpose=CONTENT_RELEASED, about=assignment, version=1,
            template="content_released",
            context={"event": event, "assignment": assignment, "event_url": ics.event_url(event, consortium.slug)},
            subject=lambda: _("Session content for %(title)s") % {"title": event.display_title()})
    return True


def content_release_due(*, now: dt.datetime | None = None) -> int:
    """Scheduled: release content for every assigned session starting within three weeks."""
    now = now or timezone.now()
    horizon = now + dt.timedelta(days=rules.CONTENT_RELEASE_DAYS + 1)
    released = 0
    for assignment in FacilitationAssignment.objects.filter(
            state=FacilitationAssignment.State.ASSIGNED, content_released_at__isnull=True,
            event__state=Event.State.SCHEDULED, event__starts_at__gt=now, event__starts_at__lte=horizon,
    ).select_related("event").order_by("consortium_id", "pk"):
        if rules.content_release_on(assignment.event.starts_at) <= rules.local_date(now):
            released += content_release(assignment=assignment, now=now)
    return released


@transaction.atomic
def briefing_schedule(*, event: Event, starts_at: dt.datetime, duration_minutes: int, by, online_link: str = "",
                      venue: str = "", briefing: FacilitatorBriefing | None = None) -> FacilitatorBriefing:
    """A facilitator briefing: refused unless one to two weeks before the session and at most 90 minutes."""
    problems = rules.briefing_problems(briefing_starts_at=starts_at, event_starts_at=event.starts_at,
                                       duration_minutes=duration_minutes)
    if problems:
        raise ValidationError(problems)
    if not (online_link.strip() or venue.strip()):
        raise ValidationError({"online_link": _("Give a link for an online briefing or a venue.")})
    briefing = briefing or FacilitatorBriefing(consortium_id=event.consortium_id, event=event, created_by=by)
    require_same_consortium(event.consortium_id, briefing)
    briefing.starts_at, briefing.duration_minutes = starts_at, duration_minutes
    briefing.online_link, briefing.venue = online_link.strip(), venue.strip()
    briefing.full_clean(exclude=["consortium", "event", "created_by"])
    briefing.save()
    transaction.on_commit(lambda: briefing_invite(briefing=briefing))
    return briefing


def briefing_invite(*, briefing: FacilitatorBriefing) -> int:
    briefing = FacilitatorBriefing.objects.select_related("event__cohort__programme__partnership__consortium").get(
        consortium_id=briefing.consortium_id, pk=briefing.pk)
    event = briefing.event
    consortium = event.cohort.programme.partnership.consortium
    queued = 0
    for assignment in event.assignments.filter(state=FacilitationAssignment.State.ASSIGNED).select_related("fellow"):
        def title(language=None, event=event):
            return _("Facilitator briefing: %(title)s") % {"title": event.display_title(language)}

        _row, created = emails.enqueue(
            consortium=consortium, user=assignment.fellow, purpose=BRIEFING_INVITE, about=briefing,
            version=int(briefing.starts_at.timestamp() // 60), template="briefing",
            context={"event": event, "briefing": briefing, "event_url": ics.event_url(event, consortium.slug)},
            attachments=lambda language, fellow=assignment.fellow: [ics.briefing_invitation(
                briefing, consortium_slug=consortium.slug, attendee=fellow.email, title=title(language))],
            subject=title)
        queued += created
    return queued


def _record(*, programme: Programme, fellow, kind: str, on: dt.date, minutes: int, **source) -> FacilitationRecord:
    """The facilitation record for one source, made once; the employer is read for that date."""
    lookup = {"consortium_id": programme.consortium_id, **source}
    if "assignment" not in source:
        lookup["fellow"] = fellow
    record = FacilitationRecord.objects.filter(**lookup).first()
    if record is not None:
        if record.state == FacilitationRecord.State.VOID:
            record.state = FacilitationRecord.State.PENDING
            record.save(update_fields=["state"])
        return record
    return FacilitationRecord.objects.create(
        consortium_id=programme.consortium_id, programme=programme, fellow=fellow, kind=kind, on=on,
        minutes=minutes, employer=employer_on(fellow, programme.consortium_id, on), **source)


def _void(**lookup) -> None:
    FacilitationRecord.objects.filter(**lookup, state=FacilitationRecord.State.PENDING).update(
        state=FacilitationRecord.State.VOID)


@transaction.atomic
def briefing_attendance_record(*, briefing: FacilitatorBriefing, fellow, attended: bool, by) -> BriefingAttendance:
    briefing = FacilitatorBriefing.objects.select_related("event__cohort__programme").get(
        consortium_id=briefing.consortium_id, pk=briefing.pk)
    if briefing.starts_at > timezone.now():
        raise ValidationError(_("Record attendance once the briefing has started."))
    if not briefing.event.assignments.filter(fellow=fellow).exists():
        raise ValidationError({"fellow": _("%(name)s is not assigned to this session.") % {"name": fellow}})
    row, _created = BriefingAttendance.objects.update_or_create(
        consortium_id=briefing.consortium_id, briefing=briefing, fellow=fellow, defaults={"attended": attended})
    if attended:
        _record(programme=briefing.event.cohort.programme, fellow=fellow, kind=FacilitationRecord.Kind.BRIEFING,
                on=rules.local_date(briefing.starts_at), minutes=briefing.duration_minutes, briefing=briefing)
    else:
        _void(consortium_id=briefing.consortium_id, briefing=briefing, fellow=fellow)
    return row


@transaction.atomic
def pre_reading_confirm(*, assignment: FacilitationAssignment, user) -> FacilitationAssignment:
    if assignment.fellow_id != user.pk:
        raise PermissionDenied(_("Only the fellow confirms their own pre-reading."))
    if assignment.content_released_at is None:
        raise ValidationError(_("The session content has not been released yet."))
    if assignment.pre_reading_confirmed_at is None:
        assignment.pre_reading_confirmed_at = timezone.now()
        assignment.save(update_fields=["pre_reading_confirmed_at"])
    return assignment


@transaction.atomic
def delivery_record(*, assignment: FacilitationAssignment, by) -> FacilitationRecord:
    """The session was delivered: its facilitation record (the event's length) is made, once."""
    assignment = FacilitationAssignment.objects.select_for_update(of=("self",)).select_related(
        "event__cohort__programme", "fellow").get(consortium_id=assignment.consortium_id, pk=assignment.pk)
    event = assignment.event
    if assignment.state != FacilitationAssignment.State.ASSIGNED:
        raise ValidationError(_("This facilitation was declined or cancelled."))
    if event.is_cancelled or event.starts_at > timezone.now():
        raise ValidationError(_("Record delivery once the session has been held."))
    if assignment.delivered_at is None:
        assignment.delivered_at = timezone.now()
        assignment.save(update_fields=["delivered_at"])
    return _record(programme=event.cohort.programme, fellow=assignment.fellow, kind=FacilitationRecord.Kind.SESSION,
                   on=rules.local_date(event.starts_at), minutes=event.duration_minutes, assignment=assignment)


@transaction.atomic
def fellow_feedback_give(*, assignment: FacilitationAssignment, user, text: str) -> FacilitationAssignment:
    if assignment.fellow_id != user.pk:
        raise PermissionDenied(_("Only the fellow gives their own feedback."))
    if not text.strip():
        raise ValidationError({"text": _("Write your feedback.")})
    assignment.fellow_feedback, assignment.fellow_feedback_at = text.strip()[:4000], timezone.now()
    assignment.save(update_fields=["fellow_feedback", "fellow_feedback_at"])
    return assignment


@transaction.atomic
def qa_observation_record(*, assignment: FacilitationAssignment, observer, observed_on: dt.date,
                          feedback: str) -> QAObservation:
    if not feedback.strip():
        raise ValidationError({"feedback": _("Write the feedback for the fellow.")})
    if observed_on > timezone.localdate():
        raise ValidationError({"observed_on": _("The date cannot be in the future.")})
    observation = QAObservation.objects.create(consortium_id=assignment.consortium_id, assignment=assignment,
                                               observer=observer, observed_on=observed_on,
                                               feedback=feedback.strip()[:4000])
    assignment = FacilitationAssignment.objects.select_related(
        "event__cohort__programme__partnership__consortium", "fellow").get(pk=assignment.pk)
    consortium = assignment.event.cohort.programme.partnership.consortium
    emails.enqueue(consortium=consortium, user=assignment.fellow, purpose=QA_FEEDBACK, about=observation, version=1,
                   template="qa_feedback", context={"event": assignment.event, "observation": observation,
                                                    "event_url": ics.event_url(assignment.event, consortium.slug)},
                   subject=lambda: _("Feedback on your facilitation of %(title)s") % {
                       "title": assignment.event.display_title()})
    return observation


@transaction.atomic
def training_day_save(*, programme: Programme, title: str, on: dt.date, half_days: int = 2, venue: str = "",
                      online_link: str = "", training_day: TrainingDay | None = None) -> TrainingDay:
    training_day = training_day or TrainingDay(consortium_id=programme.consortium_id, programme=programme)
    training_day.title, training_day.on, training_day.half_days = title.strip(), on, half_days
    training_day.venue, training_day.online_link = venue.strip(), online_link.strip()
    training_day.full_clean(exclude=["consortium", "programme"])
    training_day.save()
    return training_day


@transaction.atomic
def training_attendance_record(*, training_day: TrainingDay, fellow, attended: bool, by) -> TrainingAttendance:
    training_day = TrainingDay.objects.select_related("programme").get(consortium_id=training_day.consortium_id,
                                                                       pk=training_day.pk)
    if training_day.on > timezone.localdate():
        raise ValidationError(_("Record attendance on or after the training day."))
    if not ProgrammeRole.objects.filter(consortium_id=training_day.consortium_id, programme=training_day.programme,
                                        user=fellow, role="visiting_fellow").exists():
        raise ValidationError({"fellow": _("%(name)s is not a visiting fellow of this programme.") % {"name": fellow}})
    row, _created = TrainingAttendance.objects.update_or_create(
        consortium_id=training_day.consortium_id, training_day=training_day, fellow=fellow,
        defaults={"attended": attended})
    if attended:
        _record(programme=training_day.programme, fellow=fellow, kind=FacilitationRecord.Kind.TRAINING_DAY,
                on=training_day.on, minutes=training_day.minutes, training_day=training_day)
    else:
        _void(consortium_id=training_day.consortium_id, training_day=training_day, fellow=fellow)
    return row


@transaction.atomic
def facilitation_record_decide(*, record: FacilitationRecord, by, approve: bool) -> FacilitationRecord:
    """Approve a record for payment, or void it; a paid record is finance's and stays as it is."""
    record = FacilitationRecord.objects.select_for_update().get(consortium_id=record.consortium_id, pk=record.pk)
    if record.state not in (FacilitationRecord.State.PENDING, FacilitationRecord.State.APPROVED):
        raise ValidationError(_("This record is %(state)s and cannot be changed here.") % {
            "state": record.get_state_display().lower()})
    if record.payment_id is not None:
        raise ValidationError(_("This record is on payment %(payment)s: cancel the payment in finance first.") % {
            "payment": record.payment.reference})
    if approve and record.employer_id is None:
        raise ValidationError(_("Record the fellow's employing school or trust for %(date)s first: it is who is paid.")
                              % {"date": record.on})
    record.state = FacilitationRecord.State.APPROVED if approve else FacilitationRecord.State.VOID
    record.approved_by, record.approved_at = (by, timezone.now()) if approve else (None, None)
    record.save(update_fields=["state", "approved_by", "approved_at"])
    return record


@transaction.atomic
def facilitation_payment_request(*, budget, by, records, hourly_rate_pence: int, invoice_ref: str = "",
                                 budget_line=None):
    """One finance payment to a fellow's employing school or trust for approved facilitation records.

    Each record is paid once: it points at one payment, and a record already on a payment that is
    not cancelled is refused. The amount is the records' minutes at the hourly rate, exact, then
    half-up to the penny (finance.money.rate_for_minutes). Finance checks that `by` may request
    payments from the budget.
    """
    from finance import services as finance_services
    from finance.models import Payment

    ids = sorted({record.pk for record in records})
    if not ids:
        raise ValidationError(_("Choose the records to pay."))
    if hourly_rate_pence <= 0:
        raise ValidationError({"hourly_rate_pence": _("Enter an hourly rate above zero.")})
    locked = list(FacilitationRecord.objects.select_for_update(of=("self",))
                  .select_related("payment", "fellow", "employer", "programme")
                  .filter(consortium_id=budget.consortium_id, pk__in=ids).order_by("on", "pk"))
    if len(locked) != len(ids):
        raise ValidationError(_("Some of the records are not this consortium's."))
    if any(r.programme.partnership_id != budget.partnership_id for r in locked):
        raise ValidationError(_("Pay facilitation from a budget of the partnership that delivers the programme."))
    for record in locked:
        if record.payment_id and record.payment.status != Payment.Status.CANCELLED:
            raise ValidationError(_("%(record)s is already on payment %(payment)s.") % {
                "record": record, "payment": record.payment.reference})
        if record.state != FacilitationRecord.State.APPROVED:
            raise ValidationError(_("Only approved records can be paid: %(record)s is %(state)s.") % {
                "record": record, "state": record.get_state_display().lower()})
    employers = {record.employer_id for record in locked}
    if len(employers) != 1 or None in employers:
        raise ValidationError(_("A payment goes to one school or trust: choose records of one employer."))
    minutes = sum(record.minutes for record in locked)
    fellows = sorted({record.fellow.full_name or record.fellow.email for record in locked})
    description = ngettext("Facilitation by %(fellows)s: %(count)d record, %(hours)s hours (%(first)s to %(last)s)",
                           "Facilitation by %(fellows)s: %(count)d records, %(hours)s hours (%(first)s to %(last)s)",
                           len(locked)) % {
        "fellows": ", ".join(fellows), "count": len(locked), "hours": rules.hours(minutes),
        "first": locked[0].on.isoformat(), "last": locked[-1].on.isoformat()}
    payment = finance_services.payment_request(
        budget=budget, by=by, payee=locked[0].employer, kind=Payment.Kind.VISITING_FELLOW,
        amount_pence=rate_for_minutes(hourly_rate_pence, minutes), description=description[:300],
        invoice_ref=invoice_ref, budget_line=budget_line)
    FacilitationRecord.objects.filter(consortium_id=budget.consortium_id, pk__in=ids).update(payment=payment)
    return payment


def facilitation_payment_changed(payment) -> None:
    """finance.services.PAYMENT_LISTENERS: a paid payment pays its records; a cancelled one frees
    them to be paid again (they stay approved). Runs inside finance's transaction."""
    from finance.models import Payment

    records = FacilitationRecord.objects.filter(consortium_id=payment.consortium_id, payment=payment)
    if payment.status == Payment.Status.PAID:
        records.update(state=FacilitationRecord.State.PAID)
    elif payment.status == Payment.Status.CANCELLED:
        records.update(payment=None)
