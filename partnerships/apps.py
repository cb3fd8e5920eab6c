from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from consortia import dashboard
        from ui import navigation

        navigation.register(navigation.NavItem("partnerships", _("Partnerships"), "partnership_list", lambda r: True,
                                               order=10, sections=("partnerships/",)))
        navigation.register(navigation.NavItem("organisations", _("Organisations"), "organisation_list",
                                               lambda r: True, order=40, sections=("partnerships/organisations/",)))

        from consortia import invitations

        from . import services

        invitations.register(invitations.Extension(
            key="partnership_role", describe=services.invitation_describe, accept=services.invitation_accepted,
            prefetch_related=("partnership_grants__partnership", "partnership_grants__organisation")))

        from .dashboard import dashboard_context

        dashboard.register(dashboard.DashboardPanel(template="partnerships/_dashboard_panel.html",
                                                    context=dashboard_context, order=50))
