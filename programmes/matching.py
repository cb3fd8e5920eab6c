"""The suggested placement matching: trainees to partner schools' offers, by OR-Tools CP-SAT.

It fills offers within their places, in the trainee's subject and the rules' terms, and gives
every trainee (except assessment-only) a first and a second placement in a different school
that contrasts with the first by the partnership's rule. Placements already made are kept and
their offers' places counted as used. When not everyone can be placed it says who is left
and why. Nothing is written here: the office accepts the suggestion (services.matching_accept)
or arranges placements by hand.

Why the contrast is stated over school profiles rather than pairs of offers: two schools
contrast or not by their recorded attributes alone, so offers with the same profile behave
alike; a constraint per trainee and first-placement profile forbids every non-contrasting
second profile, which stays small at 400 trainees and 300 schools where pairs would not.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from ortools.sat.python import cp_model

from . import rules_ite
from .models import Placement, PlacementOffer, Programme, Trainee, TraineeState
from .selectors import ite as ite_selectors

SUBJECT_SECONDS = 10.0  # per subject: at 3 s most subjects found nothing under load (bench: 58 of 800)
DONE_STATES = {TraineeState.WITHDRAWN, TraineeState.AWARDED, TraineeState.DEFERRED}


@dataclass
class Left:
    trainee: Trainee
    sequence: int
    reason: str  # no_offer | offers_full | no_contrast | no_time
    message: str


@dataclass
class Suggestion:
    rows: list[tuple[Trainee, int, PlacementOffer]] = field(default_factory=list)
    left: list[Left] = field(default_factory=list)
    needed: int = 0
    solver_status: str = ""
    seconds: float = 0.0

    @property
    def accept_rows(self) -> list[tuple[int, int, int]]:
        return [(t.pk, seq, o.pk) for t, seq, o in self.rows]


def _key(profile: dict, attributes: list[str]) -> tuple:
    return tuple(profile.get(a) or "" for a in attributes)


def suggest(*, programme: Programme, academic_year: int) -> Suggestion:
    rules = ite_selectors.rules_for(programme)
    attributes, minimum = rules.contrast_attributes, rules.contrast_minimum
    trainees = [t for t in ite_selectors.with_state(Trainee.objects.filter(
        consortium_id=programme.consortium_id, programme=programme, academic_year=academic_year,
    )).select_related("user").order_by("pk") if t.needs_placements and t.state not in DONE_STATES]
    existing: dict[int, dict[int, Placement]] = defaultdict(dict)
    for placement in Placement.objects.filter(
            consortium_id=programme.consortium_id, trainee__in=[t.pk for t in trainees]).exclude(
            status=Placement.Status.ENDED_EARLY):
        existing[placement.trainee_id][placement.sequence] = placement
    offers = list(PlacementOffer.objects.filter(
        consortium_id=programme.consortium_id, programme=programme, academic_year=academic_year,
    ).select_related("school").annotate(
        used=Count("placements", filter=~Q(placements__status=Placement.Status.ENDED_EARLY))).order_by("pk"))
    school_ids = {o.school_id for o in offers} | {p.school_id for ps in existing.values() for p in ps.values()}
    profiles = ite_selectors.school_profiles(programme.consortium_id, school_ids, academic_year)
    keys = {pk: _key(profile, attributes) for pk, profile in profiles.items()}
    terms = {1: rules.first_term, 2: rules.second_term}

    @cache
    def contrasts(a: tuple, b: tuple) -> bool:
        return rules_ite.contrast_holds(attributes, minimum, dict(zip(attributes, a, strict=True)),
                                        dict(zip(attributes, b, strict=True)))

    by_subject_term: dict[tuple[str, str], list[PlacementOffer]] = defaultdict(list)
    for offer in offers:
        by_subject_term[(offer.subject, offer.term)].append(offer)
    by_pk = {o.pk: o for o in offers}
    offer_key = {o.pk: keys[o.school_id] for o in offers}
    remaining = {o.pk: o.places - o.used for o in offers}
    chosen: dict[tuple[int, int], PlacementOffer] = {}
    choice: dict[tuple[int, int], dict[int, cp_model.IntVar]] = {}
    timed_out: set[int] = set()
    statuses, needed, started = set(), 0, time.perf_counter()
    # Offers are per subject, so each subject's trainees are an independent, much smaller model.
    by_subject: dict[str, list[Trainee]] = defaultdict(list)
    for trainee in trainees:
        by_subject[trainee.subject].append(trainee)
    for group in by_subject.values():
        model = cp_model.CpModel()
        group_choice: dict[tuple[int, int], dict[int, cp_model.IntVar]] = {}
        for trainee in group:
            have = existing.get(trainee.pk, {})
            for sequence in (1, 2):
                if sequence in have:
                    continue
                needed += 1
                fixed = have.get(3 - sequence)
                candidates = {}
                for offer in by_subject_term[(trainee.subject, terms[sequence])]:
                    if offer.places - offer.used <= 0:
                        continue
                    if fixed is not None and not contrasts(keys[fixed.school_id], keys[offer.school_id]):
                        continue
                    candidates[offer.pk] = model.new_bool_var(f"t{trainee.pk}s{sequence}o{offer.pk}")
                group_choice[(trainee.pk, sequence)] = candidates
                if candidates:
                    model.add_at_most_one(candidates.values())
        # Both placements to find: no second profile that fails to contrast with the first's.
        for trainee in group:
            first, second = group_choice.get((trainee.pk, 1)), group_choice.get((trainee.pk, 2))
            if not first or not second:
                continue
            firsts, seconds = defaultdict(list), defaultdict(list)
            for pk, var in first.items():
                firsts[offer_key[pk]].append(var)
            for pk, var in second.items():
                seconds[offer_key[pk]].append(var)
            for first_key, first_vars in firsts.items():
                clashing = [v for second_key, vs in seconds.items() if not contrasts(first_key, second_key)
                            for v in vs]
                if clashing:
                    model.add(sum(first_vars) + sum(clashing) <= 1)
        uses: dict[int, list] = defaultdict(list)
        for candidates in group_choice.values():
            for pk, var in candidates.items():
                uses[pk].append(var)
        for pk, variables in uses.items():
            model.add(sum(variables) <= remaining[pk])
        # A trainee with both placements counts for more than two half-placed trainees.
        objective = []
        for trainee in group:
            placed = [sum(group_choice[(trainee.pk, s)].values()) if group_choice.get((trainee.pk, s))
                      else (1 if (trainee.pk, s) not in group_choice else 0) for s in (1, 2)]
            both = model.new_bool_var(f"both{trainee.pk}")
            model.add(both <= placed[0])
            model.add(both <= placed[1])
            objective.append(4 * both)
            # A first placement alone is worth more than a second alone: the year starts with it.
            objective.extend((3 - s) * v for s in (1, 2) for v in group_choice.get((trainee.pk, s), {}).values())
        model.maximize(sum(objective))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = SUBJECT_SECONDS
        solver.parameters.num_workers = 1  # the same data gives the same suggestion
        solver.parameters.random_seed = 7
        status = solver.solve(model)
        statuses.add(solver.status_name(status))
        choice.update(group_choice)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            timed_out.update(t.pk for t in group)
            continue
        for key, candidates in group_choice.items():
            for pk, var in candidates.items():
                if solver.boolean_value(var):
                    chosen[key] = by_pk[pk]
                    remaining[pk] -= 1
    result = Suggestion(needed=needed, solver_status="/".join(sorted(statuses)),
                        seconds=time.perf_counter() - started)
    for trainee in trainees:
        for sequence in (1, 2):
            if (trainee.pk, sequence) not in choice:
                continue
            offer = chosen.get((trainee.pk, sequence))
            if offer is not None:
                result.rows.append((trainee, sequence, offer))
                continue
            if trainee.pk in timed_out:
                result.left.append(Left(trainee, sequence, "no_time", _(
                    "The matching ran out of time for this subject: suggest again, or place by hand.")))
                continue
            result.left.append(_why_left(trainee, sequence, terms[sequence], by_subject_term, remaining,
                                         existing.get(trainee.pk, {}), chosen))
    return result


def _why_left(trainee, sequence, term, by_subject_term, remaining, have, chosen) -> Left:
    from .models import Subject, Term

    subject, term_label = Subject(trainee.subject).label, Term(term).label
    same = by_subject_term[(trainee.subject, term)]
    if not any(o.places for o in same):
        return Left(trainee, sequence, "no_offer", _("No school offers a %(subject)s place in the %(term)s.") % {
            "subject": subject, "term": term_label.lower()})
    if not any(remaining[o.pk] > 0 for o in same):
        return Left(trainee, sequence, "offers_full", _("Every %(subject)s place in the %(term)s is taken.") % {
            "subject": subject, "term": term_label.lower()})
    other = have.get(3 - sequence)
    other_school = other.school if other else (chosen.get((trainee.pk, 3 - sequence)).school
                                                if chosen.get((trainee.pk, 3 - sequence)) else None)
    if other_school is not None:
        return Left(trainee, sequence, "no_contrast", _(
            "No school with a %(subject)s place left in the %(term)s contrasts with %(school)s.") % {
            "subject": subject, "term": term_label.lower(), "school": other_school})
    return Left(trainee, sequence, "no_contrast", _(
        "No pair of contrasting schools has %(subject)s places left in both terms.") % {"subject": subject})

