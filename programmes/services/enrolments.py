"""Writes to enrolments and everything about a participant's place on a programme.

NOTE: the status history is append-only. A change is a new row dated when it takes effect;
changes are recorded in date order, so no later row ever contradicts an earlier one, and the
status on any day is the latest change in effect then (selectors.enrolments.with_status).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consortia.scoping import require_same_consortium
from partnerships.models import Organisation
from partnerships.services import employment_change

from .. import reasons
from ..models import (
    CoachingCycle,
    Cohort,
    EmployerCommitment,
    Enrolment,
    EnrolmentStatusChange,
    Mentorship,
    ParticipantRole,
    Programme,
    SchoolPeriod,
    StaffingChange,
    Status,
)
from ..selectors import access as access_selectors
from ..selectors.enrolments import employer_on
from . import emails
from .agreement import agreement_bind
from .programmes import programme_role_grant

Kind = EnrolmentStatusChange.Kind

# kind -> (statuses it may follow, status it leaves), the guards of shared/PROGRAMMES.md §4.3.
TRANSITIONS = {
    Kind.DEFERRED: ({Status.ACTIVE}, Status.DEFERRED),
    Kind.RESUMED: ({Status.DEFERRED}, Status.ACTIVE),
    Kind.WITHDRAWN: ({Status.ACTIVE, Status.DEFERRED}, Status.WITHDRAWN),
    Kind.COMPLETED: ({Status.ACTIVE}, Status.COMPLETED),
    Kind.TRANSFERRED: ({Status.ACTIVE, Status.DEFERRED}, None),  # None: the status stays as it was
    Kind.CHANGED_EMPLOYER: ({Status.ACTIVE, Status.DEFERRED}, None),
}
ROLES_FOR = {
    Programme.Kind.ECT: {ParticipantRole.ECT, ParticipantRole.MENTOR},
    Programme.Kind.NPQ: {ParticipantRole.NPQ_PARTICIPANT},
    Programme.Kind.PROFESSIONAL_LEARNING: {ParticipantRole.NPQ_PARTICIPANT},
    Programme.Kind.ITE: set(),  # trainees are registered as trainees, not enrolled on cohorts
}
COMMITMENT_PURPOSE = "employer_commitment_request"
COMMITMENT_SUBJECT = gettext_lazy("Please confirm your support for %(name)s on %(programme)s")
COMMITMENT_REMINDER_DAYS = 7


def _programme(cohort: Cohort) -> Programme:
    return cohort.programme


def _check_school(school: Organisation | None, *, role: str) -> None:
    if school is None:
        raise ValidationError({"school": _("Choose the school where they work on the programme.")})
    allowed = {"school", "trust"} if role == ParticipantRole.NPQ_PARTICIPANT else {"school"}
    if school.kind not in allowed:
        raise ValidationError({"school": _("Choose a school.") if allowed == {"school"}
                               else _("Choose a school or trust.")})


def _refuse_overlap(*, enrolment: Enrolment, school: Organisation, started_on: dt.date, user, role: str) -> None:
    """RECT's rule: an ECT is at one school at a time, a mentor once at each school."""
    periods = SchoolPeriod.objects.filter(consortium_id=enrolment.consortium_id, user=user, role=role)
    if role == ParticipantRole.ECT:
        clash = periods.exclude(finished_on__lt=started_on).exclude(enrolment=enrolment)
        if clash.exists():
            raise ValidationError({"school": _("They are already an early career teacher at another school over "
                                               "those dates: move them there instead.")})
    elif role == ParticipantRole.MENTOR and periods.filter(school=school).exclude(
            finished_on__lt=started_on).exists():
        raise ValidationError({"school": _("They already mentor at %(school)s.") % {"school": school.name}})


