"""Panels that later apps add to the consortium dashboard: what needs the person now.

consortia sits below every other app, so they register here from AppConfig.ready()
rather than the dashboard importing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DashboardPanel:
    template: str
    context: Callable  # (request) -> dict | None; None hides the panel
    order: int = 100


_panels: list[DashboardPanel] = []


def register(panel: DashboardPanel) -> None:
    if panel not in _panels:
        _panels.append(panel)
        _panels.sort(key=lambda p: p.order)


def render_context(request) -> list[dict]:
    shown = []
    for panel in _panels:
        context = panel.context(request)
        if context is not None:
            shown.append({"template": panel.template, **context})
    return shown
