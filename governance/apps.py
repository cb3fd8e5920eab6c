from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Meetings, agendas, papers, notices, attendance, interests, minutes, actions, decisions, elections."""

    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from consortia import dashboard
        from ui import navigation

        navigation.register(navigation.NavItem("meetings", _("Meetings"), "meeting_list", lambda r: True,
                                               order=20, sections=("meetings/",)))
        from partnerships import panels

        from .dashboard import dashboard_context

        dashboard.register(dashboard.DashboardPanel(template="governance/_dashboard_panel.html",
                                                    context=dashboard_context, order=10))

        from .views import partnership_panel

        panels.register(panels.Panel(template="governance/_partnership_panel.html", context=partnership_panel,
                                     order=20))
