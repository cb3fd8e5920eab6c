"""The load run: gunicorn on the production settings, PostgreSQL and Redis, Locust headless.

    python -m bench.load                       (or `make bench LOAD=1`)
    python -m bench.load --users 50 --seconds 60 --scale 20

PostgreSQL and Redis are private servers started by config.testing_services, as the tests start
them; the database is migrated and filled by bench.generate (scale 20 by default) plus the demo
seed, which brings the meetings and agreements the generated data has none of. Gunicorn runs
config/gunicorn.py (workers default to the cores) with config.settings.production; Locust runs
headless in its own process, 50 people of mixed roles with no think time over the dashboard,
partnership page, meeting page, meetings list, agreement page, API lists and the bare view
(/healthz, served by the same workers in the same run).

Printed: requests/s, median and 95th percentile per page, errors, and each page's throughput as a
share of the bare view's. Everything runs on this machine, Locust included, so the figures are
for the machine as it was at the time (shared with other work: say so when quoting them).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from config import testing_services

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["dashboard", "partnership page", "meeting page", "meetings list", "agreement page", "API lists"]
BARE = "bare view"
API_LISTS = ("partnerships", "organisations", "people", "memberships")


def _environment() -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        # A given DATABASE_URL (a database already filled, with --reuse) or a private server.
        "DATABASE_URL": os.environ.get("DATABASE_URL") or testing_services.ensure_postgres(),
        "REDIS_URL": testing_services.ensure_redis(),
        "EMAIL_URL": "locmem:",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        # 50 people without think time from one address would hit the API's per-IP and per-token
        # limits within seconds; the run measures the pages, not the throttle.
        "API_THROTTLE_TOKEN": "off",
        "API_THROTTLE_IP": "off",
    }
    os.environ.update(env)
    return {**os.environ, **env}


def _session_for(user) -> str:
    """A signed-in session, second factor checked, as after signing in with the form."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["mfa_checked"] = True
    store.save()
    return store.session_key


