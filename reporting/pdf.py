"""Gather every section, draw its charts, render the HTML and typeset it with WeasyPrint."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from partnerships.models import Partnership

from . import sections as registry
from .sections import ReportYear


@dataclass
class Timings:
    gather_ms: int = 0
    charts_ms: int = 0
    template_ms: int = 0
    render_ms: int = 0
    section_ms: dict = field(default_factory=dict)


@dataclass
class Built:
    pdf: bytes
    figures: dict
    timings: Timings
    html: str


def _ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def gather(partnership: Partnership, year: ReportYear, timings: Timings | None = None) -> list[dict]:
    """Every registered section's data for the year, in order; sections with nothing to say drop out."""
    timings = timings or Timings()
    gathered = []
    for section in registry.registered():
        started = time.perf_counter()
        data = section.gather(partnership, year)
        elapsed = _ms(started)
        timings.gather_ms += elapsed
        timings.section_ms[section.key] = elapsed
        if data is None:
            continue
        gathered.append({"section": section, "data": data, "anchor": f"section-{section.key}"})
    return gathered


def figures_of(gathered: list[dict]) -> dict:
    figures = {}
    for entry in gathered:
        if entry["section"].summarise is not None:
            figures.update(entry["section"].summarise(entry["data"]))
    return figures


def build_html(partnership: Partnership, year: ReportYear, language: str, timings: Timings | None = None,
               version: int = 1) -> tuple[str, dict]:
    timings = timings or Timings()
    with translation.override(language):
        gathered = gather(partnership, year, timings)
        started = time.perf_counter()
        for entry in gathered:
            section = entry["section"]
            entry["charts"] = section.charts(entry["data"]) if section.charts else []
        timings.charts_ms = _ms(started)
        started = time.perf_counter()
        for index, entry in enumerate(gathered):
            entry["html"] = render_to_string(entry["section"].template, {
                "data": entry["data"], "charts": entry["charts"], "section": entry["section"],
                "anchor": entry["anchor"], "partnership": partnership, "year": year, "first": index == 0,
            })
        html = render_to_string("reporting/report.html", {
            "partnership": partnership, "year": year, "language": language, "sections": gathered,
            "version": version, "consortium": partnership.consortium, "now_date": timezone.localdate(),
        })
        timings.template_ms = _ms(started)
    return html, figures_of(gathered)


def typeset(html: str) -> bytes:
    import weasyprint

    # Tagged PDF/UA-1: headings, tables, lists and figure alternatives reach screen readers.
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def build(partnership: Partnership, year: ReportYear, language: str, version: int = 1) -> Built:
    timings = Timings()
    html, figures = build_html(partnership, year, language, timings, version=version)
    started = time.perf_counter()
    pdf = typeset(html)
    timings.render_ms = _ms(started)
    return Built(pdf=pdf, figures=figures, timings=timings, html=html)
