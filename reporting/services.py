"""Every write of reporting: request, run, fail, retry and delete builds; circulate annual reports."""

from __future__ import annotations

import errno
import logging
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consortia.outbox import outbox_enqueue
from consortia.queue import enqueue_on_commit
from partnerships.models import Partnership, current_academic_year

from . import pdf, selectors
from .models import ReportBuild, ReportSummary
from .sections import ReportYear

logger = logging.getLogger(__name__)

# Worth another try later (the database restarting, a dropped connection); anything else is a
# fault in the data or the templates and fails the build at once with its reason.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
ANNUAL_PURPOSE = "annual_report"
ACTIVE = (ReportBuild.Status.QUEUED, ReportBuild.Status.BUILDING)


def _enqueue(build: ReportBuild) -> None:
    from .tasks import report_build

    enqueue_on_commit(report_build, build.consortium_id, build.pk)


@transaction.atomic
def report_build_request(*, partnership: Partnership, academic_year: int, language: str, requested_by=None,
                         circulate: bool = False) -> ReportBuild:
    """Queue a build of the year's report. A build already queued or running is returned, not doubled."""
    if language not in ReportBuild.Language.values:
        raise ValidationError({"language": _("Choose English or Welsh.")})
    if not 2000 <= academic_year <= 2100:
        raise ValidationError({"academic_year": _("Choose an academic year between 2000 and 2100.")})
    # Locking the partnership serialises version numbers for it.
    Partnership.objects.select_for_update().filter(consortium_id=partnership.consortium_id,
                                                   pk=partnership.pk).first()
    builds = selectors.build_for_partnership(partnership, academic_year, language)
    active = builds.filter(status__in=ACTIVE).order_by("-version").first()
    if active is not None:
        if circulate and not active.circulate:
            active.circulate = True
            active.save(update_fields=["circulate"])
        return active
    version = (builds.aggregate(latest=Max("version"))["latest"] or 0) + 1
    build = ReportBuild.objects.create(
        consortium_id=partnership.consortium_id, partnership=partnership, academic_year=academic_year,
        language=language, version=version, requested_by=requested_by, circulate=circulate,
    )
    _enqueue(build)
    return build


def _locked(consortium_id: int, build_id: int) -> ReportBuild | None:
    return (ReportBuild.objects.select_for_update(of=("self",))
            .filter(consortium_id=consortium_id, pk=build_id)
            .select_related("partnership", "partnership__consortium").first())


def report_build_run(*, consortium_id: int, build_id: int) -> ReportBuild | None:
    """Build the PDF of a queued build and store it. Idempotent: a ready or failed build is left alone.

    Transient errors propagate (the task retries them); any other error fails the build with a reason.
    """
    with transaction.atomic():
        build = _locked(consortium_id, build_id)
        if build is None or build.status in (ReportBuild.Status.READY, ReportBuild.Status.FAILED):
            return build
        build.status = ReportBuild.Status.BUILDING
        build.started_at = timezone.now()
        build.attempts += 1
        build.error = ""
        build.save(update_fields=["status", "started_at", "attempts", "error"])
    started = time.perf_counter()
    try:
        built = pdf.build(build.partnership, ReportYear(build.academic_year), build.language, version=build.version)
    except TRANSIENT_ERRORS:
        raise
    except SoftTimeLimitExceeded:
        return report_build_fail(consortium_id=consortium_id, build_id=build_id, reason=_(
            "The report took longer to build than the time allowed. Try again; if it fails again, tell the "
            "consortium's administrators."))
    except Exception as exc:  # noqa: BLE001  a broken report must say why rather than stay "building"
        logger.exception("Report build %s failed", build_id)
        return report_build_fail(consortium_id=consortium_id, build_id=build_id, reason=_(
            "The report could not be built: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"[:500]})
    try:
        name = build.file.storage.save(build.file.field.generate_filename(build, build.filename()),
                                       ContentFile(built.pdf))
    except OSError as exc:  # disk full, a read-only or missing volume: the build must not stay "building"
        logger.exception("Report build %s could not be saved", build_id)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            reason = _("The report was built but there was no room to save it on the server. Try again later; "
                       "if it fails again, tell the consortium's administrators.")
        else:
            reason = _("The report was built but could not be saved on the server (%(error)s). Try again later; "
                       "if it fails again, tell the consortium's administrators.") % {
                "error": exc.strerror or type(exc).__name__}
        return report_build_fail(consortium_id=consortium_id, build_id=build_id, reason=reason)
    with transaction.atomic():
        current = _locked(consortium_id, build_id)
        if current is None:  # deleted while it was being built: keep no orphan file
            build.file.storage.delete(name)
            return None
        current.file.name = name
        current.status = ReportBuild.Status.READY
        current.size_bytes = len(built.pdf)
        current.duration_ms = round((time.perf_counter() - started) * 1000)
        current.gather_ms = built.timings.gather_ms
        current.charts_ms = built.timings.charts_ms
        current.render_ms = built.timings.render_ms
        current.figures = _jsonable(built.figures)
        current.finished_at = timezone.now()
        current.save(update_fields=["file", "status", "size_bytes", "duration_ms", "gather_ms", "charts_ms",
                                    "render_ms", "figures", "finished_at"])
        if current.circulate:
            report_circulate(build=current)
    return current


