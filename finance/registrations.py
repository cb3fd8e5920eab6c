"""What finance adds to the rest of the product, from AppConfig.ready(): a navigation entry, a
dashboard panel, a partnership panel and a section of the annual report."""

from django.utils.translation import gettext_lazy as _


def register_all() -> None:
    from consortia import dashboard
    from partnerships import panels
    from reporting import sections
    from ui import navigation

    from . import panels as finance_panels
    from . import report

    navigation.register(navigation.NavItem("finance", _("Finance"), "finance_home", lambda r: True, order=45,
                                           sections=("finance/",)))
    dashboard.register(dashboard.DashboardPanel(template="finance/_dashboard_panel.html",
                                                context=finance_panels.dashboard_context, order=40))
    panels.register(panels.Panel(template="finance/_partnership_panel.html",
                                 context=finance_panels.partnership_context, order=45))
    sections.register(report.SECTION)
