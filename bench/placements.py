"""Benchmark: the suggested placement matching for 400 trainees and 300 partner schools.

Each school offers one or two places in three subjects in both placement terms, and has a size,
local authority, language medium and context drawn from a fixed seed; trainees are spread over
the fourteen subjects. Measures the time of matching.suggest (max-flow per subject, CP-SAT as its fallback)
and how many trainees are left, and writes bench/results/placements.json.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

TRAINEES = 400
SCHOOLS = 300
RESULTS_PATH = Path(__file__).resolve().parent / "results" / "placements.json"


def generate(*, consortium, partnership, trainees: int = TRAINEES, schools: int = SCHOOLS, seed: int = 12):
    import datetime as dt

    from django.contrib.auth import get_user_model

    from consortia.models import Membership
    from partnerships.models import Organisation, OrganisationYear
    from programmes import services
    from programmes.models import PlacementOffer, Subject, Trainee, TraineeStatusChange

    rng = random.Random(seed)
    year = 2026
    programme = services.programme_create(consortium=consortium, kind="ite", name="Bench ITE",
                                          partnership=partnership)
    services.placement_rules_save(programme=programme, contrast_attributes=[
        "size_band", "language_medium", "local_authority", "context"])
    councils = Organisation.objects.bulk_create([
        Organisation(consortium=consortium, kind="local_authority", name=f"Bench council {n}") for n in range(8)])
    rows = Organisation.objects.bulk_create([
        Organisation(consortium=consortium, kind="school", name=f"Bench school {n:03d}", phase="secondary",
                     language_medium=rng.choice(["english", "english", "welsh", "bilingual"]),
                     local_authority=rng.choice(councils), context=rng.choice(["urban", "rural", "coastal"]))
        for n in range(schools)])
    OrganisationYear.objects.bulk_create([OrganisationYear(consortium=consortium, organisation=s, academic_year=year,
                                                           pupils=rng.randint(250, 1800)) for s in rows])
    subjects = Subject.values
    PlacementOffer.objects.bulk_create([
        PlacementOffer(consortium=consortium, programme=programme, school=s, academic_year=year, subject=subject,
                       term=term, places=rng.randint(1, 2))
        for s in rows for subject in rng.sample(subjects, 3) for term in ("autumn", "spring")])
    User = get_user_model()
    users = User.objects.bulk_create([User(email=f"bench.trainee{n}@bench.example", full_name=f"Trainee {n}")
                                      for n in range(trainees)])
    Membership.objects.bulk_create([Membership(consortium=consortium, user=u) for u in users])
    made = Trainee.objects.bulk_create([
        Trainee(consortium=consortium, programme=programme, user=u, route="provider_led_postgrad",
                subject=subjects[n % len(subjects)], academic_year=year, starts_on=dt.date(year, 9, 1),
                ends_on=dt.date(year + 1, 7, 1)) for n, u in enumerate(users)])
    TraineeStatusChange.objects.bulk_create([TraineeStatusChange(
        consortium=consortium, trainee=t, state="trn_received", effective_on=dt.date(year, 9, 1)) for t in made])
    return programme, year


def run_placement_benchmark() -> dict:
    """Expects Django set up on a disposable database (bench.run does it)."""
    from programmes import matching
    from tests.factories import ConsortiumFactory, PartnershipFactory

    consortium = ConsortiumFactory(name="Placement Bench", slug="placement-bench")
    partnership = PartnershipFactory(consortium=consortium, name="Bench ITE partnership", kind="ite")
    programme, year = generate(consortium=consortium, partnership=partnership)
    started = time.perf_counter()
    suggestion = matching.suggest(programme=programme, academic_year=year)
    seconds = round(time.perf_counter() - started, 2)
    result = {"benchmark": "placement_matching", "trainees": TRAINEES, "schools": SCHOOLS,
              "placements_needed": suggestion.needed, "placements_found": len(suggestion.rows),
              "left": len(suggestion.left), "solver_status": suggestion.solver_status,
              "solver_seconds": round(suggestion.seconds, 2), "total_seconds": seconds}
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_PATH.write_text(json.dumps(result, indent=2) + "\n")
    print(f"Placement matching: {result}", flush=True)
    return result
