"""Sections that other apps add to the partnership page without partnerships importing them.

Dependencies point one way (agreements, governance, programmes and finance depend on
partnerships), so those apps register a panel here from their AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable  # (request, partnership) -> dict | None; None hides the panel
    order: int = 100


_panels: list[Panel] = []


def register(panel: Panel) -> None:
    if panel not in _panels:
        _panels.append(panel)
        _panels.sort(key=lambda p: p.order)


def render_context(request, partnership) -> list[dict]:
    shown = []
    for panel in _panels:
        context = panel.context(request, partnership)
        if context is not None:
            shown.append({"template": panel.template, **context})
    return shown
