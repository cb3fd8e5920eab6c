"""Every ITE write: trainees and their status, mentors and their training, placement offers,
placements (with the two-school and contrast rules), and accepting a suggested matching."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.scoping import require_same_consortium
from partnerships.models import Organisation

from .. import rules_ite
from ..models import (
    ContrastAttribute,
    Mentor,
    MentorTraining,
    Placement,
    PlacementOffer,
    PlacementRules,
    Programme,
    Route,
    Subject,
    Term,
    Trainee,
    TraineeState,
    TraineeStatusChange,
)
from ..selectors import ite as ite_selectors
from .programmes import programme_role_grant


def _require_ite(programme: Programme) -> None:
    if programme.kind != Programme.Kind.ITE:
        raise ValidationError(_("This is not an initial teacher education programme."))


@transaction.atomic
def placement_rules_save(*, programme: Programme, contrast_attributes: list[str], contrast_minimum: int = 1,
                         first_term: str = Term.AUTUMN, second_term: str = Term.SPRING) -> PlacementRules:
    _require_ite(programme)
    attributes = [a for a in ContrastAttribute.values if a in set(contrast_attributes)]
    if not attributes:
        raise ValidationError({"contrast_attributes": _("Choose at least one attribute schools must differ on.")})
    if not 1 <= contrast_minimum <= len(attributes):
        raise ValidationError({"contrast_minimum": _("Ask for between 1 and %(count)s differences.")
                               % {"count": len(attributes)}})
    if first_term == second_term:
        raise ValidationError({"second_term": _("The second placement falls in a different term from the first.")})
    rules, _created = PlacementRules.objects.update_or_create(
        consortium_id=programme.consortium_id, programme=programme,
        defaults={"contrast_attributes": attributes, "contrast_minimum": contrast_minimum,
                  "first_term": first_term, "second_term": second_term})
    return rules


@transaction.atomic
def trainee_create(*, programme: Programme, user, route: str, subject: str, academic_year: int,
                   starts_on: dt.date, ends_on: dt.date, by=None) -> Trainee:
    """Register a trainee (draft), give them the trainee role, and start their status history."""
    _require_ite(programme)
    if route not in Route.values:
        raise ValidationError({"route": _("Choose a route.")})
    if subject not in Subject.values:
        raise ValidationError({"subject": _("Choose a subject.")})
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("The end date must be after the start date.")})
    if Trainee.objects.filter(consortium_id=programme.consortium_id, programme=programme, user=user,
                              academic_year=academic_year).exists():
        raise ValidationError(_("%(person)s is already a trainee in this academic year.") % {"person": user})
    trainee = Trainee.objects.create(consortium_id=programme.consortium_id, programme=programme, user=user,
                                     route=route, subject=subject, academic_year=academic_year,
                                     starts_on=starts_on, ends_on=ends_on)
    TraineeStatusChange.objects.create(consortium_id=programme.consortium_id, trainee=trainee,
                                       state=TraineeState.DRAFT, effective_on=starts_on, recorded_by=by)
    programme_role_grant(programme=programme, user=user, role="trainee", granted_by=by)
    return trainee


def trainee_state(trainee: Trainee) -> str:
    latest = trainee.status_changes.order_by("-effective_on", "-recorded_at", "-pk").first()
    return latest.state if latest else TraineeState.DRAFT


@transaction.atomic
def trainee_status_change(*, trainee: Trainee, state: str, effective_on: dt.date, by=None, reason: str = "",
                          trigger: str = "", note: str = "") -> TraineeStatusChange:
    """A new step in the trainee's record (RTT's transitions); the earlier steps stay as they were."""
    Trainee.objects.select_for_update().filter(pk=trainee.pk).first()
    current = trainee_state(trainee)
    if state not in rules_ite.TRANSITIONS.get(current, set()):
        raise ValidationError({"state": _("A trainee who is %(current)s cannot become %(state)s.") % {
            "current": TraineeState(current).label.lower(),
            "state": TraineeState(state).label.lower() if state in TraineeState.values else state}})
    last = trainee.status_changes.order_by("-effective_on").first()
    if last and effective_on < last.effective_on:
        raise ValidationError({"effective_on": _("The date cannot be before the last change (%(day)s).")
                               % {"day": last.effective_on.strftime("%d/%m/%Y")}})
    if state == TraineeState.WITHDRAWN:
        if reason not in rules_ite.WITHDRAWAL_REASONS:
            raise ValidationError({"reason": _("Choose why the trainee is withdrawing.")})
        if trigger not in TraineeStatusChange.Trigger.values:
            raise ValidationError({"trigger": _("Say who asked for the withdrawal.")})
    else:
        reason, trigger = "", ""
    if state == TraineeState.RECOMMENDED_FOR_AWARD and trainee.needs_placements:
        # RTT PR #6224: the correct number of placements before a recommendation for QTS.
        placements = list(trainee.placements.all())
        profiles = ite_selectors.school_profiles(trainee.consortium_id, {p.school_id for p in placements},
                                                 trainee.academic_year)
        met = ite_selectors.requirement(trainee, placements, profiles, ite_selectors.rules_for(trainee.programme))
        if not met["met"]:
            raise ValidationError({"state": _("The trainee needs placements in two contrasting schools (or a "
                                              "recorded reason) before a recommendation for award.")})
    return TraineeStatusChange.objects.create(
        consortium_id=trainee.consortium_id, trainee=trainee, state=state, reason=reason, trigger=trigger,
        effective_on=effective_on, note=note.strip(), recorded_by=by)


@transaction.atomic
def mentor_save(*, programme: Programme, user, school: Organisation, subjects: list[str], by=None) -> Mentor:
    _require_ite(programme)
    require_same_consortium(programme.consortium_id, school)
    subjects = [s for s in Subject.values if s in set(subjects)]
    mentor, _created = Mentor.objects.update_or_create(
        consortium_id=programme.consortium_id, programme=programme, user=user,
        defaults={"school": school, "subjects": subjects})
    programme_role_grant(programme=programme, user=user, role="mentor", granted_by=by)
    return mentor


@transaction.atomic
def mentor_training_record(*, mentor: Mentor, kind: str, hours: int, completed_on: dt.date) -> MentorTraining:
    if kind not in MentorTraining.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of training.")})
    if not 1 <= hours <= 40:
        raise ValidationError({"hours": _("Enter between 1 and 40 hours.")})
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("Record training once it has been completed.")})
    return MentorTraining.objects.create(consortium_id=mentor.consortium_id, mentor=mentor, kind=kind,
                                         hours=hours, completed_on=completed_on)


@transaction.atomic
def placement_offer_save(*, programme: Programme, school: Organisation, academic_year: int, subject: str,
                         term: str, places: int) -> PlacementOffer:
    """A school's offer of places; lowering it below the placements already made is refused."""
    _require_ite(programme)
    require_same_consortium(programme.consortium_id, school)
    if subject not in Subject.values:
        raise ValidationError({"subject": _("Choose a subject.")})
    if term not in Term.values:
        raise ValidationError({"term": _("Choose a term.")})
    if not 0 <= places <= 20:
        raise ValidationError({"places": _("Enter between 0 and 20 places.")})
    offer, created = PlacementOffer.objects.select_for_update().get_or_create(
        consortium_id=programme.consortium_id, programme=programme, school=school, academic_year=academic_year,
        subject=subject, term=term, defaults={"places": places})
    if not created:
        used = offer.placements.exclude(status=Placement.Status.ENDED_EARLY).count()
        if places < used:
            raise ValidationError({"places": _("%(used)s trainees are already placed on this offer.")
                                   % {"used": used}})
        offer.places = places
        offer.save(update_fields=["places"])
    return offer


