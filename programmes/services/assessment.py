"""Writes to NPQ assessment: windows, registrations (re-takes in a later window) and outcomes."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AssessmentAttempt, AssessmentWindow, Cohort, Enrolment

State = AssessmentAttempt.State
# state -> the states it may move to (shared/PROGRAMMES.md §4.3); any attempt may be voided.
NEXT = {
    State.REGISTERED: {State.SUBMITTED, State.VOIDED},
    State.SUBMITTED: {State.PASSED, State.FAILED, State.VOIDED},
    State.PASSED: {State.VOIDED},
    State.FAILED: {State.VOIDED},
    State.VOIDED: set(),
}


@transaction.atomic
def assessment_window_save(*, cohort: Cohort, title: str, opens_on: dt.date, closes_on: dt.date,
                           window: AssessmentWindow | None = None) -> AssessmentWindow:
    if not cohort.programme.is_npq:
        raise ValidationError(_("Assessment windows are for NPQ cohorts."))
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The window must close on or after the day it opens.")})
    window = window or AssessmentWindow(consortium_id=cohort.consortium_id, cohort=cohort)
    window.title, window.opens_on, window.closes_on = title.strip(), opens_on, closes_on
    window.full_clean(exclude=["consortium", "cohort"])
    window.save()
    return window


@transaction.atomic
def assessment_register(*, enrolment: Enrolment, window: AssessmentWindow, by) -> AssessmentAttempt:
    """Register the participant for the window; a re-take after a fail must be in a later window."""
    Enrolment.objects.select_for_update().filter(consortium_id=enrolment.consortium_id, pk=enrolment.pk).first()
    if window.cohort_id != enrolment.cohort_id:
        raise ValidationError({"window": _("Choose a window of the participant's cohort.")})
    attempts = list(AssessmentAttempt.objects.filter(consortium_id=enrolment.consortium_id, enrolment=enrolment)
                    .exclude(state=State.VOIDED).select_related("window").order_by("-number"))
    latest = attempts[0] if attempts else None
    if latest is not None:
        if latest.state == State.PASSED:
            raise ValidationError(_("They have passed: there is nothing to re-take."))
        if latest.state in (State.REGISTERED, State.SUBMITTED):
            raise ValidationError(_("Attempt %(number)s is still in progress.") % {"number": latest.number})
        if window.opens_on <= latest.window.opens_on:
            raise ValidationError({"window": _("A re-take is in a later window than the attempt it follows.")})
    number = (AssessmentAttempt.objects.filter(consortium_id=enrolment.consortium_id, enrolment=enrolment)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    return AssessmentAttempt.objects.create(consortium_id=enrolment.consortium_id, enrolment=enrolment,
                                            window=window, number=number, recorded_by=by)


@transaction.atomic
def assessment_record(*, attempt: AssessmentAttempt, state: str, by, on: dt.date | None = None) -> AssessmentAttempt:
    attempt = AssessmentAttempt.objects.select_for_update().get(consortium_id=attempt.consortium_id, pk=attempt.pk)
    if state not in NEXT.get(attempt.state, set()):
        raise ValidationError({"state": _("An attempt that is %(now)s cannot become %(next)s.") % {
            "now": State(attempt.state).label.lower(), "next": State(state).label.lower()}})
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    if state == State.SUBMITTED:
        attempt.submitted_on = on
    elif state in (State.PASSED, State.FAILED):
        attempt.outcome_on = on
    attempt.state, attempt.recorded_by, attempt.updated_at = state, by, timezone.now()
    attempt.save()
    return attempt