@transaction.atomic
def enrolment_create(*, cohort: Cohort, user, role: str, school: Organisation, started_on: dt.date | None = None,
                     by=None, mentor: Enrolment | None = None, note: str = "") -> Enrolment:
    """Enrol a person on a cohort in a participant role at a school; they get the cohort role at once."""
    programme = _programme(cohort)
    require_same_consortium(cohort.consortium_id, school, mentor)
    if role not in ROLES_FOR[programme.kind]:
        raise ValidationError({"role": _("Choose a role this programme has.")})
    _check_school(school, role=role)
    started_on = started_on or max(timezone.localdate(), cohort.starts_on)
    if Enrolment.objects.filter(consortium_id=cohort.consortium_id, cohort=cohort, user=user, role=role).exists():
        raise ValidationError(_("They are already on this cohort in that role."))
    enrolment = Enrolment.objects.create(consortium_id=cohort.consortium_id, cohort=cohort, user=user, role=role,
                                         started_on=started_on, created_by=by)
    _refuse_overlap(enrolment=enrolment, school=school, started_on=started_on, user=user, role=role)
    SchoolPeriod.objects.create(consortium_id=cohort.consortium_id, enrolment=enrolment, user=user, role=role,
                                school=school, started_on=started_on)
    EnrolmentStatusChange.objects.create(
        consortium_id=cohort.consortium_id, enrolment=enrolment, kind=Kind.ENROLLED, status=Status.ACTIVE,
        effective_on=started_on, school=school, recorded_by=by, note=note.strip())
    if role == ParticipantRole.NPQ_PARTICIPANT and employer_on(user, cohort.consortium_id, started_on) is None:
        employment_change(consortium=programme.consortium, user=user, organisation=school, started_on=started_on)
    programme_role_grant(programme=programme, cohort=cohort, user=user, role=role, granted_by=by)
    if mentor is not None:
        mentor_assign(ect=enrolment, mentor=mentor, started_on=started_on)
    agreement_bind(programme=programme, role=role, user=user)
    agreement_bind(programme=programme, role="school", organisation=school)
    return enrolment


