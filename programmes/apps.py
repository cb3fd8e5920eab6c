from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    """ECT and NPQ delivery: programmes, cohorts, enrolments, events, attendance and engagement,
    assessment and visiting fellows. Depends on partnerships and agreements."""

    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from . import registry

        registry.register_all()
