"""Engagement dashboard benchmark: one cohort of 2,000 participants with 40 events.

The dashboard works out every participant's engagement live, from events, attendance and status
history. Generates the cohort (30 events held, 10 to come, about 60,000 attendance rows) in a
throwaway test database, then measures, against the bare view of bench.run:

- the page's query count for a cohort of 10 and for the cohort of 2,000 (they must be equal);
- the median (and 90th percentile) server time of the page, and the bare view's.

Exits 1 when the big cohort's page makes more queries than the small one's.

    python -m bench.programmes        (`make bench` runs it after the other benchmarks)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

PARTICIPANTS = 2000
EVENTS = 40
HELD = 30
REQUESTS = 15
WARMUPS = 3
RESULTS_PATH = Path(__file__).resolve().parent / "results" / "engagement.json"


def generate_cohort(*, programme, name: str, participants: int, school) -> object:
    """A cohort, its events and attendance, bulk-created: the page reads them as it reads any rows."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from consortia.models import Membership
    from programmes import rules
    from programmes.models import Attendance, Cohort, Enrolment, EnrolmentStatusChange, Event, SchoolPeriod

    today = timezone.localdate()
    consortium_id = programme.consortium_id
    cohort = Cohort.objects.create(consortium_id=consortium_id, programme=programme, name=name,
                                   starts_on=today - dt.timedelta(days=HELD * 7 + 7),
                                   academic_year=rules.academic_year_of(today))
    users = get_user_model().objects.bulk_create([
        get_user_model()(email=f"p{i}.{name.lower()}@bench.example", full_name=f"Participant {i:05d}")
        for i in range(participants)], batch_size=2000)
    Membership.objects.bulk_create([Membership(consortium_id=consortium_id, user=u) for u in users], batch_size=2000)
    enrolments = Enrolment.objects.bulk_create([
        Enrolment(consortium_id=consortium_id, cohort=cohort, user=u, role="npq_participant",
                  started_on=cohort.starts_on) for u in users], batch_size=2000)
    EnrolmentStatusChange.objects.bulk_create([
        EnrolmentStatusChange(consortium_id=consortium_id, enrolment=e, kind="enrolled", status="active",
                              effective_on=cohort.starts_on, school=school) for e in enrolments], batch_size=2000)
    SchoolPeriod.objects.bulk_create([
        SchoolPeriod(consortium_id=consortium_id, enrolment=e, user_id=e.user_id, role="npq_participant",
                     school=school, started_on=cohort.starts_on) for e in enrolments], batch_size=2000)
    starts = [dt.datetime.combine(today + dt.timedelta(days=7 * (i - HELD)), dt.time(16), tzinfo=rules.LONDON)
              for i in range(EVENTS)]
    events = Event.objects.bulk_create([
        Event(consortium_id=consortium_id, cohort=cohort, kind="clinic", title=f"Clinic {i + 1}", starts_at=when,
              ends_at=when + dt.timedelta(hours=1), venue="Hub", counts_for_engagement=True)
        for i, when in enumerate(starts)])
    rows = []
    for n, enrolment in enumerate(enrolments):
        for index, event in enumerate(events[:HELD]):
            # Most attend everything; one in five misses one event, one in twenty misses four.
            missed = (n % 5 == 0 and index == 3) or (n % 20 == 0 and index in (5, 9, 12, 20))
            rows.append(Attendance(consortium_id=consortium_id, event=event, enrolment=enrolment,
                                   state="absent" if missed else "attended"))
        if len(rows) >= 20000:
            Attendance.objects.bulk_create(rows)
            rows = []
    Attendance.objects.bulk_create(rows)
    return cohort


def _page_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.run import _get

    with CaptureQueriesContext(connection) as captured:
        _get(client, url)
    return len(captured.captured_queries)