def _jsonable(figures: dict) -> dict:
    return {key: (float(value) if hasattr(value, "as_integer_ratio") and not isinstance(value, int | bool)
                  else value) for key, value in figures.items()}


def report_build_fail(*, consortium_id: int, build_id: int, reason: str) -> ReportBuild | None:
    with transaction.atomic():
        build = _locked(consortium_id, build_id)
        if build is None or build.status == ReportBuild.Status.READY:
            return build
        build.status = ReportBuild.Status.FAILED
        build.error = reason[:2000]
        build.finished_at = timezone.now()
        build.save(update_fields=["status", "error", "finished_at"])
        return build


@transaction.atomic
def report_retry(*, build: ReportBuild) -> ReportBuild:
    """Queue a failed build again, keeping its version."""
    build = _locked(build.consortium_id, build.pk)
    if build is None or build.status != ReportBuild.Status.FAILED:
        raise ValidationError(_("Only a report that failed can be tried again."))
    build.status = ReportBuild.Status.QUEUED
    build.error = ""
    build.finished_at = None
    build.save(update_fields=["status", "error", "finished_at"])
    _enqueue(build)
    return build


@transaction.atomic
def report_delete(*, build: ReportBuild) -> None:
    build = _locked(build.consortium_id, build.pk)
    if build is None:
        return
    if build.status in ACTIVE:
        raise ValidationError(_("A report that is still being built cannot be deleted."))
    name, storage = build.file.name, build.file.storage
    build.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- The annual report ---------------------------------------------------------------------------

def download_url(build: ReportBuild) -> str:
    path = reverse("report_download", args=[build.partnership.consortium.slug, build.pk])
    return settings.SITE_URL.rstrip("/") + path


def report_circulate(*, build: ReportBuild) -> int:
    """Email the report's link to its recipients who read this language. Exactly once per recipient
    per report version: the outbox finds the row of a second run and sends nothing."""
    partnership = build.partnership
    year = ReportYear(build.academic_year)
    queued = 0
    for recipient in selectors.report_recipients(partnership, year.as_of):
        if (recipient.language if recipient.language in ReportBuild.Language.values else "en") != build.language:
            continue
        with translation.override(build.language):
            context = {"build": build, "partnership": partnership, "year": year, "recipient": recipient,
                       "url": download_url(build), "partnership_name": partnership.display_name(build.language)}
            subject = _("Annual report %(year)s: %(partnership)s") % {
                "year": year.label, "partnership": context["partnership_name"]}
            body_text = render_to_string("reporting/email/annual_report.txt", context)
            body_html = render_to_string("reporting/email/annual_report.html", context)
        _email, created = outbox_enqueue(
            consortium=partnership.consortium, recipient=recipient.email, purpose=ANNUAL_PURPOSE, about=build,
            version=build.version, subject=subject, body_text=body_text, body_html=body_html,
            language=build.language,
        )
        queued += int(created)
    return queued


def annual_languages(partnership: Partnership, on) -> list[str]:
    recipients = selectors.report_recipients(partnership, on)
    return ["en", "cy"] if any(r.language == "cy" for r in recipients) else ["en"]


def annual_report_generate(*, partnership: Partnership, academic_year: int) -> list[ReportBuild]:
    """The year's report for one partnership, built once after the year ends and circulated when ready.

    Run again, it finds the builds it made (made after the year ended and not failed) instead of
    making new versions, so no one is emailed twice.
    """
    year = ReportYear(academic_year)
    builds = []
    for language in annual_languages(partnership, year.as_of):
        with transaction.atomic():
            existing = (selectors.build_for_partnership(partnership, academic_year, language)
                        .filter(created_at__gte=year.end_datetime()).exclude(status=ReportBuild.Status.FAILED)
                        .select_for_update(of=("self",)).order_by("-version").first())
            if existing is None:
                builds.append(report_build_request(partnership=partnership, academic_year=academic_year,
                                                   language=language, circulate=True))
                continue
            if not existing.circulate:
                existing.circulate = True
                existing.save(update_fields=["circulate"])
            existing.partnership = partnership
            if existing.status == ReportBuild.Status.READY:
                report_circulate(build=existing)
            builds.append(existing)
    return builds


def annual_reports_generate(*, academic_year: int | None = None) -> int:
    """Every partnership in every consortium: the academic year just ended, unless told otherwise."""
    academic_year = academic_year if academic_year is not None else current_academic_year() - 1
    count = 0
    for partnership in Partnership.objects.select_related("consortium").order_by("consortium_id", "pk"):
        try:
            count += len(annual_report_generate(partnership=partnership, academic_year=academic_year))
        except Exception:  # one partnership's fault must not stop the others' reports
            logger.exception("Annual report for partnership %s failed", partnership.pk)
    return count


@transaction.atomic
def report_summary_save(*, partnership: Partnership, academic_year: int, summary: str, summary_cy: str,
                        by=None) -> ReportSummary:
    """The year's summary as written now; the next build of that year's report prints it."""
    entry, _created = ReportSummary.objects.select_for_update().get_or_create(
        consortium_id=partnership.consortium_id, partnership=partnership, academic_year=academic_year)
    entry.summary, entry.summary_cy = summary.strip(), summary_cy.strip()
    entry.updated_by, entry.updated_at = by, timezone.now()
    entry.full_clean()
    entry.save()
    return entry
