from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """Agreements, their versions, parties and acceptances. Depends on partnerships."""

    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from consortia import dashboard
        from ui import navigation

        navigation.register(navigation.NavItem("agreements", _("Agreements"), "agreement_list", lambda r: True,
                                               order=30, sections=("agreements/",)))
        from partnerships import panels

        from .dashboard import dashboard_context

        dashboard.register(dashboard.DashboardPanel(template="agreements/_dashboard_panel.html",
                                                    context=dashboard_context, order=20))

        from .views import partnership_panel

        panels.register(panels.Panel(template="agreements/_partnership_panel.html", context=partnership_panel,
                                     order=30))