def _check_placement(placement: Placement, trainee: Trainee, rules: PlacementRules) -> None:
    if placement.ends_on < placement.starts_on:
        raise ValidationError({"ends_on": _("The placement must end on or after its start.")})
    if placement.offer_id:
        offer = PlacementOffer.objects.select_for_update().get(pk=placement.offer_id)
        if (offer.school_id != placement.school_id or offer.subject != trainee.subject
                or offer.academic_year != trainee.academic_year or offer.term != placement.term):
            raise ValidationError({"offer": _("The offer is for another school, subject, year or term.")})
        used = offer.placements.exclude(status=Placement.Status.ENDED_EARLY).exclude(pk=placement.pk).count()
        if used >= offer.places:
            raise ValidationError({"offer": _("%(school)s's offer in %(subject)s is full (%(places)s places).") % {
                "school": offer.school, "subject": offer.get_subject_display(), "places": offer.places}})
    if placement.mentor_id and placement.mentor.school_id != placement.school_id:
        raise ValidationError({"mentor": _("Choose a mentor at the placement school.")})
    others = list(trainee.placements.exclude(pk=placement.pk).exclude(status=Placement.Status.ENDED_EARLY))
    if any(p.sequence == placement.sequence for p in others):
        raise ValidationError({"sequence": _("The trainee already has placement %(n)s.") % {"n": placement.sequence}})
    earlier = sorted((p for p in others if p.sequence < placement.sequence), key=lambda p: p.sequence)
    if earlier and placement.sequence == 2:
        first = earlier[0]
        if first.school_id == placement.school_id:
            raise ValidationError({"school": _("The second placement must be in a different school from the "
                                               "first.")})
        profiles = ite_selectors.school_profiles(trainee.consortium_id, {first.school_id, placement.school_id},
                                                 trainee.academic_year)
        if not rules_ite.contrast_holds(rules.contrast_attributes, rules.contrast_minimum,
                                        profiles.get(first.school_id, {}), profiles.get(placement.school_id, {})) \
                and not placement.contrast_reason.strip():
            raise ValidationError({"contrast_reason": _(
                "%(school)s does not contrast with %(first)s by the partnership's rule. Choose a contrasting "
                "school, or give the reason this placement is right for the trainee.") % {
                "school": placement.school, "first": first.school}})


