"""The suggested placement matching: trainees to partner schools' offers.

It fills offers within their places, in the trainee's subject and the rules' terms, and gives
every trainee (except assessment-only) a first and a second placement in a different school
that contrasts with the first by the partnership's rule. Placements already made are kept and
their offers' places counted as used. When not everyone can be placed it says who is left
and why. Nothing is written here: the office accepts the suggestion (services.matching_accept)
or arranges placements by hand.

How: per subject (offers are per subject, so subjects are independent), first as max-flow
problems (OR-Tools' max_flow: contrasting pairs of first- and second-term offers, capacities the
offers' places), which takes milliseconds; the exact CP-SAT model only when the flows leave
someone unplaced in a case where they cannot show that no matching could do better (trainees
with one placement already made beside trainees with none). bench/placements.py (400 trainees,
300 schools, 800 placements), measured on the shared 2-core machine at load ~12: CP-SAT for every
subject 151.7 s and only 228 of 800 placed (most subjects UNKNOWN at their time limit); the flows
5.8 s (most of it reading the data) and all 800 placed, solver_status FLOW.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from ortools.graph.python import max_flow
from ortools.sat.python import cp_model

from . import rules_ite
from .models import Placement, PlacementOffer, Programme, Trainee, TraineeState
from .selectors import ite as ite_selectors

SUBJECT_SECONDS = 10.0  # CP-SAT's time per subject, when it is needed at all
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
    choice: dict[tuple[int, int], list[int]] = {}
    timed_out: set[int] = set()
    statuses, needed, started = set(), 0, time.perf_counter()
    # Offers are per subject, so each subject's trainees are an independent, much smaller problem.
    by_subject: dict[str, list[Trainee]] = defaultdict(list)
    for trainee in trainees:
        by_subject[trainee.subject].append(trainee)
    for group in by_subject.values():
        needs: dict[tuple[int, int], list[int]] = {}
        for trainee in group:
            have = existing.get(trainee.pk, {})
            for sequence in (1, 2):
                if sequence in have:
                    continue
                fixed = have.get(3 - sequence)
                needs[(trainee.pk, sequence)] = [
                    offer.pk for offer in by_subject_term[(trainee.subject, terms[sequence])]
                    if remaining[offer.pk] > 0
                    and (fixed is None or contrasts(keys[fixed.school_id], keys[offer.school_id]))]
        needed += len(needs)
        assignment, status = solve_subject([t.pk for t in group], needs, remaining, offer_key, contrasts)
        statuses.add(status)
        choice.update(needs)
        if assignment is None:
            timed_out.update(t.pk for t in group)
            continue
        for key, pk in assignment.items():
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


# One subject's problem, as plain data: `needs` maps (trainee id, placement number) to the offers
# that placement may use (the subject's offers in its term with a place left, and, when the other
# placement is already made, only those contrasting with it); `remaining` is each offer's places
# left; `offer_key` the offer's school profile, compared by `contrasts`.
Needs = dict[tuple[int, int], list[int]]
Assignment = dict[tuple[int, int], int]


def objective(trainee_ids: list[int], needs: Needs, assignment: Assignment) -> int:
    """What both solvers maximise: 4 for a trainee with both placements, 2 for a first, 1 for a second.

    A trainee with both counts for more than two half-placed trainees; a first alone for more than a
    second alone, as the year starts with it. Placements already made count as had.
    """
    total = 0
    for pk in trainee_ids:
        if (pk, 1) not in needs and (pk, 2) not in needs:
            continue
        had = [(pk, s) not in needs or (pk, s) in assignment for s in (1, 2)]
        total += 4 * all(had) + sum(3 - s for s in (1, 2) if (pk, s) in assignment)
    return total


def solve_subject(trainee_ids: list[int], needs: Needs, remaining: dict[int, int], offer_key: dict[int, tuple],
                  contrasts: Callable[[tuple, tuple], bool],
                  seconds: float = SUBJECT_SECONDS) -> tuple[Assignment | None, str]:
    """Flows first; CP-SAT only when the flows leave someone and cannot show nobody could do better."""
    if not needs:
        return {}, "FLOW"
    flow = solve_flow(trainee_ids, needs, remaining, offer_key, contrasts)
    if flow is not None and flow[1]:
        return flow[0], "FLOW"
    hint = flow[0] if flow is not None else None
    exact, status = solve_cpsat(trainee_ids, needs, remaining, offer_key, contrasts, seconds=seconds, hint=hint)
    if hint is not None and (exact is None or objective(trainee_ids, needs, hint)
                             > objective(trainee_ids, needs, exact)):
        return hint, status  # CP-SAT ran out of time before matching the flows' answer
    return exact, status


def solve_flow(trainee_ids, needs, remaining, offer_key, contrasts) -> tuple[Assignment, bool] | None:
    """The matching as two max-flow problems, and whether it is certainly as good as CP-SAT's.

    1. Trainees with one placement already made need the other one in a contrasting school (their
       candidates say which): a bipartite matching of those placements to offers' places.
    2. Trainees with neither need a pair of contrasting schools: flow from first-term offers to
       second-term offers over the contrasting pairs, each offer's places as its capacity.
    3. Whoever is left without a pair takes a first place left, else a second one.

    It is certainly optimal for `objective` when nobody is left, when no trainee has a placement
    already made (the most pairs first is optimal: giving up a pair frees at most a first and a
    second, worth 3 < 7), or when every trainee has one (the two terms' matchings are independent).
    Returns None when the data is not of the shape the flows assume (then CP-SAT alone decides).
    """
    fresh = [pk for pk in trainee_ids if (pk, 1) in needs and (pk, 2) in needs]
    singles = [key for key in needs if (key[0], 3 - key[1]) not in needs]
    firsts = sorted({o for pk in fresh for o in needs[(pk, 1)]})
    seconds = sorted({o for pk in fresh for o in needs[(pk, 2)]})
    if set(firsts) & set(seconds) or any(sorted(needs[(pk, 1)]) != firsts or sorted(needs[(pk, 2)]) != seconds
                                         for pk in fresh):
        return None
    left = dict(remaining)
    assignment: Assignment = {}
    # 1. One placement to find: a matching of those placements to the offers' places.
    if singles:
        offer_ids = sorted({o for key in singles for o in needs[key]})
        graph = max_flow.SimpleMaxFlow()
        source, sink = 0, 1
        need_node = {key: 2 + n for n, key in enumerate(singles)}
        offer_node = {o: 2 + len(singles) + n for n, o in enumerate(offer_ids)}
        arcs = []
        for key in singles:
            graph.add_arc_with_capacity(source, need_node[key], 1)
            for o in needs[key]:
                arcs.append((graph.add_arc_with_capacity(need_node[key], offer_node[o], 1), key, o))
        for o in offer_ids:
            graph.add_arc_with_capacity(offer_node[o], sink, max(left[o], 0))
        if graph.solve(source, sink) != graph.OPTIMAL:
            return None
        for arc, key, o in arcs:
            if graph.flow(arc):
                assignment[key] = o
                left[o] -= 1
    # 2. Neither placement made: as many contrasting pairs as the places allow.
    pairs: list[tuple[int, int]] = []
    if fresh and firsts and seconds:
        graph = max_flow.SimpleMaxFlow()
        source, hub, sink = 0, 1, 2
        first_node = {o: 3 + n for n, o in enumerate(firsts)}
        second_node = {o: 3 + len(firsts) + n for n, o in enumerate(seconds)}
        graph.add_arc_with_capacity(source, hub, len(fresh))
        for o in firsts:
            graph.add_arc_with_capacity(hub, first_node[o], max(left[o], 0))
        for o in seconds:
            graph.add_arc_with_capacity(second_node[o], sink, max(left[o], 0))
        arcs = [(graph.add_arc_with_capacity(first_node[a], second_node[b], len(fresh)), a, b)
                for a in firsts for b in seconds if contrasts(offer_key[a], offer_key[b])]
        if graph.solve(source, sink) != graph.OPTIMAL:
            return None
        for arc, a, b in arcs:
            pairs.extend([(a, b)] * graph.flow(arc))
    unpaired = fresh[len(pairs):]
    for pk, (a, b) in zip(fresh, pairs, strict=False):
        assignment[(pk, 1)], assignment[(pk, 2)] = a, b
        left[a] -= 1
        left[b] -= 1
    # 3. No pair for them: a first place left if any (the year starts with it), else a second.
    for pk in unpaired:
        for sequence, offer_ids in ((1, firsts), (2, seconds)):
            spare = next((o for o in offer_ids if left[o] > 0), None)
            if spare is not None:
                assignment[(pk, sequence)] = spare
                left[spare] -= 1
                break
    everyone = len(assignment) == len(needs)
    return assignment, everyone or not singles or not fresh


def solve_cpsat(trainee_ids, needs, remaining, offer_key, contrasts, *, seconds: float = SUBJECT_SECONDS,
                hint: Assignment | None = None) -> tuple[Assignment | None, str]:
    """The exact model: one yes/no per placement and candidate offer, `objective` maximised.

    The contrast is stated over school profiles rather than pairs of offers: a constraint per
    trainee and first-placement profile forbids every non-contrasting second profile.
    """
    model = cp_model.CpModel()
    variables: dict[tuple[int, int], dict[int, cp_model.IntVar]] = {}
    for (pk, sequence), candidates in needs.items():
        variables[(pk, sequence)] = {o: model.new_bool_var(f"t{pk}s{sequence}o{o}") for o in candidates}
        if candidates:
            model.add_at_most_one(variables[(pk, sequence)].values())
    for pk in trainee_ids:
        first, second = variables.get((pk, 1)), variables.get((pk, 2))
        if not first or not second:
            continue
        firsts, seconds_by_key = defaultdict(list), defaultdict(list)
        for o, var in first.items():
            firsts[offer_key[o]].append(var)
        for o, var in second.items():
            seconds_by_key[offer_key[o]].append(var)
        for first_key, first_vars in firsts.items():
            clashing = [v for second_key, vs in seconds_by_key.items() if not contrasts(first_key, second_key)
                        for v in vs]
            if clashing:
                model.add(sum(first_vars) + sum(clashing) <= 1)
    uses: dict[int, list] = defaultdict(list)
    for candidates in variables.values():
        for o, var in candidates.items():
            uses[o].append(var)
    for o, vs in uses.items():
        model.add(sum(vs) <= max(remaining[o], 0))
    terms = []
    for pk in trainee_ids:
        if (pk, 1) not in needs and (pk, 2) not in needs:
            continue
        placed = [sum(variables[(pk, s)].values()) if variables.get((pk, s))
                  else (1 if (pk, s) not in variables else 0) for s in (1, 2)]
        both = model.new_bool_var(f"both{pk}")
        model.add(both <= placed[0])
        model.add(both <= placed[1])
        terms.append(4 * both)
        terms.extend((3 - s) * v for s in (1, 2) for v in variables.get((pk, s), {}).values())
    model.maximize(sum(terms))
    if hint:
        for key, candidates in variables.items():
            for o, var in candidates.items():
                model.add_hint(var, hint.get(key) == o)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1  # the same data gives the same suggestion
    solver.parameters.random_seed = 7
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, solver.status_name(status)
    return ({key: o for key, candidates in variables.items() for o, var in candidates.items()
             if solver.boolean_value(var)}, solver.status_name(status))


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

