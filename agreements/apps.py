from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """Agreements, their versions, parties and acceptances. Depends on partnerships."""

    name = "agreements"
    verbose_name = _("Agreements")