def _locked(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update(of=("self",)).select_related(
        "cohort__programme__consortium", "user").get(consortium_id=enrolment.consortium_id, pk=enrolment.pk)


def _latest(enrolment: Enrolment) -> EnrolmentStatusChange:
    return EnrolmentStatusChange.objects.filter(consortium_id=enrolment.consortium_id,
                                                enrolment=enrolment).order_by("-effective_on", "-pk").first()


def _move(*, enrolment: Enrolment, school: Organisation, on: dt.date, from_school: Organisation | None) -> None:
    """Close the open school period(s) the day before `on` and open one at `school` from `on`."""
    periods = SchoolPeriod.objects.filter(consortium_id=enrolment.consortium_id, enrolment=enrolment,
                                          finished_on__isnull=True)
    if from_school is not None:
        periods = periods.filter(school=from_school)
    current = list(periods)
    if not current:
        raise ValidationError({"school": _("They have no current school to move from.")})
    if any(p.school_id == school.pk for p in current) and from_school is None:
        raise ValidationError({"school": _("They are already at %(school)s.") % {"school": school.name}})
    for period in current:
        if on <= period.started_on:
            raise ValidationError({"effective_on": _("The move must come after they started at %(school)s.") % {
                "school": period.school.name}})
        period.finished_on = on - dt.timedelta(days=1)
        period.save(update_fields=["finished_on"])
    _refuse_overlap(enrolment=enrolment, school=school, started_on=on, user=enrolment.user, role=enrolment.role)
    SchoolPeriod.objects.create(consortium_id=enrolment.consortium_id, enrolment=enrolment, user=enrolment.user,
                                role=enrolment.role, school=school, started_on=on)


def _finish(*, enrolment: Enrolment, on: dt.date) -> None:
    for period in SchoolPeriod.objects.filter(consortium_id=enrolment.consortium_id, enrolment=enrolment,
                                              finished_on__isnull=True):
        period.finished_on = max(on, period.started_on)
        period.save(update_fields=["finished_on"])
    for mentorship in Mentorship.objects.filter(consortium_id=enrolment.consortium_id, finished_on__isnull=True,
                                                ect=enrolment) | Mentorship.objects.filter(
            consortium_id=enrolment.consortium_id, finished_on__isnull=True, mentor=enrolment):
        mentorship.finished_on = max(on, mentorship.started_on)
        mentorship.save(update_fields=["finished_on"])


@transaction.atomic
def status_change_record(*, enrolment: Enrolment, kind: str, effective_on: dt.date, by, reason: str = "",
                         note: str = "", school: Organisation | None = None,
                         from_school: Organisation | None = None) -> EnrolmentStatusChange:
    """Record a change of status (or a move) from `effective_on`, with the reason and who said so."""
    enrolment = _locked(enrolment)
    programme = enrolment.cohort.programme
    require_same_consortium(enrolment.consortium_id, school, from_school)
    if kind not in TRANSITIONS:
        raise ValidationError({"kind": _("Choose a change from the list.")})
    latest = _latest(enrolment)
    if effective_on < enrolment.started_on:
        raise ValidationError({"effective_on": _("A change cannot take effect before they started on %(date)s.")
                               % {"date": date_format(enrolment.started_on, "j F Y")}})
    if effective_on < latest.effective_on:
        raise ValidationError({"effective_on": _(
            "Changes are recorded in date order: the last one recorded takes effect on %(date)s. Choose that date "
            "or a later one.") % {"date": date_format(latest.effective_on, "j F Y")}})
    allowed_from, leaves = TRANSITIONS[kind]
    if latest.status not in allowed_from:
        raise ValidationError({"kind": _("This cannot be recorded while they are %(status)s.") % {
            "status": Status(latest.status).label.lower()}})
    choices = reasons.for_change(kind=kind, programme_kind=programme.kind, role=enrolment.role)
    if kind in (Kind.DEFERRED, Kind.WITHDRAWN) and not reason:
        raise ValidationError({"reason": _("Choose the reason.")})
    if reason and reason not in {code for code, _label in choices}:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    if reason == "other" and not note.strip():
        raise ValidationError({"note": _("Say what the other reason is.")})
    if kind in (Kind.TRANSFERRED, Kind.CHANGED_EMPLOYER):
        _check_school(school, role=enrolment.role if kind == Kind.TRANSFERRED else ParticipantRole.NPQ_PARTICIPANT)
    else:
        school = None
    change = EnrolmentStatusChange.objects.create(
        consortium_id=enrolment.consortium_id, enrolment=enrolment, kind=kind, status=leaves or latest.status,
        reason=reason, effective_on=effective_on, note=note.strip(), school=school, recorded_by=by)
    if kind == Kind.TRANSFERRED:
        _move(enrolment=enrolment, school=school, on=effective_on, from_school=from_school)
        agreement_bind(programme=programme, role="school", organisation=school)
    elif kind == Kind.CHANGED_EMPLOYER:
        employment_change(consortium=programme.consortium, user=enrolment.user, organisation=school,
                          started_on=effective_on)
        _move(enrolment=enrolment, school=school, on=effective_on, from_school=None)
        commitment = EmployerCommitment.objects.create(
            consortium_id=enrolment.consortium_id, enrolment=enrolment, organisation=school, status_change=change,
            requested_by=by)
        transaction.on_commit(lambda: employer_commitment_request(commitment=commitment))
    elif kind in (Kind.WITHDRAWN, Kind.COMPLETED):
        _finish(enrolment=enrolment, on=effective_on)
    return change


# --- Mentors and mentoring schools -------------------------------------------------------------------

@transaction.atomic
def mentor_assign(*, ect: Enrolment, mentor: Enrolment, started_on: dt.date | None = None) -> Mentorship:
    """The ECT's mentor from `started_on`; the previous mentorship ends the day before."""
    require_same_consortium(ect.consortium_id, mentor)
    if ect.role != ParticipantRole.ECT or mentor.role != ParticipantRole.MENTOR:
        raise ValidationError({"mentor": _("Choose a mentor for an early career teacher.")})
    if mentor.cohort.programme_id != ect.cohort.programme_id:
        raise ValidationError({"mentor": _("Choose a mentor on the same programme.")})
    started_on = started_on or timezone.localdate()
    current = Mentorship.objects.select_for_update().filter(consortium_id=ect.consortium_id, ect=ect,
                                                            finished_on__isnull=True).first()
    if current is not None:
        if current.mentor_id == mentor.pk:
            return current
        if started_on <= current.started_on:
            raise ValidationError({"started_on": _("The new mentor must start after the current one began.")})
        current.finished_on = started_on - dt.timedelta(days=1)
        current.save(update_fields=["finished_on"])
    return Mentorship.objects.create(consortium_id=ect.consortium_id, ect=ect, mentor=mentor, started_on=started_on)


@transaction.atomic
def mentor_school_add(*, enrolment: Enrolment, school: Organisation, started_on: dt.date) -> SchoolPeriod:
    """A mentor may mentor at several schools at once: one more school from `started_on`."""
    require_same_consortium(enrolment.consortium_id, school)
    if enrolment.role != ParticipantRole.MENTOR:
        raise ValidationError({"school": _("Only a mentor works at several schools at once.")})
    _check_school(school, role=enrolment.role)
    _refuse_overlap(enrolment=enrolment, school=school, started_on=started_on, user=enrolment.user,
                    role=enrolment.role)
    period = SchoolPeriod.objects.create(consortium_id=enrolment.consortium_id, enrolment=enrolment,
                                         user=enrolment.user, role=enrolment.role, school=school,
                                         started_on=started_on)
    agreement_bind(programme=enrolment.cohort.programme, role="school", organisation=school)
    return period


# --- Employer commitment ------------------------------------------------------------------------------

def _commitment_party(commitment: EmployerCommitment):
    """The school's side of the programme agreement, as an (unsaved) party of its current version."""
    from agreements.models import AgreementParty, AgreementVersion

    programme = commitment.enrolment.cohort.programme
    version = None
    if programme.agreement_id:
        version = AgreementVersion.objects.select_related("template__partnership").filter(
            consortium_id=commitment.consortium_id, template_id=programme.agreement_id,
            status=AgreementVersion.Status.PUBLISHED).first()
    party = AgreementParty(consortium_id=commitment.consortium_id, version=version,
                           kind=AgreementParty.Kind.ORGANISATION, organisation=commitment.organisation,
                           role="school")
    return party, version


def commitment_representatives(commitment: EmployerCommitment) -> list:
    """The new employer's current representatives in the delivering partnership: who may commit."""
    from partnerships.models import PartnershipRole

    return [role.user for role in PartnershipRole.objects.filter(
        consortium_id=commitment.consortium_id, partnership_id=commitment.enrolment.cohort.programme.partnership_id,
        organisation_id=commitment.organisation_id, role="representative", ended_at__isnull=True,
        user__is_active=True).select_related("user").order_by("user__email")]


def can_commit(user, commitment: EmployerCommitment) -> bool:
    return any(person.pk == user.pk for person in commitment_representatives(commitment))


def commitment_text(commitment: EmployerCommitment, language: str) -> str:
    """What the representative accepts: the agreement's school commitments and this participant."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from agreements.services import party_text

    party, version = _commitment_party(commitment)
    with translation.override(language):
        body = party_text(party=party, language=language) if version is not None else ""
        return render_to_string("programmes/text/commitment.txt", {
            "commitment": commitment, "participant": commitment.enrolment.user,
            "programme": commitment.enrolment.cohort.programme.display_name(language),
            "hub": commitment.enrolment.cohort.programme.partnership.consortium.display_name(language),
            "agreement": body,
        }).strip() + "\n"


@transaction.atomic
def employer_commitment_accept(*, commitment: EmployerCommitment, user, language: str = "en") -> EmployerCommitment:
    """The new employer's representative commits, online, to support the participant."""
    commitment = EmployerCommitment.objects.select_for_update(of=("self",)).select_related(
        "enrolment__cohort__programme__partnership__consortium", "enrolment__user", "organisation").get(
        consortium_id=commitment.consortium_id, pk=commitment.pk)
    if commitment.is_accepted:
        raise ValidationError(_("This commitment has already been given."))
    if not can_commit(user, commitment):
        raise PermissionDenied(_("Only a representative of %(school)s can commit for it.") % {
            "school": commitment.organisation.name})
    language = "cy" if language.startswith("cy") else "en"
    _party, version = _commitment_party(commitment)
    commitment.version = version
    commitment.accepted_by, commitment.accepted_at, commitment.language = user, timezone.now(), language
    commitment.text_accepted = commitment_text(commitment, language)
    commitment.save(update_fields=["version", "accepted_by", "accepted_at", "language", "text_accepted"])
    return commitment


def employer_commitment_request(*, commitment: EmployerCommitment, now: dt.datetime | None = None) -> int:
    """Ask (or remind, once a week) the new employer's representatives to commit. Returns emails queued."""
    now = now or timezone.now()
    commitment = EmployerCommitment.objects.select_related(
        "enrolment__cohort__programme__partnership__consortium", "enrolment__user", "organisation").get(
        consortium_id=commitment.consortium_id, pk=commitment.pk)
    if commitment.is_accepted:
        return 0
    window = max((now - commitment.requested_at).days // COMMITMENT_REMINDER_DAYS, 0) + 1
    programme = commitment.enrolment.cohort.programme
    consortium = programme.partnership.consortium
    url = emails.site(reverse("programme_commitment", args=[consortium.slug, commitment.pk]))
    queued = 0
    for person in commitment_representatives(commitment):
        _row, created = emails.enqueue(
            consortium=consortium, user=person, purpose=COMMITMENT_PURPOSE, about=commitment, version=window,
            template="commitment_request", context={"commitment": commitment, "url": url, "reminder": window > 1,
                                                   "programme": programme},
            subject=lambda: str(COMMITMENT_SUBJECT) % {"name": commitment.enrolment.user,
                                                       "programme": programme.display_name()})
        queued += created
    return queued


def employer_commitments_remind(*, now: dt.datetime | None = None) -> int:
    queued = 0
    for commitment in EmployerCommitment.objects.filter(accepted_at__isnull=True).order_by("consortium_id", "pk"):
        queued += employer_commitment_request(commitment=commitment, now=now)
    return queued


# --- Staffing changes --------------------------------------------------------------------------------

def _may_report_for(user, consortium, enrolment: Enrolment) -> bool:
    from ..selectors.participants import can_see_enrolment, mentees_of

    allowed = access_selectors.access(user, consortium)
    if not allowed.can(access_selectors.REPORT_STAFFING, enrolment.cohort.programme_id, enrolment.cohort_id):
        return False
    if enrolment.user_id == user.pk or can_see_enrolment(user, consortium, enrolment):
        return True
    return enrolment.pk in {m.ect_id for m in mentees_of(user, consortium)}


@transaction.atomic
def staffing_change_report(*, programme: Programme, reporter, kind: str, effective_on: dt.date,
                           enrolment: Enrolment | None = None, school: Organisation | None = None,
                           returns_on: dt.date | None = None, person_name: str = "", person_email: str = "",
                           note: str = "") -> StaffingChange:
    """A mentor or induction tutor tells the hub about a change; it waits in the hub's queue."""
    consortium = programme.consortium
    require_same_consortium(programme.consortium_id, enrolment, school)
    allowed = access_selectors.access(reporter, consortium)
    if not allowed.can_anywhere(access_selectors.REPORT_STAFFING, programme.pk):
        raise PermissionDenied(_("Only mentors and induction tutors report staffing changes."))
    if kind not in StaffingChange.Kind.values:
        raise ValidationError({"kind": _("Choose what is changing.")})
    if kind == StaffingChange.Kind.JOINING:
        if not person_email:
            raise ValidationError({"person_email": _("Give the email address of the person joining.")})
        if school is None:
            raise ValidationError({"school": _("Choose the school they are joining.")})
    else:
        if enrolment is None:
            raise ValidationError({"enrolment": _("Choose who the change is about.")})
        if enrolment.cohort.programme_id != programme.pk or not _may_report_for(reporter, consortium, enrolment):
            raise ValidationError({"enrolment": _("Choose a participant you support on this programme.")})
    if kind == StaffingChange.Kind.MENTOR_CHANGE and not (person_email or person_name):
        raise ValidationError({"person_name": _("Name the new mentor.")})
    if returns_on is not None and returns_on < effective_on:
        raise ValidationError({"returns_on": _("They cannot be back before the leave begins.")})
    change = StaffingChange(
        consortium_id=programme.consortium_id, programme=programme, enrolment=enrolment, kind=kind,
        effective_on=effective_on, returns_on=returns_on, school=school, person_name=person_name.strip(),
        person_email=person_email.strip().lower(), note=note.strip(), reported_by=reporter)
    change.full_clean(exclude=["consortium", "programme", "enrolment", "school", "reported_by"])
    change.save()
    return change


ACT_DEFER, ACT_RESUME, ACT_WITHDRAW, ACT_TRANSFER, ACT_MENTOR, ACT_ENROL, ACT_DISMISS = (
    "defer", "resume", "withdraw", "transfer", "mentor", "enrol", "dismiss")


@transaction.atomic
def staffing_change_act(*, change: StaffingChange, by, action: str, reason: str = "", note: str = "",
                        school: Organisation | None = None, mentor: Enrolment | None = None,
                        role: str = "", cohort: Cohort | None = None) -> StaffingChange:
    """Act on a reported change, dated as the school reported it: however late the hub acts,
    the change takes effect from the reported date."""
    change = StaffingChange.objects.select_for_update(of=("self",)).select_related(
        "programme__consortium", "enrolment__cohort__programme", "enrolment__user", "school").get(
        consortium_id=change.consortium_id, pk=change.pk)
    if change.state != StaffingChange.State.OPEN:
        raise ValidationError(_("This change has already been dealt with."))
    outcome = ""
    status_change = None
    on = change.effective_on
    if action in (ACT_DEFER, ACT_RESUME, ACT_WITHDRAW, ACT_TRANSFER):
        if change.enrolment is None:
            raise ValidationError(_("This notice names no participant; choose another action."))
        kind = {ACT_DEFER: Kind.DEFERRED, ACT_RESUME: Kind.RESUMED, ACT_WITHDRAW: Kind.WITHDRAWN,
                ACT_TRANSFER: Kind.TRANSFERRED}[action]
        if action == ACT_RESUME and change.returns_on:
            on = change.returns_on
        status_change = status_change_record(enrolment=change.enrolment, kind=kind, effective_on=on, by=by,
                                             reason=reason, note=note or change.note,
                                             school=school or change.school)
        outcome = status_change.get_kind_display()
    elif action == ACT_MENTOR:
        if change.enrolment is None or mentor is None:
            raise ValidationError({"mentor": _("Choose the new mentor.")})
        mentor_assign(ect=change.enrolment, mentor=mentor, started_on=on)
        outcome = _("Mentor changed to %(name)s") % {"name": mentor.user}
    elif action == ACT_ENROL:
        if cohort is None or cohort.programme_id != change.programme_id:
            raise ValidationError({"cohort": _("Choose a cohort of this programme.")})
        person = person_for_programme(consortium=change.programme.consortium, email=change.person_email,
                                      full_name=change.person_name, invited_by=by)
        enrolment = enrolment_create(cohort=cohort, user=person, role=role, school=school or change.school,
                                     started_on=on, by=by)
        outcome = _("Enrolled as %(role)s") % {"role": enrolment.get_role_display()}
    elif action == ACT_DISMISS:
        outcome = note.strip() or _("No change needed")
    else:
        raise ValidationError({"action": _("Choose what to do.")})
    change.state = StaffingChange.State.DISMISSED if action == ACT_DISMISS else StaffingChange.State.ACTIONED
    change.handled_by, change.handled_at, change.outcome = by, timezone.now(), str(outcome)
    change.status_change = status_change
    change.save(update_fields=["state", "handled_by", "handled_at", "outcome", "status_change"])
    return change


# --- Weekly coaching cycle ---------------------------------------------------------------------------

@transaction.atomic
def coaching_cycle_log(*, mentor, ect: Enrolment, week_starting: dt.date, focus: str, action_step_set: bool,
                       completed: bool) -> CoachingCycle:
    """The mentor logs a week of the ECT's coaching cycle (once a week; logging again corrects it)."""
    from ..selectors.participants import mentees_of

    consortium = ect.cohort.programme.consortium
    if ect.pk not in {m.ect_id for m in mentees_of(mentor, consortium)}:
        raise PermissionDenied(_("You can log coaching only for the early career teachers you mentor."))
    monday = week_starting - dt.timedelta(days=week_starting.weekday())
    if monday > timezone.localdate():
        raise ValidationError({"week_starting": _("Log a week that has begun.")})
    if focus not in CoachingCycle.Focus.values:
        raise ValidationError({"focus": _("Choose the focus from the list.")})
    cycle, _created = CoachingCycle.objects.update_or_create(
        consortium_id=ect.consortium_id, ect=ect, week_starting=monday,
        defaults={"mentor": mentor, "focus": focus, "action_step_set": action_step_set, "completed": completed,
                  "logged_at": timezone.now()})
    return cycle


def person_for_programme(*, consortium, email: str, full_name: str = "", invited_by=None):
    """The consortium's person for this email, to enrol or give a role (partnerships.person_add).

    Someone with an account of their own who is not in the consortium yet is invited, not taken:
    their profile is theirs until they accept, so they are enrolled after that.
    """
    from partnerships.services import person_add

    added = person_add(consortium=consortium, email=email, full_name=full_name, invited_by=invited_by)
    if added.user is None:
        raise ValidationError({"email": _("%(email)s already has an account. We have invited them to join; "
                                          "enrol them once they accept.") % {"email": email}})
    return added.user
