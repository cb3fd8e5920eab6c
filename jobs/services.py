"""Every write of jobs: create an import job, run it, fail it, and tell the person how it went."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consortia.outbox import outbox_enqueue
from consortia.queue import enqueue_on_commit

from . import files
from .models import ImportJob

logger = logging.getLogger(__name__)

# Worth another try later (the database restarting, a dropped connection); anything else fails the job.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
SUMMARY_PURPOSE = "import_finished"
MAX_ERRORS_KEPT = 500  # rows' errors kept on the job; the count says how many there were in all


@transaction.atomic
def import_job_create(*, consortium, user, kind: str, upload) -> ImportJob:
    """Check the file's shape, keep it, and queue the job once this transaction commits."""
    if kind not in ImportJob.Kind.values:
        raise ValidationError({"kind": _("Choose what the file holds.")})
    try:
        shape = files.check_shape(upload, kind, consortium=consortium, user=user)
    except ValidationError as error:
        raise ValidationError({"import_file": error.messages}) from error
    job = ImportJob(consortium=consortium, created_by=user, kind=kind, file_format=shape.file_format,
                    rows_total=shape.rows, file_name=upload.name[-255:])
    job.file.save(f"{kind}.{shape.file_format}", upload, save=False)
    job.save()
    _enqueue(job)
    return job


def _enqueue(job: ImportJob) -> None:
    from .tasks import import_job_run

    enqueue_on_commit(import_job_run, job.consortium_id, job.pk)


def _errors_of(result, row_errors: list[dict]) -> list[dict]:
    """Each invalid row's messages, numbered as the spreadsheet numbers them (headings on row 1)."""
    found = {entry["row"]: entry for entry in row_errors}
    for row in result.invalid_rows:
        if row.number + 1 not in found:
            found[row.number + 1] = {"row": row.number + 1, "messages": [
                f"{column}: {message}" for column, messages in row.error_dict.items() for message in messages]}
    for row in result.error_rows:
        entry = found.setdefault(row.number + 1, {"row": row.number + 1, "messages": []})
        entry["messages"].extend(str(error.error) for error in row.errors)
    for error in result.base_errors:
        found.setdefault(0, {"row": 0, "messages": []})["messages"].append(str(error.error))
    return sorted(found.values(), key=lambda entry: entry["row"])


def _summary_of(result) -> dict:
    return {kind: result.totals.get(kind, 0) for kind in ("new", "update", "skip")}


def import_job_run(*, consortium_id: int, job_id: int) -> ImportJob | None:
    """Check and write a queued job's rows, all or nothing. Safe to run twice: a finished or failed job
    is left alone, and a job is marked finished in the transaction that writes its rows.

    Transient errors propagate (the task retries them); any other error fails the job with a reason.
    """
    with transaction.atomic():
        job = (ImportJob.objects.select_for_update(of=("self",)).select_related("consortium", "created_by")
               .filter(consortium_id=consortium_id, pk=job_id).first())
        if job is None or job.is_finished:
            return job
        job.state, job.started_at, job.attempts = ImportJob.State.RUNNING, timezone.now(), job.attempts + 1
        job.rows_done, job.errors, job.error_count, job.failure = 0, [], 0, ""
        job.save(update_fields=["state", "started_at", "attempts", "rows_done", "errors", "error_count", "failure"])

    def progress(done: int, row_errors: list[dict]) -> None:
        # Outside the write's transaction, so the job page sees it as it happens.
        ImportJob.objects.filter(pk=job.pk).update(rows_done=done, error_count=len(row_errors),
                                                   errors=row_errors[:MAX_ERRORS_KEPT])

    def on_saved(result) -> None:
        job.state, job.finished_at, job.summary = ImportJob.State.FINISHED, timezone.now(), _summary_of(result)
        job.rows_done, job.warnings = job.rows_total, list(resource.warnings)[:MAX_ERRORS_KEPT]
        job.save(update_fields=["state", "finished_at", "summary", "rows_done", "warnings"])
        _tell(job)

    try:
        with job.file.open("rb") as handle:
            dataset = files.read_dataset(handle.read(), job.file_format)
        resource = files.resource_class(job.kind)(consortium=job.consortium, user=job.created_by)
        with translation.override(_language_of(job)):
            result = resource.import_data(dataset, dry_run=False, bulk=True, progress=progress, on_saved=on_saved)
    except TRANSIENT_ERRORS:
        raise
    except (ValidationError, IntegrityError) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc).splitlines()[0]]
        return import_job_fail(consortium_id=consortium_id, job_id=job_id, reason=_(
            "Nothing was imported: %(error)s") % {"error": " ".join(messages)})
    except Exception:  # noqa: BLE001  a broken import must say so rather than stay "running"
        logger.exception("Import job %s failed", job_id)
        return import_job_fail(consortium_id=consortium_id, job_id=job_id, reason=_(
            "Nothing was imported: something went wrong on our side. Try again; if it fails again, tell the "
            "consortium's administrators."))
    if job.state == ImportJob.State.FINISHED:
        return job
    errors = _errors_of(result, resource.row_errors)
    rows = sum(1 for entry in errors if entry["row"])
    return import_job_fail(consortium_id=consortium_id, job_id=job_id, errors=errors, reason=_(
        "Nothing was imported because %(count)s rows have errors. Correct them and upload the file again.")
        % {"count": rows} if rows else _("Nothing was imported: %(error)s") % {
            "error": " ".join(message for entry in errors for message in entry["messages"])})


@transaction.atomic
def import_job_fail(*, consortium_id: int, job_id: int, reason: str, errors: list[dict] | None = None
                    ) -> ImportJob | None:
    job = (ImportJob.objects.select_for_update(of=("self",)).select_related("consortium", "created_by")
           .filter(consortium_id=consortium_id, pk=job_id).first())
    if job is None or job.is_finished:
        return job
    job.state, job.finished_at, job.failure = ImportJob.State.FAILED, timezone.now(), reason
    fields = ["state", "finished_at", "failure"]
    if errors is not None:
        job.errors, job.error_count = errors[:MAX_ERRORS_KEPT], sum(1 for entry in errors if entry["row"])
        fields += ["errors", "error_count"]
    job.save(update_fields=fields)
    _tell(job)
    return job


def _language_of(job: ImportJob) -> str:
    language = getattr(job.created_by, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in ("en", "cy") else "en"


def job_url(job: ImportJob) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("import_job", args=[job.consortium.slug, job.pk])


def _tell(job: ImportJob) -> None:
    """One summary email to the person who uploaded the file, through the outbox (once per job)."""
    if job.created_by is None or not job.created_by.email:
        return
    language = _language_of(job)
    with translation.override(language):
        context = {"job": job, "url": job_url(job), "name": job.created_by.full_name or job.created_by.email,
                   "kind": job.get_kind_display()}
        if job.state == ImportJob.State.FINISHED:
            subject = _("Import finished: %(file)s") % {"file": job.file_name}
        else:
            subject = _("Import failed: %(file)s") % {"file": job.file_name}
        body_text = render_to_string("jobs/email/import_finished.txt", context)
    outbox_enqueue(consortium=job.consortium, recipient=job.created_by.email, purpose=SUMMARY_PURPOSE, about=job,
                   version=1, subject=subject, body_text=body_text, language=language)
