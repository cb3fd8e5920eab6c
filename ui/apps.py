from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    """The design system: GOV.UK Frontend markup for forms, the page frame and its navigation."""

    name = "ui"
    verbose_name = _("Pages and forms")
