"""Engagement alerts: participants below the threshold, or who can no longer reach it, are told,
and so are their induction tutors; once for each event held while they are at risk."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Cohort, Enrolment, ProgrammeRole
from ..selectors.engagement import engagement_for
from ..selectors.enrolments import with_status
from . import emails

PARTICIPANT_ALERT = "programme_engagement_alert"
TUTOR_ALERT = "programme_engagement_tutor_alert"


def cohort_alerts_send(*, cohort: Cohort, now: dt.datetime | None = None) -> int:
    """Email each active participant at risk, and their school's induction tutors.

    NOTE: the outbox version is the number of required events held, so a participant hears
    once per event held while at risk, however often this runs.
    """
    now = now or timezone.now()
    cohort = Cohort.objects.select_related("programme__partnership__consortium").get(pk=cohort.pk)
    consortium = cohort.programme.partnership.consortium
    enrolments = list(with_status(Enrolment.objects.filter(consortium_id=cohort.consortium_id, cohort=cohort)
                                  .select_related("user", "cohort__programme")).filter(status="active"))
    figures = engagement_for(enrolments, now=now, whole_cohorts=True)
    tutors: dict[int, list] = {}
    for role in ProgrammeRole.objects.filter(consortium_id=cohort.consortium_id, programme_id=cohort.programme_id,
                                             role="induction_tutor", ended_at__isnull=True).filter(
            cohort__isnull=True) | ProgrammeRole.objects.filter(
            consortium_id=cohort.consortium_id, cohort=cohort, role="induction_tutor", ended_at__isnull=True):
        tutors.setdefault(role.organisation_id, []).append(role)
    tutor_users = {}
    if tutors:
        from django.contrib.auth import get_user_model

        ids = {role.user_id for roles in tutors.values() for role in roles}
        tutor_users = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids, is_active=True)}
    queued = 0
    for enrolment in enrolments:
        figure = figures[enrolment.pk]
        if not figure.at_risk:
            continue
        context = {"enrolment": enrolment, "figure": figure, "cohort": cohort, "programme": cohort.programme,
                   "url": emails.site(reverse("programme_enrolment", args=[consortium.slug, enrolment.pk]))}
        _row, created = emails.enqueue(
            consortium=consortium, user=enrolment.user, purpose=PARTICIPANT_ALERT, about=enrolment,
            version=figure.held, template="engagement_alert", context=context,
            subject=lambda: _("Your engagement on %(programme)s") % {"programme": cohort.programme.display_name()})
        name = str(enrolment.user)
        queued += created
        for role in tutors.get(enrolment.school_id, []):
            tutor = tutor_users.get(role.user_id)
            if tutor is None:
                continue
            _row, created = emails.enqueue(
                consortium=consortium, user=tutor, purpose=TUTOR_ALERT, about=enrolment, version=figure.held,
                template="engagement_tutor_alert", context={**context, "tutor": tutor},
                subject=lambda name=name: _("%(name)s's engagement on %(programme)s") % {
                    "name": name, "programme": cohort.programme.display_name()})
            queued += created
    return queued


def engagement_alerts_send(*, now: dt.datetime | None = None) -> int:
    """Scheduled daily: every cohort with an event in the last fortnight."""
    from ..models import Event

    now = now or timezone.now()
    cohort_ids = Event.objects.filter(state="scheduled", counts_for_engagement=True, starts_at__lte=now,
                                      starts_at__gte=now - dt.timedelta(days=14)).values("cohort_id")
    queued = 0
    for cohort in Cohort.objects.filter(pk__in=cohort_ids).order_by("consortium_id", "pk"):
        queued += cohort_alerts_send(cohort=cohort, now=now)
    return queued
