"""The placement matching's fast path: max-flow first, CP-SAT only as the fallback.

Pure data, no database: random small subjects where the flows' answer must be a valid matching
(capacities, candidates, contrasting pairs) and score exactly what the exact CP-SAT model scores.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from programmes import matching

PROFILES = ("a", "b", "c")


def contrasts(one, two):
    return one != two


def valid(trainee_ids, needs, remaining, offer_key, assignment):
    used = {}
    for key, offer in assignment.items():
        assert key in needs and offer in needs[key]
        used[offer] = used.get(offer, 0) + 1
    assert all(count <= remaining[offer] for offer, count in used.items())
    for pk in trainee_ids:
        if (pk, 1) in assignment and (pk, 2) in assignment:
            assert contrasts(offer_key[assignment[(pk, 1)]], offer_key[assignment[(pk, 2)]])


@st.composite
def subjects(draw):
    """First-term offers 1..n, second-term offers 101..; each trainee has none, a first or a second made."""
    firsts = draw(st.lists(st.tuples(st.sampled_from(PROFILES), st.integers(0, 2)), min_size=0, max_size=4))
    seconds = draw(st.lists(st.tuples(st.sampled_from(PROFILES), st.integers(0, 2)), min_size=0, max_size=4))
    offer_key, remaining = {}, {}
    for n, (profile, places) in enumerate(firsts, start=1):
        offer_key[n], remaining[n] = (profile,), places
    for n, (profile, places) in enumerate(seconds, start=101):
        offer_key[n], remaining[n] = (profile,), places
    made = draw(st.lists(st.one_of(st.none(), st.tuples(st.sampled_from((1, 2)), st.sampled_from(PROFILES))),
                         min_size=1, max_size=7))
    needs, trainee_ids = {}, []
    for pk, had in enumerate(made, start=1):
        trainee_ids.append(pk)
        for sequence, offers in ((1, range(1, len(firsts) + 1)), (2, range(101, 101 + len(seconds)))):
            if had is not None and had[0] == sequence:
                continue
            needs[(pk, sequence)] = [o for o in offers if remaining[o] > 0
                                     and (had is None or contrasts((had[1],), offer_key[o]))]
    return trainee_ids, needs, remaining, offer_key


@settings(max_examples=80, deadline=None)
@given(subjects())
def test_the_flows_and_cp_sat_agree(case):
    trainee_ids, needs, remaining, offer_key = case
    fast, status = matching.solve_subject(trainee_ids, needs, remaining, offer_key, contrasts)
    exact, exact_status = matching.solve_cpsat(trainee_ids, needs, remaining, offer_key, contrasts, seconds=5)
    assert exact_status == "OPTIMAL"
    valid(trainee_ids, needs, remaining, offer_key, fast)
    assert matching.objective(trainee_ids, needs, fast) == matching.objective(trainee_ids, needs, exact)


@settings(max_examples=80, deadline=None)
@given(subjects())
def test_when_the_flows_claim_optimal_they_are(case):
    trainee_ids, needs, remaining, offer_key = case
    flow = matching.solve_flow(trainee_ids, needs, remaining, offer_key, contrasts)
    assert flow is not None
    assignment, proven = flow
    valid(trainee_ids, needs, remaining, offer_key, assignment)
    exact, _status = matching.solve_cpsat(trainee_ids, needs, remaining, offer_key, contrasts, seconds=5)
    if proven:
        assert matching.objective(trainee_ids, needs, assignment) == matching.objective(trainee_ids, needs, exact)


def test_fresh_trainees_get_the_most_contrasting_pairs():
    # Three trainees, first places at A, A, B; second places at A, B, B. Pairs must differ:
    # A→B twice and B→A once is all three; a greedy A→B, A→B, B→? also works, but A→B, B→B fails.
    needs = {(pk, s): ([1, 2] if s == 1 else [101, 102]) for pk in (1, 2, 3) for s in (1, 2)}
    remaining = {1: 2, 2: 1, 101: 1, 102: 2}
    offer_key = {1: ("a",), 2: ("b",), 101: ("a",), 102: ("b",)}
    assignment, status = matching.solve_subject([1, 2, 3], needs, remaining, offer_key, contrasts)
    assert status == "FLOW"
    assert len(assignment) == 6
    valid([1, 2, 3], needs, remaining, offer_key, assignment)


def test_when_pairs_run_out_the_rest_take_a_first_place_before_a_second():
    needs = {(pk, s): ([1] if s == 1 else [101]) for pk in (1, 2) for s in (1, 2)}
    remaining = {1: 2, 101: 2}
    offer_key = {1: ("a",), 101: ("a",)}  # nothing contrasts: no pair at all
    assignment, status = matching.solve_subject([1, 2], needs, remaining, offer_key, contrasts)
    assert status == "FLOW"
    assert assignment == {(1, 1): 1, (2, 1): 1}


def test_mixed_cases_the_flows_cannot_settle_go_to_cp_sat():
    # Trainee 1 has a first in profile a and needs a contrasting second; trainee 2 needs both. One
    # second place in b and one first place in a: whoever takes the b place, someone is short, so CP-SAT decides.
    needs = {(1, 2): [101], (2, 1): [1], (2, 2): [101]}
    remaining = {1: 1, 101: 1}
    offer_key = {1: ("a",), 101: ("b",)}
    assignment, status = matching.solve_subject([1, 2], needs, remaining, offer_key, contrasts)
    assert status == "OPTIMAL"
    assert matching.objective([1, 2], needs, assignment) == 7


def test_nothing_needed_is_nothing_to_solve():
    assert matching.solve_subject([1], {}, {}, {}, contrasts) == ({}, "FLOW")
