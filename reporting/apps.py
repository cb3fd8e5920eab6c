from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Annual partnership reports. Reads from every app; nothing imports reporting."""

    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from consortia.permissions import has_consortium_perm
        from partnerships import panels
        from ui import navigation

        navigation.register(navigation.NavItem(
            "reports", _("Reports"), "report_overview",
            lambda r: has_consortium_perm(r.user, "consortia.administer_consortium", r.consortium),
            order=50, sections=("reports/",)))

        from . import sections, sections_governance, sections_summary
        from .panels import reports_panel

        sections.register_core_sections()
        sections_summary.register_summary_section()
        # Registered only for the governance models that exist (see sections_governance).
        sections_governance.register_governance_sections()
        panels.register(panels.Panel(template="reporting/panel.html", context=reports_panel, order=50))
