"""Main pages: SQL queries and median server time of each, next to a bare view.

Seeds the demo consortia (the demo people in their real roles: chair, clerk, representative,
finance officer, consortium admin) on top of generated data (bench.generate), in a throwaway test
database on the test settings' private PostgreSQL, signs in as those people and requests each main
page. Prints, per page, the SQL query count and the median server time (request_started to
request_finished, as a WSGI server sees it) with its ratio to the bare view measured interleaved
in the same loop.

    python -m bench.pages                  the table
    python -m bench.pages --sql            and every page's queries
    python -m bench.pages --only meeting   pages whose name contains "meeting"
    python -m bench.pages --profile dashboard   cProfile of that page (top functions by time)

Exits 1 when a page makes more than --max-queries queries (12, the issue's bound).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from io import StringIO

MAX_QUERIES = 12
WARMUPS = 3


def _pages() -> list[tuple[str, str, str, str]]:
    """(name, who, signed-in email or "token:<email>", URL) for each main page, from the seeded rows."""
    from django.urls import reverse

    from agreements.models import AgreementVersion
    from consortia.models import Consortium
    from finance.models.budgets import Budget
    from governance.models import Meeting
    from partnerships.models import Partnership

    admin = "admin@demo.partneriaeth.cymru"
    taf = Consortium.objects.get(slug="taf-valley-schools")
    exceed = Consortium.objects.get(slug="exceed-hub")
    taf_partnership = Partnership.objects.filter(consortium=taf).order_by("pk").first()
    # The meeting with most on it: agenda, papers, replies.
    meeting = (Meeting.objects.filter(consortium=taf).order_by("-agenda_items__pk").first()
               or Meeting.objects.filter(consortium=taf).first())
    version = AgreementVersion.objects.filter(consortium=exceed).order_by("-pk").first()
    budget = Budget.objects.filter(consortium=taf).order_by("pk").first()

    def url(name, consortium, **kwargs):
        return reverse(name, kwargs={"consortium_slug": consortium.slug, **kwargs})

    pages = [
        ("dashboard (head)", "head@demo.partneriaeth.cymru", url("dashboard", taf)),
        ("dashboard (admin)", admin, url("dashboard", taf)),
        ("partnership page", "chair@demo.partneriaeth.cymru",
         url("partnership_detail", taf, pk=taf_partnership.pk)),
        ("meetings list", "clerk@demo.partneriaeth.cymru", url("meeting_list", taf)),
        ("meeting page", "chair@demo.partneriaeth.cymru", url("meeting_detail", taf, pk=meeting.pk)),
        ("agreement page", admin, url("agreement_detail", exceed, pk=version.template_id)),
        ("agreements list", admin, url("agreement_list", exceed)),
        ("acceptance dashboard", admin, url("agreement_dashboard", exceed, pk=version.pk)),
        ("finance home", "finance@demo.partneriaeth.cymru", url("finance_home", taf)),
        ("finance partnership", "finance@demo.partneriaeth.cymru",
         url("finance_partnership", taf, pk=taf_partnership.pk)),
        ("finance budget", "finance@demo.partneriaeth.cymru", url("finance_budget", taf, pk=budget.pk)),
        ("finance statements", "finance@demo.partneriaeth.cymru", url("finance_statements", taf, pk=budget.pk)),
    ]
    for resource in ("partnerships", "organisations", "people", "memberships", "meetings"):
        pages.append((f"API {resource}", f"token:{admin}", f"/api/v1/{taf.slug}/{resource}/"))
    return pages


def seed(scale: int) -> dict:
    from django.core.management import call_command

    from bench.generate import generate

    data = generate(scale)
    call_command("seed_demo", stdout=StringIO())
    return data


class _Clients:
    def __init__(self) -> None:
        self._by_who: dict[str, object] = {}

    def get(self, who: str):
        if who in self._by_who:
            return self._by_who[who]
        from django.contrib.auth import get_user_model
        from django.test import Client
        from rest_framework.authtoken.models import Token
        from rest_framework.test import APIClient

        user_model = get_user_model()
        if who.startswith("token:"):
            user = user_model.objects.get(email=who.removeprefix("token:"))
            token, _ = Token.objects.get_or_create(user=user)
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        else:
            client = Client()
            client.force_login(user_model.objects.get(email=who))
        self._by_who[who] = client
        return client


def measure(pages, *, requests: int, show_sql: bool) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.run import BenchError, ServerClock, _get

    clients = _Clients()
    bare_url = reverse("bench_bare")
    results = []
    for name, who, url in pages:
        client = clients.get(who)
        for _ in range(WARMUPS):
            _get(client, url)
            _get(client, bare_url)
        with CaptureQueriesContext(connection) as captured:
            _get(client, url)
        sql = [query["sql"] for query in captured.captured_queries]
        page_ms, bare_ms = [], []
        with ServerClock() as clock:
            for _ in range(requests):
                _get(client, url)
                page_ms.append(clock.last * 1000)
                _get(client, bare_url)
                bare_ms.append(clock.last * 1000)
        page_median, bare_median = statistics.median(page_ms), statistics.median(bare_ms)
        results.append({"page": name, "url": url, "queries": len(sql), "median_ms": page_median,
                        "bare_ms": bare_median, "ratio": page_median / bare_median, "sql": sql})
        if show_sql:
            print(f"\n== {name}  {url}  ({len(sql)} queries)")
            for n, statement in enumerate(sql, 1):
                print(f"{n:3}. {statement}")
    if not results:
        raise BenchError("no page matched")
    return results


def profile(url: str, who: str, *, requests: int) -> None:
    import cProfile
    import pstats

    from bench.run import _get

    client = _Clients().get(who)
    for _ in range(WARMUPS):
        _get(client, url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        _get(client, url)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def print_table(results: list[dict], *, scale: int, requests: int) -> None:
    headers = ["page", "queries", "median ms", "bare ms", "ratio"]
    rows = [[r["page"], str(r["queries"]), f"{r['median_ms']:.2f}", f"{r['bare_ms']:.2f}", f"{r['ratio']:.1f}x"]
            for r in results]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    print()
    print(f"Main pages on generated data (scale {scale}, or what --keepdb kept) and the demo: "
          f"median server time of {requests} requests, "
          f"interleaved with the bare view")
    print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True))))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=5, help="bench.generate scale under the demo data")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--sql", action="store_true", help="print each page's queries")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--profile", default="", help="cProfile the first page whose name contains this")
    parser.add_argument("--max-queries", type=int, default=MAX_QUERIES)
    parser.add_argument("--keepdb", action="store_true",
                        help="keep the test database (and its data) for the next run; needs DATABASE_URL")
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings, setup_databases, teardown_databases
    from django.urls import clear_url_caches

    from bench.run import BenchError

    old_config = setup_databases(verbosity=0, interactive=False, keepdb=args.keepdb, serialized_aliases=set())
    try:
        with override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            clear_url_caches()
            from consortia.models import Consortium

            if not (args.keepdb and Consortium.objects.filter(slug="taf-valley-schools").exists()):
                print(f"Generating scale {args.scale} and seeding the demo...", flush=True)
                seed(args.scale)
            pages = [(n, w, u) for n, w, u in _pages() if args.only in n]
            if args.profile:
                name, who, url = next(p for p in _pages() if args.profile in p[0])
                print(f"Profiling {name} ({url}) over {args.requests} requests")
                profile(url, who, requests=args.requests)
                return 0
            results = measure(pages, requests=args.requests, show_sql=args.sql)
    except BenchError as exc:
        print(f"Benchmark failed: {exc}", file=sys.stderr)
        return 2
    finally:
        if not args.keepdb:
            teardown_databases(old_config, verbosity=0)
    print_table(results, scale=args.scale, requests=args.requests)
    over = [r for r in results if r["queries"] > args.max_queries]
    for r in over:
        print(f"OVER: {r['page']} makes {r['queries']} queries (at most {args.max_queries})", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
