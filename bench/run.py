"""Dashboard benchmark: its query count must not grow with the data, and its cost next to a bare view.

Runs on a throwaway PostgreSQL (config.settings.test starts one) in a fresh test database, so it
never touches real data. For each scale it generates data on top of what is already there, signs
in a representative and requests their dashboard. Exits non-zero when the bigger tenant costs more
queries than the small one: that is an N+1 somewhere on the page.

    python -m bench.run        (or `make bench`)
    python -m bench.run --load (or `make bench LOAD=1`): then the load run, bench/load.py
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

SCALES = (1, 20)
WARMUPS = 5
REQUESTS = 50
RESULTS_PATH = Path(__file__).resolve().parent / "results" / "dashboard.json"


class BenchError(RuntimeError):
    pass


class ServerClock:
    """Time from request_started to request_finished: what a WSGI server would see.

    The test client's own work (building the request, reading the response) falls outside
    those two signals, so it does not blur the comparison between the two views.
    """

    def __init__(self) -> None:
        self._started = 0.0
        self.last = 0.0

    def _start(self, **kwargs) -> None:
        self._started = time.perf_counter()

    def _finish(self, **kwargs) -> None:
        self.last = time.perf_counter() - self._started

    def __enter__(self) -> ServerClock:
        from django.core.signals import request_finished, request_started

        request_started.connect(self._start, dispatch_uid="bench-clock-start")
        request_finished.connect(self._finish, dispatch_uid="bench-clock-finish")
        return self

    def __exit__(self, *exc) -> None:
        from django.core.signals import request_finished, request_started

        request_started.disconnect(dispatch_uid="bench-clock-start")
        request_finished.disconnect(dispatch_uid="bench-clock-finish")


def _get(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise BenchError(f"GET {url} answered {response.status_code} "
                         f"{response.get('Location', '')}".rstrip())
    return response


def bench_dashboard(data: dict) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from consortia.models import Consortium, Membership
    from partnerships.models import Partnership, PartnershipRole

    user = get_user_model().objects.get(pk=data["representative_id"])
    slug = data["consortium_slug"]
    user_roles = PartnershipRole.objects.for_consortium(data["consortium_id"]).filter(
        user=user, ended_at__isnull=True
    ).count()
    client = Client()
    client.force_login(user)
    dashboard_url = reverse("dashboard", kwargs={"consortium_slug": slug})
    bare_url = reverse("bench_bare")

    # Warm up first: the very first request fills process-wide caches (content types, templates,
    # translations) with queries that would make scale 1 look dearer than it is.
    for _ in range(WARMUPS):
        _get(client, dashboard_url)
        _get(client, bare_url)

    with CaptureQueriesContext(connection) as captured:
        response = _get(client, dashboard_url)
    # Read now: the next request's request_started signal empties the connection's query log.
    dashboard_sql = [query["sql"] for query in captured.captured_queries]
    # Unless every role is on the page, an equal query count would prove nothing.
    links = response.content.decode().count(f'href="/{slug}/partnerships/')
    if links < user_roles:
        raise BenchError(f"the dashboard links {links} partnerships but the person holds {user_roles} roles")

    dashboard_ms: list[float] = []
    bare_ms: list[float] = []
    with ServerClock() as clock:
        # Interleaved so drift (CPU frequency, other load) falls on both views alike.
        for _ in range(REQUESTS):
            _get(client, dashboard_url)
            dashboard_ms.append(clock.last * 1000)
            _get(client, bare_url)
            bare_ms.append(clock.last * 1000)

    dashboard_median = statistics.median(dashboard_ms)
    bare_median = statistics.median(bare_ms)
    return {
        "scale": data["scale"],
        "consortia": Consortium.objects.count(),
        "partnerships": Partnership.objects.count(),
        "people": get_user_model().objects.count(),
        "tenant_partnerships": Partnership.objects.for_consortium(data["consortium_id"]).count(),
        "tenant_people": Membership.objects.for_consortium(data["consortium_id"]).filter(is_active=True).count(),
        "user_roles": user_roles,
        "dashboard_queries": len(dashboard_sql),
        "dashboard_median_ms": round(dashboard_median, 3),
        "dashboard_p90_ms": round(statistics.quantiles(dashboard_ms, n=10)[-1], 3),
        "bare_median_ms": round(bare_median, 3),
        "bare_p90_ms": round(statistics.quantiles(bare_ms, n=10)[-1], 3),
        "ratio": round(dashboard_median / bare_median, 1),
        "generate_seconds": data["generate_seconds"],
        "dashboard_sql": dashboard_sql,
    }


def print_table(results: list[dict]) -> None:
    headers = ["scale", "rows c/p/people", "tenant p/people", "user roles", "queries",
               "dashboard ms", "bare ms", "ratio"]
    rows = [
        [
            str(r["scale"]),
            f"{r['consortia']}/{r['partnerships']}/{r['people']}",
            f"{r['tenant_partnerships']}/{r['tenant_people']}",
            str(r["user_roles"]),
            str(r["dashboard_queries"]),
            f"{r['dashboard_median_ms']:.2f}",
            f"{r['bare_median_ms']:.2f}",
            f"{r['ratio']:.1f}x",
        ]
        for r in results
    ]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.rjust(width) for cell, width in zip(cells, widths, strict=True))

    print()
    print(f"Dashboard, median server time of {REQUESTS} requests after {WARMUPS} warm-ups")
    print(line(headers))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))
    print()


def _database_version() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return connection.vendor
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def main() -> int:
    # Always the test settings: they bring their own throwaway PostgreSQL, and the benchmark
    # then works in a test database created and dropped here.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()

    from django.conf import settings
    from django.test.utils import override_settings, setup_databases, teardown_databases
    from django.urls import clear_url_caches

    from bench.generate import generate

    old_config = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    try:
        database = _database_version()
        results = []
        # The test client's host is "testserver"; bench.urls adds the bare view to the site's URLs.
        with override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            clear_url_caches()
            for scale in SCALES:
                started = time.perf_counter()
                print(f"Generating scale {scale}...", flush=True)
                data = generate(scale)
                data["generate_seconds"] = round(time.perf_counter() - started, 1)
                results.append(bench_dashboard(data))
            from bench.programmes import run_engagement_benchmark

            engagement = run_engagement_benchmark()
        from bench.report import run_report_benchmark

        report = run_report_benchmark()
        from bench.finance import run_finance_benchmark

        finance = run_finance_benchmark()
        from bench.placements import run_placement_benchmark

        run_placement_benchmark()
        from bench.imports import run_import_benchmark

        imports = run_import_benchmark()
    except BenchError as exc:
        print(f"Benchmark failed: {exc}", file=sys.stderr)
        return 2
    finally:
        teardown_databases(old_config, verbosity=0)

    print_table(results)
    small, big = results[0], results[-1]
    regression = big["dashboard_queries"] > small["dashboard_queries"]
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_PATH.write_text(json.dumps({
        "benchmark": "dashboard",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": database,
        "warmups": WARMUPS,
        "requests": REQUESTS,
        "query_regression": regression,
        "results": results,
    }, indent=2) + "\n")
    print(f"Results written to {RESULTS_PATH}")

    if regression:
        print(
            f"FAIL: the dashboard makes {big['dashboard_queries']} queries at scale {big['scale']} "
            f"but {small['dashboard_queries']} at scale {small['scale']}: its query count grows with "
            "the data (an N+1 on the page).",
            file=sys.stderr,
        )
        return 1
    if report["query_regression"]:
        print("FAIL: gathering the annual report's data makes more queries as the data grows.", file=sys.stderr)
        return 1
    if engagement["query_regression"]:
        print("FAIL: the engagement dashboard makes more queries for a bigger cohort.", file=sys.stderr)
        return 1
    if imports["below_floor"]:
        print("FAIL: the import job writes at less than 30% of a bare bulk_create's rate.", file=sys.stderr)
        return 1
    if finance["query_regression"]:
        print("FAIL: a school's statement makes more queries as the partnership grows.", file=sys.stderr)
        return 1
    if "--load" in sys.argv[1:]:
        # Its own process: it runs on the production settings, this one on the test settings.
        import subprocess

        return subprocess.run([sys.executable, "-m", "bench.load"], check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
