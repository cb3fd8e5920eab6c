from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Annual partnership reports. Reads from every app; nothing imports reporting."""

    name = "reporting"
    verbose_name = _("Reporting")