@transaction.atomic
def placement_create(*, trainee: Trainee, school: Organisation, sequence: int, term: str, starts_on: dt.date,
                     ends_on: dt.date, offer: PlacementOffer | None = None, mentor: Mentor | None = None,
                     tutor=None, lead_tutor=None, contrast_reason: str = "", status: str = Placement.Status.PROPOSED,
                     by=None) -> Placement:
    Trainee.objects.select_for_update().filter(pk=trainee.pk).first()
    require_same_consortium(trainee.consortium_id, school, offer, mentor)
    if not trainee.needs_placements:
        raise ValidationError(_("Assessment-only trainees are assessed in their own school and need no "
                                "placements."))
    if term not in Term.values:
        raise ValidationError({"term": _("Choose a term.")})
    placement = Placement(consortium_id=trainee.consortium_id, trainee=trainee, school=school, offer=offer,
                          sequence=sequence, term=term, starts_on=starts_on, ends_on=ends_on, mentor=mentor,
                          tutor=tutor, lead_tutor=lead_tutor, contrast_reason=contrast_reason.strip(),
                          status=status, created_by=by)
    _check_placement(placement, trainee, ite_selectors.rules_for(trainee.programme))
    placement.save()
    return placement


EDITABLE = ("school", "starts_on", "ends_on", "mentor", "tutor", "lead_tutor")


