"""Annual report benchmark: what one partnership's PDF costs, and proof that gathering is bounded.

Generates a partnership of 40 member schools with 5 academic years of governance (about 60
meetings, 600 agenda items, 2,400 attendance rows, 120 decisions and 400 actions) in a throwaway
test database, then builds the last complete year's report and measures:

- build time, split into gathering data (queries), drawing charts, rendering templates and
  typesetting with WeasyPrint, and the share of the total each takes;
- peak memory: Python allocations (tracemalloc, in a second run so it does not slow the timed
  one) and the process's peak resident size (which includes WeasyPrint's C libraries);
- the number of queries gathering makes for a small partnership and for this big one.

Exits 1 when the big partnership's gathering costs more queries than the small one's.

    python -m bench.report        (the lead wires it into `make bench` via bench.run)
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import platform
import resource
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

SCHOOLS = 40
YEARS = 5
MEETINGS_PER_YEAR = 12
STRATEGIC_PER_YEAR = 4
AGENDA_ITEMS_PER_MEETING = 10
DECISIONS_PER_MEETING = 2
ACTIONS = 400
RUNS = 3
RESULTS_PATH = Path(__file__).resolve().parent / "results" / "report.json"


def _governance_models() -> dict:
    names = ("Meeting", "AgendaItem", "Attendance", "Decision", "Action")
    from reporting.sections import model_or_none

    found = {name: model_or_none("governance", name) for name in names}
    return {name: model for name, model in found.items() if model is not None}


def generate_partnership(*, consortium, name: str, schools: int, years: int, meetings_per_year: int,
                         actions: int) -> tuple[object, list[str]]:
    """A partnership with its members and, where governance exists, years of meetings and actions.

    Rows below the partnership are bulk-created: the report reads them, and creating thousands
    through the services would make generation, not the report, the thing being measured.
    """
    from django.utils import timezone

    from partnerships.models import Organisation, PartnershipMembership, current_academic_year
    from partnerships.services import partnership_create, partnership_items_replace, partnership_role_grant
    from tests.factories import UserFactory

    partnership = partnership_create(consortium=consortium, name=name, kind="school_improvement",
                                     purpose="Raising standards together across the partnership's schools.")
    partnership_items_replace(partnership=partnership, list_kind="principle",
                              texts=["Collegiate decision making", "Openness", "Shared accountability"])
    first_year = current_academic_year() - years
    authority = Organisation.objects.create(consortium=consortium, kind="local_authority",
                                            name=f"{name} Council", email="education@council.example")
    organisations = Organisation.objects.bulk_create([
        Organisation(consortium=consortium, kind="school", name=f"{name} School {i:02d}", phase="primary",
                     school_code=f"{partnership.pk:03d}{i:04d}", local_authority=authority)
        for i in range(schools)])
    PartnershipMembership.objects.bulk_create([
        PartnershipMembership(consortium=consortium, partnership=partnership, organisation=organisation,
                              joined_on=dt.date(first_year, 9, 1) + dt.timedelta(days=30 * (i % 5) * (i % 2)),
                              left_on=dt.date(first_year + 3, 3, 31) if i % 13 == 12 else None)
        for i, organisation in enumerate(organisations)])
    chair = UserFactory()
    partnership_role_grant(partnership=partnership, user=chair, role="chair")
    models = _governance_models()
    missing = [n for n in ("Meeting", "AgendaItem", "Attendance", "Decision", "Action") if n not in models]
    if "Meeting" not in models:
        return partnership, missing

    meeting_model = models["Meeting"]
    meetings = []
    for year in range(first_year, first_year + years):
        for m in range(meetings_per_year):
            month = 9 + m if m < 4 else m - 3  # September to August
            calendar_year = year if month >= 9 else year + 1
            starts = timezone.make_aware(dt.datetime(calendar_year, month, 10, 16))
            notice_days = 3 if m % 6 == 5 else 10
            meetings.append(meeting_model(
                consortium=consortium, partnership=partnership, title=f"Meeting {calendar_year}-{month:02d}",
                kind="strategic" if m % max(meetings_per_year // STRATEGIC_PER_YEAR, 1) == 0 else "operational",
                status="cancelled" if m == 7 else "held", starts_at=starts, ends_at=starts + dt.timedelta(hours=2),
                notice_sent_at=starts - dt.timedelta(days=notice_days), notice_late=notice_days < 7))
    meetings = meeting_model.objects.bulk_create(meetings)
    if "AgendaItem" in models:
        models["AgendaItem"].objects.bulk_create([
            models["AgendaItem"](consortium=consortium, meeting=meeting, position=i, title=f"Item {i + 1}")
            for meeting in meetings for i in range(AGENDA_ITEMS_PER_MEETING)])
    if "Attendance" in models:
        models["Attendance"].objects.bulk_create([
            models["Attendance"](consortium=consortium, meeting=meeting, organisation=organisation,
                                 name=f"Representative of {organisation.name}",
                                 status="present" if (i + j) % 5 else "apologies")
            for i, meeting in enumerate(meetings) for j, organisation in enumerate(organisations)])
    if "Decision" in models:
        models["Decision"].objects.bulk_create([
            models["Decision"](consortium=consortium, meeting=meeting, text=f"Decision {k + 1} of {meeting.title}")
            for meeting in meetings for k in range(DECISIONS_PER_MEETING)])
    if "Action" in models:
        statuses = ["done", "done", "done", "open", "in_progress", "dropped"]
        models["Action"].objects.bulk_create([
            models["Action"](consortium=consortium, partnership=partnership, meeting=meetings[i % len(meetings)],
                             title=f"Action {i + 1}", owner=chair, status=statuses[i % len(statuses)],
                             due_on=meetings[i % len(meetings)].starts_at.date() + dt.timedelta(days=45))
            for i in range(actions)])
    return partnership, missing


def gather_queries(partnership, year) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting import pdf

    with CaptureQueriesContext(connection) as captured:
        pdf.gather(partnership, year)
    return len(captured)


def measure(partnership, year) -> dict:
    from reporting import pdf

    pdf.build(partnership, year, "en")  # warm-up: fonts, templates, matplotlib
    runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        built = pdf.build(partnership, year, "en")
        total_ms = (time.perf_counter() - started) * 1000
        runs.append((total_ms, built))
    total_ms, built = sorted(runs, key=lambda run: run[0])[len(runs) // 2]  # the median run
    timings = built.timings
    tracemalloc.start()
    pdf.build(partnership, year, "en")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    from pypdf import PdfReader
    pages = len(PdfReader(io.BytesIO(built.pdf)).pages)

    def share(ms: float) -> float:
        return round(100 * ms / total_ms, 1)

    return {
        "build_ms": round(total_ms), "gather_ms": timings.gather_ms, "charts_ms": timings.charts_ms,
        "template_ms": timings.template_ms, "weasyprint_ms": timings.render_ms,
        "weasyprint_share_pct": share(timings.render_ms), "gather_share_pct": share(timings.gather_ms),
        "charts_share_pct": share(timings.charts_ms), "template_share_pct": share(timings.template_ms),
        "section_gather_ms": timings.section_ms, "pdf_bytes": len(built.pdf), "pages": pages,
        "python_peak_mib": round(peak / 2**20, 1),
        "process_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "figures": built.figures,
    }


def _counts(partnership) -> dict:
    models = _governance_models()
    counts = {}
    for name, model in models.items():
        field = "partnership_id" if any(f.name == "partnership" for f in model._meta.fields) else \
            "meeting__partnership_id"
        counts[name] = model.objects.filter(consortium_id=partnership.consortium_id,
                                            **{field: partnership.pk}).count()
    return counts


def run_report_benchmark() -> dict:
    """Generate, build and measure; returns the results and writes bench/results/report.json.

    Expects Django set up on a disposable database (bench.run's test database, or main()'s).
    """
    import django

    from partnerships.models import current_academic_year
    from reporting.sections import ReportYear
    from tests.factories import ConsortiumFactory

    consortium = ConsortiumFactory(name="Report Bench Consortium", slug="report-bench")
    year = ReportYear(current_academic_year() - 1)
    started = time.perf_counter()
    small, _missing = generate_partnership(consortium=consortium, name="Small", schools=4, years=1,
                                           meetings_per_year=3, actions=6)
    big, missing = generate_partnership(consortium=consortium, name="Big", schools=SCHOOLS, years=YEARS,
                                        meetings_per_year=MEETINGS_PER_YEAR, actions=ACTIONS)
    generate_seconds = round(time.perf_counter() - started, 1)
    gather_small, gather_big = gather_queries(small, year), gather_queries(big, year)
    result = {
        "benchmark": "annual report",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), "django": django.get_version(),
        "year": year.label, "schools": SCHOOLS, "years_of_data": YEARS, "rows": _counts(big),
        "governance_missing": missing, "generate_seconds": generate_seconds,
        "gather_queries_small": gather_small, "gather_queries_big": gather_big,
        "query_regression": gather_big > gather_small, "runs": RUNS,
        **measure(big, year),
    }
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_PATH.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print_table(result)
    print(f"Results written to {RESULTS_PATH}")
    return result


def print_table(r: dict) -> None:
    rows = [
        ("data", f"{r['schools']} schools, {r['years_of_data']} years: "
                 + ", ".join(f"{n} {name}" for name, n in r["rows"].items())),
        ("report year", f"{r['year']} ({r['pages']} pages, {r['pdf_bytes'] / 1024:.0f} KiB)"),
        ("build (median of runs)", f"{r['build_ms']} ms"),
        ("  gathering data", f"{r['gather_ms']} ms ({r['gather_share_pct']}%)"),
        ("  drawing charts", f"{r['charts_ms']} ms ({r['charts_share_pct']}%)"),
        ("  templates", f"{r['template_ms']} ms ({r['template_share_pct']}%)"),
        ("  WeasyPrint", f"{r['weasyprint_ms']} ms ({r['weasyprint_share_pct']}%)"),
        ("peak memory, Python", f"{r['python_peak_mib']} MiB (tracemalloc)"),
        ("peak memory, process", f"{r['process_peak_rss_mib']} MiB (max RSS)"),
        ("gather queries small/big", f"{r['gather_queries_small']} / {r['gather_queries_big']}"),
    ]
    if r["governance_missing"]:
        rows.append(("missing", "governance models not found: " + ", ".join(r["governance_missing"])))
    width = max(len(label) for label, _value in rows)
    print()
    print("Annual report benchmark")
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
        result = run_report_benchmark()
    finally:
        teardown_databases(old_config, verbosity=0)
    if result["query_regression"]:
        print(f"FAIL: gathering the report makes {result['gather_queries_big']} queries for the big partnership "
              f"but {result['gather_queries_small']} for the small one.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
