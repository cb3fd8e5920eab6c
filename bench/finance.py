"""Finance benchmark: sharing a cost over 200 schools, and building 200 school statements.

In a throwaway test database (bench.run's, or main()'s), it

- shares £1,000,000 over 200 schools by the largest-remainder method, in memory (median of many runs)
  and through the service (which reads the figures and stores every share with its source);
- charges the 200 schools for three activities on different bases, and builds each school's
  statement PDF, reporting the total and median time, and the share spent in WeasyPrint;
- counts the queries one statement's data costs, for 5 schools and for 200 (it must not grow).

    python -m bench.finance        (or `make bench`, through bench.run)
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

SCHOOLS = 200
SHARE_RUNS = 200
RESULTS_PATH = Path(__file__).resolve().parent / "results" / "finance.json"


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def _setup(consortium, name: str, schools: int):
    from django.contrib.auth import get_user_model

    from finance import services, terms
    from partnerships.models import Organisation, OrganisationYear, Partnership, PartnershipMembership
    from partnerships.services import partnership_role_grant

    year = terms.academic_year_of(datetime.now(UTC).date())
    partnership = Partnership.objects.create(consortium=consortium, name=name, kind="school_improvement")
    organisations = Organisation.objects.bulk_create([
        Organisation(consortium=consortium, kind="school", name=f"{name} school {n:03d}", phase="primary",
                     school_code=f"{abs(hash(name)) % 1000:03d}{n:04d}") for n in range(schools)])
    OrganisationYear.objects.bulk_create([
        OrganisationYear(consortium=consortium, organisation=o, academic_year=year, pupils=90 + (n * 37) % 400,
                         budget=Decimal(500_000 + (n * 7919) % 2_000_000)) for n, o in enumerate(organisations)])
    PartnershipMembership.objects.bulk_create([
        PartnershipMembership(consortium=consortium, partnership=partnership, organisation=o,
                              joined_on=datetime(year, 9, 1).date()) for o in organisations])
    users = get_user_model().objects
    manager = users.create_user(email=f"finance@{name.lower()}.bench")
    approver = users.create_user(email=f"chair@{name.lower()}.bench")
    partnership_role_grant(partnership=partnership, user=manager, role="finance_administrator")
    partnership_role_grant(partnership=partnership, user=approver, role="chair")
    holder = Organisation.objects.create(consortium=consortium, kind="local_authority", name=f"{name} council")
    budget = services.budget_create(partnership=partnership, by=manager, year=year, holder=holder)
    return {"partnership": partnership, "budget": budget, "manager": manager, "approver": approver,
            "schools": organisations, "year": year}


def _charge(setup, title: str, basis: str, cost_pence: int) -> float:
    from finance import services

    activity = services.activity_create(budget=setup["budget"], by=setup["manager"], title=title, basis=basis,
                                        cost_pence=cost_pence, academic_year=setup["year"])
    started = time.perf_counter()
    services.activity_share(activity=activity, by=setup["manager"])
    shared = time.perf_counter() - started
    for charge in services.activity_charges_raise(activity=activity, by=setup["manager"]):
        services.charge_approve(charge=charge, by=setup["approver"])
    return shared


def bench_sharing() -> dict:
    from finance.sharing import apportion

    weights = {n: 50_000_000 + (n * 7919) % 200_000_000 for n in range(1, SCHOOLS + 1)}
    timings = []
    for _ in range(SHARE_RUNS):
        started = time.perf_counter()
        shares = apportion(100_000_000, weights)
        timings.append(time.perf_counter() - started)
    assert sum(shares.values()) == 100_000_000
    return {"apportion_median_ms": _ms(statistics.median(timings)), "apportion_runs": SHARE_RUNS}


def statement_queries(budget, organisation) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from finance import pdf

    with CaptureQueriesContext(connection) as captured:
        pdf.statement_html(budget, organisation, "en")
    return len(captured)


def run_finance_benchmark() -> dict:
    import django

    from finance import pdf
    from tests.factories import ConsortiumFactory

    consortium = ConsortiumFactory(name="Finance Bench", slug="finance-bench")
    started = time.perf_counter()
    small = _setup(consortium, "Small", 5)
    _charge(small, "INSET", "pupils", 420_000)
    big = _setup(consortium, "Big", SCHOOLS)
    service_share_s = _charge(big, "Specialist", "budget", 100_000_000)
    _charge(big, "INSET", "pupils", 4_200_000)
    _charge(big, "Theatre", "equal", 185_000)
    generate_seconds = round(time.perf_counter() - started, 1)

    total, render, per_statement = 0.0, 0.0, []
    for organisation in big["schools"]:
        started = time.perf_counter()
        built = pdf.build_statement(big["budget"], organisation, "en")
        elapsed = time.perf_counter() - started
        total += elapsed
        render += built.render_ms / 1000
        per_statement.append(elapsed)
    result = {
        "benchmark": "finance", "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), "django": django.get_version(), "schools": SCHOOLS,
        **bench_sharing(), "share_service_ms": _ms(service_share_s), "generate_seconds": generate_seconds,
        "statements": len(per_statement), "statements_total_s": round(total, 2),
        "statement_median_ms": _ms(statistics.median(per_statement)),
        "weasyprint_share_pct": round(100 * render / total, 1) if total else None,
        "statement_queries_small": statement_queries(small["budget"], small["schools"][0]),
        "statement_queries_big": statement_queries(big["budget"], big["schools"][0]),
    }
    result["query_regression"] = result["statement_queries_big"] > result["statement_queries_small"]
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_PATH.write_text(json.dumps(result, indent=2) + "\n")
    print_table(result)
    print(f"Results written to {RESULTS_PATH}")
    return result


def print_table(r: dict) -> None:
    rows = [
        ("share £1m over 200 schools (in memory)", f"{r['apportion_median_ms']} ms (median of {r['apportion_runs']})"),
        ("share through the service (reads, writes)", f"{r['share_service_ms']} ms"),
        ("200 statements built", f"{r['statements_total_s']} s (median {r['statement_median_ms']} ms each)"),
        ("  share spent in WeasyPrint", f"{r['weasyprint_share_pct']}%"),
        ("statement queries 5 / 200 schools", f"{r['statement_queries_small']} / {r['statement_queries_big']}"),
    ]
    width = max(len(label) for label, _ in rows)
    print()
    print("Finance benchmark")
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")
    print()


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.test.utils import setup_databases, teardown_databases

    old_config = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    try:
        result = run_finance_benchmark()
    finally:
        teardown_databases(old_config, verbosity=0)
    return 1 if result["query_regression"] else 0


if __name__ == "__main__":
    sys.exit(main())
