from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Long work done in the background: imports of organisations, people and participants."""

    name = "jobs"
    verbose_name = _("Background jobs")
