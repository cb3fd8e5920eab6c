from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    """Budgets, costed activities and their shares, PD release, charges, payments and statements.

    Depends on partnerships (and reads governance's register of interests through a selector).
    """

    name = "finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        from . import registrations

        registrations.register_all()
