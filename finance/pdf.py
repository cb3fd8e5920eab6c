"""A member school's statement as a tagged PDF (PDF/UA-1), typeset by WeasyPrint like the annual report."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from partnerships.models import Organisation

from . import presentation, selectors
from .models import Budget
from .money import format_pence


@dataclass
class BuiltStatement:
    pdf: bytes
    figures: dict
    html: str
    gather_ms: int
    render_ms: int


def _ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def statement_context(budget: Budget, organisation: Organisation, language: str, version: int = 1) -> dict:
    """Everything the statement says, worked out in the statement's language."""
    ledger = selectors.ledger_for(budget, organisation)
    summary = selectors.budget_summary(budget)
    rows = [{"entry": entry, "text": presentation.charge_text(entry.charge) if entry.kind in ("charge", "credit_note")
             else "", "explanation": presentation.charge_explanation(entry.charge)
             if entry.kind in ("charge", "credit_note") else ""} for entry in ledger.entries]
    figures = {"charged_pence": ledger.charged_pence, "credited_pence": ledger.credited_pence,
               "received_pence": ledger.received_pence, "refunded_pence": ledger.refunded_pence,
               "balance_pence": ledger.balance_pence, "owed_to_school_pence": ledger.owed_to_school_pence,
               "paid_to_school_pence": ledger.paid_to_school_pence}
    return {"budget": budget, "organisation": organisation, "ledger": ledger, "rows": rows, "summary": summary,
            "language": language, "version": version, "figures": figures, "now_date": timezone.localdate(),
            "partnership": budget.partnership, "consortium": budget.partnership.consortium,
            "partnership_name": budget.partnership.display_name(language)}


def statement_html(budget: Budget, organisation: Organisation, language: str, version: int = 1) -> tuple[str, dict]:
    with translation.override(language):
        context = statement_context(budget, organisation, language, version)
        html = render_to_string("finance/pdf/statement.html", context)
    return html, context["figures"]


def typeset(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def build_statement(budget: Budget, organisation: Organisation, language: str, version: int = 1) -> BuiltStatement:
    started = time.perf_counter()
    html, figures = statement_html(budget, organisation, language, version)
    gather_ms = _ms(started)
    started = time.perf_counter()
    pdf = typeset(html)
    return BuiltStatement(pdf=pdf, figures=figures, html=html, gather_ms=gather_ms, render_ms=_ms(started))


__all__ = ["BuiltStatement", "build_statement", "format_pence", "statement_html", "typeset"]
