"""Statements: a member school's account for a budget year as a PDF, built on the `pdf` queue and
emailed to the school exactly once per version."""

from __future__ import annotations

import base64
import errno
import logging
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consortia.outbox import outbox_enqueue
from consortia.queue import enqueue_on_commit
from partnerships.models import Organisation

from ..models import Budget, Statement
from ._common import attribute, locked_budget, manager

logger = logging.getLogger(__name__)

PURPOSE = "finance_statement"
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
ACTIVE = (Statement.Status.QUEUED, Statement.Status.BUILDING)


def _enqueue(statement: Statement) -> None:
    from ..tasks import statement_build

    enqueue_on_commit(statement_build, statement.consortium_id, statement.pk)


@transaction.atomic
def statement_request(*, budget: Budget, organisation: Organisation, language: str, by=None,
                      circulate: bool = False) -> Statement:
    """The school's statement in this language: the latest version when its figures are unchanged,
    otherwise a new version queued for building."""
    from ..selectors import ledger_for

    if language not in Statement.Language.values:
        raise ValidationError({"language": _("Choose English or Welsh.")})
    if organisation.consortium_id != budget.consortium_id:
        raise ValidationError(_("That belongs to another consortium."))
    budget = locked_budget(budget)
    fingerprint = ledger_for(budget, organisation).fingerprint()
    latest = (Statement.objects.filter(consortium_id=budget.consortium_id, budget=budget, organisation=organisation,
                                       language=language).order_by("-version").first())
    if latest is not None and latest.fingerprint == fingerprint and latest.status != Statement.Status.FAILED:
        if circulate and not latest.circulate:
            latest.circulate = True
            latest.save(update_fields=["circulate"])
            if latest.status == Statement.Status.READY:
                statement_circulate(statement=latest)
        return latest
    statement = Statement.objects.create(
        consortium_id=budget.consortium_id, budget=budget, organisation=organisation, language=language,
        version=(latest.version + 1) if latest else 1, fingerprint=fingerprint, circulate=circulate,
        requested_by=by)
    _enqueue(statement)
    return statement


def statement_recipients(budget: Budget, organisation: Organisation) -> list[tuple[str, str | None]]:
    """(email, language) of everyone the school's statement goes to; the school office reads either language."""
    from ..selectors import statement_recipients as representatives

    recipients: list[tuple[str, str | None]] = list(representatives(budget, organisation))
    if organisation.email and organisation.email.lower() not in {email.lower() for email, _lang in recipients}:
        recipients.append((organisation.email, None))
    return recipients


@transaction.atomic
def statements_email(*, budget: Budget, organisation: Organisation, by) -> list[Statement]:
    """Email the school its statement: each representative in their language, the school's office in both."""
    manager(by, budget.partnership)
    recipients = statement_recipients(budget, organisation)
    if not recipients:
        raise ValidationError(_("%(school)s has no representative in the partnership and no email address: add "
                                "one before emailing its statement.") % {"school": organisation.name})
    languages = sorted({lang for _email, lang in recipients if lang} | (
        {"en", "cy"} if any(lang is None for _email, lang in recipients) else set()))
    return [statement_request(budget=budget, organisation=organisation, language=language, by=by, circulate=True)
            for language in languages]


def download_url(statement: Statement) -> str:
    path = reverse("finance_statement_download", args=[statement.budget.partnership.consortium.slug, statement.pk])
    return settings.SITE_URL.rstrip("/") + path


def statement_circulate(*, statement: Statement) -> int:
    """Queue the ready statement to every recipient who reads its language. The outbox row per
    (recipient, statement, version) makes a second call send nothing."""
    if statement.status != Statement.Status.READY or not statement.file:
        return 0
    budget, organisation = statement.budget, statement.organisation
    with statement.file.open("rb") as handle:
        content = base64.b64encode(handle.read()).decode()
    queued = 0
    for email, language in statement_recipients(budget, organisation):
        if language is not None and language != statement.language:
            continue
        with translation.override(statement.language):
            context = {"statement": statement, "budget": budget, "organisation": organisation,
                       "partnership_name": budget.partnership.display_name(statement.language),
                       "url": download_url(statement)}
            subject = _("Statement %(year)s for %(school)s: %(partnership)s") % {
                "year": budget.label, "school": organisation.name, "partnership": context["partnership_name"]}
            body_text = render_to_string("finance/email/statement.txt", context)
            body_html = render_to_string("finance/email/statement.html", context)
        _email, created = outbox_enqueue(
            consortium=budget.partnership.consortium, recipient=email, purpose=PURPOSE, about=statement,
            version=statement.version, subject=subject, body_text=body_text, body_html=body_html,
            language=statement.language,
            attachments=[{"filename": statement.filename(), "mimetype": "application/pdf", "content_b64": content}])
        queued += int(created)
    return queued


