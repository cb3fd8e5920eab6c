from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from consortia import dashboard

        from .dashboard import dashboard_context

        dashboard.register(dashboard.DashboardPanel(template="partnerships/_dashboard_panel.html",
                                                    context=dashboard_context, order=50))
