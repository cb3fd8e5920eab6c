"""Registries of page panels that apps higher in the dependency chain contribute.

A page low in the chain (the consortium dashboard, the partnership page) cannot import the
apps that build on it; they register a panel here from AppConfig.ready() instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable  # (request, *page objects) -> dict | None; None hides the panel
    order: int = 100


class PanelRegistry:
    def __init__(self) -> None:
        self._panels: list[Panel] = []

    def register(self, panel: Panel) -> None:
        if panel not in self._panels:
            self._panels.append(panel)
            self._panels.sort(key=lambda p: p.order)

    def render_context(self, request, *objects) -> list[dict]:
        shown = []
        for panel in self._panels:
            context = panel.context(request, *objects)
            if context is not None:
                shown.append({"template": panel.template, **context})
        return shown