def _locked(consortium_id: int, statement_id: int) -> Statement | None:
    return (Statement.objects.select_for_update(of=("self",)).filter(consortium_id=consortium_id, pk=statement_id)
            .select_related("budget__partnership__consortium", "budget__holder", "organisation").first())


def statement_build_run(*, consortium_id: int, statement_id: int) -> Statement | None:
    """Build the PDF of a queued statement. A ready or failed statement is left alone (safe to run twice)."""
    from .. import pdf

    with transaction.atomic():
        statement = _locked(consortium_id, statement_id)
        if statement is None or statement.is_finished:
            return statement
        statement.status = Statement.Status.BUILDING
        statement.attempts += 1
        statement.error = ""
        statement.save(update_fields=["status", "attempts", "error"])
    started = time.perf_counter()
    try:
        built = pdf.build_statement(statement.budget, statement.organisation, statement.language,
                                    version=statement.version)
    except TRANSIENT_ERRORS:
        raise
    except SoftTimeLimitExceeded:
        return statement_build_fail(consortium_id=consortium_id, statement_id=statement_id, reason=_(
            "The statement took longer to build than the time allowed. Try again."))
    except Exception as exc:  # noqa: BLE001  a broken statement must say why rather than stay "building"
        logger.exception("Statement %s failed", statement_id)
        return statement_build_fail(consortium_id=consortium_id, statement_id=statement_id, reason=_(
            "The statement could not be built: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"[:500]})
    try:
        name = statement.file.storage.save(statement.file.field.generate_filename(statement, statement.filename()),
                                           ContentFile(built.pdf))
    except OSError as exc:  # disk full, a read-only or missing volume: the statement must not stay "building"
        logger.exception("Statement %s could not be saved", statement_id)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            reason = _("The statement was built but there was no room to save it on the server. Try again later; "
                       "if it fails again, tell the consortium's administrators.")
        else:
            reason = _("The statement was built but could not be saved on the server (%(error)s). Try again "
                       "later; if it fails again, tell the consortium's administrators.") % {
                "error": exc.strerror or type(exc).__name__}
        return statement_build_fail(consortium_id=consortium_id, statement_id=statement_id, reason=reason)
    with transaction.atomic():
        current = _locked(consortium_id, statement_id)
        if current is None:
            statement.file.storage.delete(name)
            return None
        current.file.name = name
        current.status = Statement.Status.READY
        current.size_bytes = len(built.pdf)
        current.duration_ms = round((time.perf_counter() - started) * 1000)
        current.render_ms = built.render_ms
        current.figures = built.figures
        current.finished_at = timezone.now()
        current.save(update_fields=["file", "status", "size_bytes", "duration_ms", "render_ms", "figures",
                                    "finished_at"])
        if current.circulate:
            statement_circulate(statement=current)
    return current


def statement_build_fail(*, consortium_id: int, statement_id: int, reason: str) -> Statement | None:
    with transaction.atomic():
        statement = _locked(consortium_id, statement_id)
        if statement is None or statement.status == Statement.Status.READY:
            return statement
        statement.status, statement.error = Statement.Status.FAILED, reason[:2000]
        statement.finished_at = timezone.now()
        statement.save(update_fields=["status", "error", "finished_at"])
        return statement


@transaction.atomic
def statement_retry(*, statement: Statement, by) -> Statement:
    manager(by, statement.budget.partnership)
    statement = _locked(statement.consortium_id, statement.pk)
    if statement is None or statement.status != Statement.Status.FAILED:
        raise ValidationError(_("Only a statement that failed can be tried again."))
    statement.status, statement.error, statement.finished_at = Statement.Status.QUEUED, "", None
    attribute(statement, by).save(update_fields=["status", "error", "finished_at"])
    _enqueue(statement)
    return statement
