from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsortiaConfig(AppConfig):
    name = "consortia"
    verbose_name = _("Consortia")

    def ready(self) -> None:
        from ui import navigation

        from . import text
        from .permissions import has_consortium_perm

        text.install()

        def member(request) -> bool:
            return True  # the middleware has already refused anyone without a membership

        def perm(name):
            return lambda request: has_consortium_perm(request.user, name, request.consortium)

        navigation.register(navigation.NavItem("dashboard", _("Dashboard"), "dashboard", member, order=0))
        navigation.register(navigation.NavItem("people", _("People"), "people", perm("consortia.administer_consortium"),
                                               order=80, sections=("people/",)))
        navigation.register(navigation.NavItem("outbox", _("Emails"), "outbox", perm("consortia.view_outbox"),
                                               order=90, sections=("outbox/",)))
