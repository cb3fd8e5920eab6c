"""Import benchmark: 20,000 organisations through the import job's write path against a bare bulk_create.

In a throwaway test database (bench.run's, or main()'s), for the same 20,000 rows (a school with
its code, a local authority named on the row, and the year's pupils and budget):

- bare: Organisation and OrganisationYear objects built directly and written with bulk_create,
  in one transaction, with no checks at all;
- import: the job's path, OrganisationResource.import_data(bulk=True): every row parsed and
  checked as the admin's import checks it, then written at once in one transaction.

Each runs in its own consortium, so neither finds the other's rows. It prints both rates, the
import's share of the bare rate, and fails (exit 1) under the 30% the issue asks for.

    python -m bench.imports        (or `make bench`, through bench.run)
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "20000"))
FLOOR = 0.30
RESULTS_PATH = Path(__file__).resolve().parent / "results" / "imports.json"
HEADERS = ["kind", "name", "phase", "school_code", "local_authority", "academic_year", "pupils", "budget"]


def _rows(count: int) -> list[list]:
    return [["school", f"Ysgol Bench {n:05d}", "primary", f"9{n:06d}", "Bench Council", "2025/26",
             str(90 + n % 400), f"{500_000 + n % 9_000}.00"] for n in range(count)]


def _consortium(slug: str):
    from consortia.models import Consortium
    from partnerships.models import Organisation

    consortium = Consortium.objects.create(name=slug, slug=slug)
    Organisation.objects.create(consortium=consortium, kind="local_authority", name="Bench Council")
    return consortium


def bare_bulk_create(rows: list[list]) -> float:
    from django.db import transaction

    from partnerships.models import Organisation, OrganisationYear

    consortium = _consortium("bench-imports-bare")
    authority = Organisation.objects.get(consortium=consortium, kind="local_authority")
    started = time.perf_counter()
    with transaction.atomic():
        organisations = Organisation.objects.bulk_create([
            Organisation(consortium=consortium, kind=row[0], name=row[1], phase=row[2], school_code=row[3],
                         local_authority=authority) for row in rows], batch_size=1000)
        OrganisationYear.objects.bulk_create([
            OrganisationYear(consortium=consortium, organisation=organisation, academic_year=2025,
                             pupils=int(row[6]), budget=Decimal(row[7]))
            for organisation, row in zip(organisations, rows, strict=True)], batch_size=1000)
    return time.perf_counter() - started


def job_import(rows: list[list]) -> float:
    import tablib

    from partnerships.models import Organisation, OrganisationYear
    from partnerships.resources import OrganisationResource

    consortium = _consortium("bench-imports-job")
    dataset = tablib.Dataset(*rows, headers=HEADERS)
    started = time.perf_counter()
    result = OrganisationResource(consortium=consortium).import_data(dataset, dry_run=False, bulk=True)
    seconds = time.perf_counter() - started
    if result.has_errors() or result.has_validation_errors():
        raise RuntimeError(f"the benchmark's own rows did not import: {result.invalid_rows[:1]}")
    written = Organisation.objects.for_consortium(consortium).filter(kind="school").count()
    years = OrganisationYear.objects.for_consortium(consortium).count()
    if (written, years) != (len(rows), len(rows)):
        raise RuntimeError(f"imported {written} organisations and {years} years, not {len(rows)}")
    return seconds


def run_import_benchmark(rows_count: int = ROWS) -> dict:
    rows = _rows(rows_count)
    print(f"Importing {rows_count} organisations...", flush=True)
    bare = bare_bulk_create(rows)
    imported = job_import(rows)
    result = {
        "rows": rows_count,
        "bare_seconds": round(bare, 2),
        "import_seconds": round(imported, 2),
        "bare_rows_per_second": round(rows_count / bare),
        "import_rows_per_second": round(rows_count / imported),
        "share": round(bare / imported, 3),
        "floor": FLOOR,
    }
    result["below_floor"] = result["share"] < FLOOR
    print(f"bare bulk_create: {result['bare_rows_per_second']} rows/s ({result['bare_seconds']} s); "
          f"import job path: {result['import_rows_per_second']} rows/s ({result['import_seconds']} s); "
          f"share {result['share']:.0%} (at least {FLOOR:.0%})", flush=True)
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_PATH.write_text(json.dumps({
        "benchmark": "imports", "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), **result}, indent=2) + "\n")
    return result


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.test.utils import setup_databases, teardown_databases

    old_config = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    try:
        result = run_import_benchmark()
    finally:
        teardown_databases(old_config, verbosity=0)
    return 1 if result["below_floor"] else 0


if __name__ == "__main__":
    sys.exit(main())