def run_engagement_benchmark() -> dict:
    """Expects Django set up on a disposable database with bench.urls (bench.run does both)."""
    import django
    from django.test import Client
    from django.urls import reverse

    from bench.run import ServerClock, _get
    from consortia.services import consortium_role_grant
    from programmes import services
    from tests.conftest import with_mfa
    from tests.factories import ConsortiumFactory, OrganisationFactory, PartnershipFactory, UserFactory

    consortium = ConsortiumFactory(name="Engagement Bench Hub", slug="engagement-bench")
    partnership = PartnershipFactory(consortium=consortium, name="Bench ECT and NPQ", kind="ect_npq")
    school = OrganisationFactory(consortium=consortium, name="Bench School")
    programme = services.programme_create(consortium=consortium, kind="professional_learning",
                                          name="Bench programme", partnership=partnership)
    admin = UserFactory(email="admin@engagement-bench.example")
    consortium_role_grant(consortium=consortium, user=admin, role="consortium_admin")
    admin.refresh_from_db()
    with_mfa(admin)
    started = time.perf_counter()
    small = generate_cohort(programme=programme, name="Small", participants=10, school=school)
    big = generate_cohort(programme=programme, name="Big", participants=PARTICIPANTS, school=school)
    generate_seconds = round(time.perf_counter() - started, 1)
    from django.db import connection

    with connection.cursor() as cursor:  # as autovacuum would after a bulk load: the planner's statistics
        cursor.execute("ANALYZE")

    client = Client()
    client.force_login(admin)
    small_url = reverse("programme_engagement", args=[consortium.slug, small.pk])
    big_url = reverse("programme_engagement", args=[consortium.slug, big.pk])
    bare_url = reverse("bench_bare")
    for _ in range(WARMUPS):
        _get(client, small_url)
        _get(client, big_url)
        _get(client, bare_url)
    small_queries, big_queries = _page_queries(client, small_url), _page_queries(client, big_url)
    page_ms, bare_ms = [], []
    with ServerClock() as clock:
        for _ in range(REQUESTS):
            _get(client, big_url)
            page_ms.append(clock.last * 1000)
            _get(client, bare_url)
            bare_ms.append(clock.last * 1000)
    from programmes.models import Attendance

    result = {
        "benchmark": "engagement dashboard",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), "django": django.get_version(),
        "participants": PARTICIPANTS, "events": EVENTS, "events_held": HELD,
        "attendance_rows": Attendance.objects.filter(consortium=consortium).count(),
        "generate_seconds": generate_seconds, "requests": REQUESTS,
        "queries_small": small_queries, "queries_big": big_queries,
        "query_regression": big_queries > small_queries,
        "page_median_ms": round(statistics.median(page_ms), 1),
        "page_p90_ms": round(statistics.quantiles(page_ms, n=10)[-1], 1),
        "bare_median_ms": round(statistics.median(bare_ms), 3),
        "ratio": round(statistics.median(page_ms) / statistics.median(bare_ms), 1),
    }
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_PATH.write_text(json.dumps(result, indent=2) + "\n")
    print()
    print(f"Engagement dashboard, {PARTICIPANTS} participants x {EVENTS} events "
          f"({result['attendance_rows']} attendance rows), median of {REQUESTS} requests")
    print(f"  queries: {small_queries} for 10 participants, {big_queries} for {PARTICIPANTS}")
    print(f"  server time: {result['page_median_ms']} ms (p90 {result['page_p90_ms']} ms); bare view "
          f"{result['bare_median_ms']} ms ({result['ratio']}x)")
    print(f"Results written to {RESULTS_PATH}")
    return result


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings, setup_databases, teardown_databases
    from django.urls import clear_url_caches

    old_config = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    try:
        with override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            clear_url_caches()
            result = run_engagement_benchmark()
    finally:
        teardown_databases(old_config, verbosity=0)
    return 1 if result["query_regression"] else 0


if __name__ == "__main__":
    sys.exit(main())
