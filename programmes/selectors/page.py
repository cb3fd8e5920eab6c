"""Everything a participant's page shows, in a fixed number of queries however many events,
attendance rows or other participants there are."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from .. import rules
from ..models import (
    AssessmentAttempt,
    Attendance,
    CoachingCycle,
    EmployerCommitment,
    Enrolment,
    Event,
    Mentorship,
)
from .engagement import engagement_for
from .enrolments import STATUS_TONE, active_spans, covers, history, school_periods, status_label, with_status


def latest_outcome(attempts) -> AssessmentAttempt | None:
    """The latest outcome stands: the last attempt passed or failed, voided ones set aside."""
    decided = [a for a in attempts if a.state in (AssessmentAttempt.State.PASSED, AssessmentAttempt.State.FAILED)]
    return max(decided, key=lambda a: (a.outcome_on or a.updated_at.date(), a.number)) if decided else None


def enrolment_page(enrolment: Enrolment) -> dict:
    now = timezone.now()
    today = timezone.localdate()
    consortium_id = enrolment.consortium_id
    enrolment = with_status(Enrolment.objects.filter(consortium_id=consortium_id, pk=enrolment.pk).select_related(
        "user", "cohort__programme__partnership", "cohort__course")).get()
    changes = list(history(enrolment))
    spans, _last = active_spans([(c.effective_on, c.status) for c in changes])
    figure = engagement_for([enrolment], now=now)[enrolment.pk]
    events = [e for e in Event.objects.filter(consortium_id=consortium_id, cohort_id=enrolment.cohort_id)
              .order_by("starts_at", "pk") if e.is_for(enrolment.role)]
    attendance = {a.event_id: a for a in Attendance.objects.filter(consortium_id=consortium_id, enrolment=enrolment)}
    rows, to_do, catch_up = [], [], []
    for event in events:
        mark = attendance.get(event.pk)
        required = (event.counts_for_engagement and not event.is_cancelled
                    and (event.starts_at > now or covers(spans, rules.local_date(event.starts_at))))
        rows.append({"event": event, "attendance": mark, "required": required, "held": event.starts_at <= now})
        if not required:
            continue
        if event.starts_at > now and enrolment.status in ("active", "deferred", "joining"):
            to_do.append(event)
        elif event.ends_at <= now and (mark is None or mark.state in Attendance.MISSED):
            catch_up.append({"event": event, "attendance": mark, "recording": bool(event.recording_url)})
    attempts = list(AssessmentAttempt.objects.filter(consortium_id=consortium_id, enrolment=enrolment)
                    .select_related("window").order_by("number"))
    outcome = latest_outcome(attempts)
    deadline = enrolment.cohort.completion_deadline
    mentorships = list(Mentorship.objects.filter(consortium_id=consortium_id).filter(
        Q(ect=enrolment) | Q(mentor=enrolment)).select_related("ect__user", "mentor__user").order_by("-started_on"))
    return {
        "enrolment": enrolment, "status_text": status_label(enrolment.status),
        "status_tone": STATUS_TONE.get(enrolment.status, "info"), "changes": changes,
        "periods": list(school_periods(enrolment)), "figure": figure, "rows": rows, "to_do": to_do,
        "catch_up": catch_up, "attempts": attempts, "outcome": outcome, "deadline": deadline,
        "past_deadline": rules.past_completion_window(deadline=deadline, today=today,
                                                      passed=outcome is not None and outcome.state == "passed"),
        "mentors": [m for m in mentorships if m.ect_id == enrolment.pk],
        "mentees": [m for m in mentorships if m.mentor_id == enrolment.pk],
        "cycles": list(CoachingCycle.objects.filter(consortium_id=consortium_id, ect=enrolment)
                       .order_by("-week_starting")[:20]) if enrolment.role == "ect" else [],
        "cycle_counts": _cycle_counts(enrolment) if enrolment.role == "ect" else None,
        "commitments": list(EmployerCommitment.objects.filter(consortium_id=consortium_id, enrolment=enrolment)
                            .select_related("organisation", "accepted_by").order_by("-requested_at")),
        "agreement_party": _agreement_party(enrolment),
    }


def _cycle_counts(enrolment: Enrolment) -> dict:
    cycles = CoachingCycle.objects.filter(consortium_id=enrolment.consortium_id, ect=enrolment)
    return {"weeks": cycles.count(), "completed": cycles.filter(completed=True).count(),
            "action_steps": cycles.filter(action_step_set=True).count()}


def _agreement_party(enrolment: Enrolment):
    programme = enrolment.cohort.programme
    if programme.agreement_id is None:
        return None
    from agreements.models import AgreementParty
    from agreements.selectors import with_status as party_status

    return party_status(AgreementParty.objects.filter(
        consortium_id=enrolment.consortium_id, version__template_id=programme.agreement_id,
        version__status="published", user=enrolment.user)).select_related("version").first()