def build_plan(scale: int, *, reuse: bool = False) -> dict:
    """Fill the database and list the people (mixed roles) and the pages each may open."""
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import Count
    from django.urls import reverse
    from rest_framework.authtoken.models import Token

    from agreements.models import AgreementVersion
    from bench.generate import generate
    from consortia.models import Consortium, ConsortiumRole
    from governance.models import Meeting
    from partnerships.models import Partnership, PartnershipRole

    first = Consortium.objects.filter(slug__startswith="bench-").order_by("pk").first()
    if reuse and first is not None and Consortium.objects.filter(slug="taf-valley-schools").exists():
        print(f"Reusing the data already there ({Consortium.objects.filter(slug__startswith='bench-').count()} "
              "generated consortia)", flush=True)
        representative = PartnershipRole.objects.filter(consortium=first, role="representative").values(
            "user_id").annotate(n=Count("pk")).order_by("-n").first()
        data = {"consortium_id": first.pk, "representative_id": representative["user_id"]}
    else:
        print(f"Generating scale {scale} and seeding the demo...", flush=True)
        data = generate(scale)
        call_command("seed_demo", stdout=StringIO())
    users = get_user_model().objects
    people: list[dict] = []

    def add(user, consortium, pages: dict[str, list[str]]) -> None:
        token, _ = Token.objects.get_or_create(user=user)
        people.append({"email": user.email, "session": _session_for(user), "token": token.key,
                       "pages": {**pages, BARE: ["/healthz"]}})

    def url(name, consortium, **kwargs):
        return reverse(name, kwargs={"consortium_slug": consortium.slug, **kwargs})

    def common(user, consortium) -> dict[str, list[str]]:
        partnerships = list(PartnershipRole.objects.filter(
            consortium=consortium, user=user, ended_at__isnull=True).values_list("partnership_id", flat=True)[:5])
        if not partnerships:
            partnerships = list(Partnership.objects.filter(consortium=consortium).values_list("pk", flat=True)[:5])
        return {
            "dashboard": [url("dashboard", consortium)],
            "partnership page": [url("partnership_detail", consortium, pk=pk) for pk in partnerships],
            "meetings list": [url("meeting_list", consortium)],
            "API lists": [f"/api/v1/{consortium.slug}/{name}/" for name in API_LISTS],
        }

    # Generated tenants at scale 20: each one's admin, its busiest representative (on every one
    # of its 60 partnerships) and a few chairs and clerks.
    for consortium in Consortium.objects.filter(slug__startswith="bench-").order_by("pk")[:10]:
        roles = PartnershipRole.objects.filter(consortium=consortium, ended_at__isnull=True,
                                               role__in=["chair", "clerk", "representative"])
        chosen = {role.user_id for role in roles.order_by("pk")[:40:8]}
        chosen |= set(ConsortiumRole.objects.filter(consortium=consortium, role="consortium_admin")
                      .values_list("user_id", flat=True))
        if consortium.pk == data["consortium_id"]:
            chosen.add(data["representative_id"])
        for user in users.filter(pk__in=chosen):
            add(user, consortium, common(user, consortium))

    # The demo people, where the meetings and agreements are.
    taf = Consortium.objects.get(slug="taf-valley-schools")
    exceed = Consortium.objects.get(slug="exceed-hub")
    meetings = list(Meeting.objects.filter(consortium=taf).values_list("pk", flat=True))
    versions = AgreementVersion.objects.filter(consortium=exceed).values_list("template_id", flat=True)
    agreements = sorted(set(versions))
    for email in ("chair", "clerk", "head", "observer", "admin", "finance"):
        user = users.get(email=f"{email}@demo.partneriaeth.cymru")
        pages = common(user, taf)
        pages["meeting page"] = [url("meeting_detail", taf, pk=pk) for pk in meetings]
        add(user, taf, pages)
    for email in ("admin", "head"):
        user = users.get(email=f"{email}@demo.partneriaeth.cymru")
        pages = common(user, exceed)
        pages["agreement page"] = [url("agreement_detail", exceed, pk=pk) for pk in agreements]
        add(user, exceed, pages)

    by_page = {page: [i for i, p in enumerate(people) if p["pages"].get(page)] for page in [*PAGES, BARE]}
    missing = [page for page, who in by_page.items() if not who]
    if missing:
        raise SystemExit(f"No one can open: {', '.join(missing)}")
    from django.conf import settings

    return {"people": people, "pages": by_page, "session_cookie": settings.SESSION_COOKIE_NAME}


def _check_plan(base: str, plan: dict) -> None:
    """Every URL in the plan answers 200 for its person before the clock starts."""
    bad = []
    for person in plan["people"]:
        for page, urls in person["pages"].items():
            for path in urls:
                headers = {"Host": "127.0.0.1"}
                if page.startswith("API"):
                    headers["Authorization"] = f"Token {person['token']}"
                else:
                    headers["Cookie"] = f"{plan['session_cookie']}={person['session']}"
                request = urllib.request.Request(base + path, headers=headers)
                try:
                    with _no_redirects().open(request, timeout=30) as answer:
                        status = answer.status
                except urllib.error.HTTPError as exc:
                    status = exc.code
                if status != 200:
                    bad.append(f"{person['email']} {path}: {status}")
    if bad:
        raise SystemExit("Pages that do not answer 200 before the run:\n  " + "\n  ".join(bad[:20]))


def _no_redirects():
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return urllib.request.build_opener(NoRedirect)


def _wait_for(base: str, timeout: float = 300) -> None:
    # Workers import the whole project (WeasyPrint, OR-Tools...): on a busy machine that takes minutes.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(urllib.request.Request(base + "/healthz", headers={"Host": "127.0.0.1"}),
                                        timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer /healthz within {timeout:.0f} s")


