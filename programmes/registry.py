"""What the app adds to the rest of the site, from AppConfig.ready(): navigation, dashboard and
partnership panels, the annual report's section, the personal calendar feed and the admin's
staff flag. Other apps never import programmes; they offer these registries instead."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def _nav_visible(request) -> bool:
    from .selectors.access import access
    from .selectors.participants import represented_schools

    if access(request.user, request.consortium).has_any:
        return True
    cache = request.__dict__.setdefault("_programmes_nav", {})
    if "school" not in cache:
        cache["school"] = bool(represented_schools(request.user, request.consortium))
    return cache["school"]


def partnership_panel(request, partnership) -> dict | None:
    from .selectors.participants import visible_programmes

    programmes = list(visible_programmes(request.user, partnership.consortium).filter(partnership=partnership))
    return {"programmes": programmes} if programmes else None


def register_all() -> None:
    from consortia import dashboard
    from consortia.services import STAFF_ROLE_CHECKS
    from governance import ics as governance_ics
    from partnerships import panels
    from ui import navigation

    from . import dashboard as programme_panels
    from .ics import feed_events
    from .services.programmes import leads_a_programme

    navigation.register(navigation.NavItem("programmes", _("Programmes"), "programme_list", _nav_visible,
                                           order=25, sections=("programmes/",)))
    for template, context, order in (
        ("programmes/_panel_at_risk.html", programme_panels.at_risk, 12),
        ("programmes/_panel_events.html", programme_panels.next_events, 14),
        ("programmes/_panel_engagement.html", programme_panels.my_engagement, 15),
        ("programmes/_panel_sessions.html", programme_panels.next_sessions, 16),
        ("programmes/_panel_ite.html", programme_panels.ite_overview, 17),
    ):
        dashboard.register(dashboard.DashboardPanel(template=template, context=context, order=order))
    panels.register(panels.Panel(template="programmes/_partnership_panel.html", context=partnership_panel,
                                 order=25))
    panels.register(panels.Panel(template="programmes/_panel_ite.html", context=programme_panels.ite_partnership,
                                 order=26))
    if leads_a_programme not in STAFF_ROLE_CHECKS:
        STAFF_ROLE_CHECKS.append(leads_a_programme)
    from finance.services.payments import PAYMENT_LISTENERS

    from .services.fellows import facilitation_payment_changed

    if facilitation_payment_changed not in PAYMENT_LISTENERS:
        PAYMENT_LISTENERS.append(facilitation_payment_changed)
    if feed_events not in governance_ics.FEED_SOURCES:
        governance_ics.FEED_SOURCES.append(feed_events)

    from django.apps import apps

    if apps.is_installed("reporting"):
        from .report import register_section
        from .report_ite import register_sections

        register_section()
        register_sections()
