"""Panels that later apps add to the consortium dashboard: what needs the person now."""

from .panels import Panel as DashboardPanel
from .panels import PanelRegistry

__all__ = ["DashboardPanel", "register", "render_context"]

_registry = PanelRegistry()
register = _registry.register
render_context = _registry.render_context