def report(stats_csv: Path, *, users: int, seconds: int, workers: str) -> int:
    rows = {row["Name"]: row for row in csv.DictReader(stats_csv.open(encoding="utf-8"))}
    aggregated = rows.get("Aggregated")
    bare = rows.get(BARE)
    if bare is None or aggregated is None:
        raise SystemExit(f"Locust wrote no statistics for the bare view ({stats_csv})")
    bare_rps = float(bare["Requests/s"])
    print()
    print(f"Load run: {users} people without think time for {seconds} s, gunicorn {workers} sync workers, "
          "production settings, PostgreSQL + Redis, all on this machine (Locust included)")
    headers = ["page", "requests", "errors", "req/s", "median ms", "p95 ms", "share of bare"]
    table = []
    for name in [*PAGES, BARE]:
        row = rows.get(name)
        if row is None:
            table.append([name, "0", "-", "-", "-", "-", "-"])
            continue
        rps = float(row["Requests/s"])
        table.append([name, row["Request Count"], row["Failure Count"], f"{rps:.1f}", row["50%"], row["95%"],
                      f"{rps / bare_rps:.0%}" if bare_rps else "-"])
    table.append(["all", aggregated["Request Count"], aggregated["Failure Count"],
                  f"{float(aggregated['Requests/s']):.1f}", aggregated["50%"], aggregated["95%"], ""])
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *table, strict=True)]
    print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True))))
    print("  ".join("-" * w for w in widths))
    for cells in table:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                        for i, (c, w) in enumerate(zip(cells, widths, strict=True))))
    print()
    return 1 if int(aggregated["Failure Count"]) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--reuse", action="store_true",
                        help="data already generated in DATABASE_URL's database: do not generate or seed again")
    parser.add_argument("--workers", default="", help="gunicorn workers (default: config/gunicorn.py, the cores)")
    args = parser.parse_args(argv)

    env = _environment()
    import django

    django.setup()
    from django.core.management import call_command

    print("Migrating...", flush=True)
    call_command("migrate", verbosity=0)
    plan = build_plan(args.scale, reuse=args.reuse)
    workdir = Path(tempfile.mkdtemp(prefix="partneriaeth-load-"))
    plan_path = workdir / "plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    # The load run's own connections are closed: only gunicorn's workers talk to the database now.
    from django.db import connections

    connections.close_all()

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    web_env = {**env, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GUNICORN_ACCESS_LOG": "/dev/null",
               "CONN_MAX_AGE": "60",
               # A worker's first request loads every URLconf and template: on a busy machine that
               # can pass the 30 s default, and gunicorn would kill and reboot it forever.
               "GUNICORN_TIMEOUT": os.environ.get("GUNICORN_TIMEOUT", "180")}
    if args.workers:
        web_env["WEB_CONCURRENCY"] = args.workers
    workers = args.workers or subprocess.run(
        [sys.executable, "-c", "import runpy; print(runpy.run_path('config/gunicorn.py')['workers'])"],
        cwd=ROOT, env=web_env, capture_output=True, text=True, check=True).stdout.strip()
    web = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.py", "config.wsgi:application"],
                           cwd=ROOT, env=web_env, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=(workdir / "gunicorn.log").open("w"))
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base)
        _check_plan(base, plan)
        print(f"Locust: {args.users} people for {args.seconds} s against {base} ({workers} workers)...", flush=True)
        subprocess.run(
            [str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "bench/locustfile.py"), "--headless",
             "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s", "--host", base,
             "--csv", str(workdir / "load"), "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, env={**env, "LOAD_PLAN": str(plan_path)}, check=False,
            stdout=subprocess.DEVNULL, stderr=(workdir / "locust.log").open("w"))
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        try:
            web.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(web.pid, signal.SIGKILL)
            web.wait(timeout=10)
    stats = workdir / "load_stats.csv"
    if not stats.exists():
        print((workdir / "locust.log").read_text()[-3000:], file=sys.stderr)
        raise SystemExit("Locust wrote no statistics")
    code = report(stats, users=args.users, seconds=args.seconds, workers=workers)
    failures = workdir / "load_failures.csv"
    if code and failures.exists():
        print(failures.read_text()[:3000])
    return code


if __name__ == "__main__":
    sys.exit(main())