@transaction.atomic
def placement_edit(*, placement: Placement, by=None, reason: str = "", contrast_reason: str | None = None,
                   **changes) -> Placement:
    """Change a placement's dates, school, mentor or tutors; the earlier version stays in its history.

    The two-school and contrast rules are checked again both ways: a second placement against
    the first, and a first placement's new school against the second already made (the reason,
    when they no longer contrast, is kept on the second placement, where the rule is judged).
    A new school releases the old school's offer; a mentor must be at the (new) school.
    """
    placement = Placement.objects.select_for_update().select_related("trainee__programme").get(pk=placement.pk)
    trainee = placement.trainee
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    require_same_consortium(trainee.consortium_id, *(v for k, v in changes.items()
                                                     if k in ("school", "mentor") and v is not None))
    if placement.status in (Placement.Status.COMPLETED, Placement.Status.ENDED_EARLY):
        raise ValidationError(_("A placement that is %(status)s is kept as it was.") % {
            "status": placement.get_status_display().lower()})
    if changes.get("school") is None and "school" in changes:
        raise ValidationError({"school": _("Choose a school.")})
    before = {k: getattr(placement, k) for k in EDITABLE}
    before_reason = placement.contrast_reason
    for name, value in changes.items():
        setattr(placement, name, value)
    if placement.school_id != before["school"].pk and placement.offer_id:
        placement.offer = None  # the old school's place is freed; the new one is arranged by hand
    if placement.mentor_id and placement.mentor.school_id != placement.school_id and "mentor" not in changes:
        placement.mentor = None  # the old school's mentor does not follow the trainee
    if contrast_reason is not None and placement.sequence == 2:
        placement.contrast_reason = contrast_reason.strip()
    rules = ite_selectors.rules_for(trainee.programme)
    _check_placement(placement, trainee, rules)
    later = None
    if placement.sequence == 1 and placement.school_id != before["school"].pk:
        later = trainee.placements.exclude(status=Placement.Status.ENDED_EARLY).filter(sequence=2).select_related(
            "school").first()
        if later is not None:
            if later.school_id == placement.school_id:
                raise ValidationError({"school": _("The second placement is already at %(school)s: the first "
                                                   "must be in a different school.") % {"school": later.school}})
            profiles = ite_selectors.school_profiles(trainee.consortium_id, {placement.school_id, later.school_id},
                                                     trainee.academic_year)
            holds = rules_ite.contrast_holds(rules.contrast_attributes, rules.contrast_minimum,
                                             profiles.get(placement.school_id, {}), profiles.get(later.school_id, {}))
            given = (contrast_reason or "").strip()
            if not holds and not given and not later.contrast_reason:
                raise ValidationError({"contrast_reason": _(
                    "%(school)s does not contrast with the second placement's school, %(second)s, by the "
                    "partnership's rule. Choose a contrasting school, or give the reason.") % {
                    "school": placement.school, "second": later.school}})
            if not holds and given:
                later.contrast_reason = given
                later._change_reason = _("The first placement moved to %(school)s.") % {"school": placement.school}
                later._history_user = by
                later.save(update_fields=["contrast_reason"])
    if all(getattr(placement, k) == v for k, v in before.items()) and placement.contrast_reason == before_reason:
        return placement  # nothing changed: no new version
    placement._change_reason = reason.strip()[:100]
    placement._history_user = by
    placement.save()
    return placement


PLACEMENT_STEPS = {
    "proposed": {"confirmed", "ended_early"},
    "confirmed": {"in_progress", "ended_early"},
    "in_progress": {"completed", "ended_early"},
}


@transaction.atomic
def placement_status_set(*, placement: Placement, status: str) -> Placement:
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if status not in PLACEMENT_STEPS.get(placement.status, set()):
        raise ValidationError({"status": _("A placement that is %(current)s cannot become %(status)s.") % {
            "current": placement.get_status_display().lower(),
            "status": Placement.Status(status).label.lower() if status in Placement.Status.values else status}})
    placement.status = status
    placement.save(update_fields=["status"])
    return placement


@transaction.atomic
def matching_accept(*, programme: Programme, academic_year: int, rows: list[tuple[int, int, int]],
                    by=None) -> list[Placement]:
    """Write the suggested (or hand-changed) matching the office accepted: all of it or none.

    Each row is (trainee id, placement number, offer id); the rules are checked again here, so
    a stale suggestion (an offer filled meanwhile) is refused with the reason, not half-saved.
    """
    _require_ite(programme)
    rules = ite_selectors.rules_for(programme)
    trainees = {t.pk: t for t in Trainee.objects.filter(consortium_id=programme.consortium_id, programme=programme,
                                                        academic_year=academic_year)}
    offers = {o.pk: o for o in PlacementOffer.objects.filter(
        consortium_id=programme.consortium_id, programme=programme, academic_year=academic_year,
    ).select_related("school")}
    created = []
    for trainee_id, sequence, offer_id in sorted(rows, key=lambda r: (r[1], r[0])):
        trainee, offer = trainees.get(trainee_id), offers.get(offer_id)
        if trainee is None or offer is None:
            raise ValidationError(_("The suggestion names a trainee or offer that no longer exists; suggest again."))
        term = rules.first_term if sequence == 1 else rules.second_term
        starts, ends = rules_ite.term_dates(academic_year, term)
        created.append(placement_create(trainee=trainee, school=offer.school, sequence=sequence, term=term,
                                        starts_on=starts, ends_on=ends, offer=offer, by=by))
    return created
