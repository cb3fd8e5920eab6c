"""Sections that other apps add to the partnership page without partnerships importing them.

Dependencies point one way (agreements, governance, programmes and finance depend on
partnerships), so those apps register a panel here from their AppConfig.ready().
"""

from consortia.panels import Panel, PanelRegistry

__all__ = ["Panel", "register", "render_context"]

_registry = PanelRegistry()
register = _registry.register
render_context = _registry.render_context
