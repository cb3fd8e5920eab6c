from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Meetings, agendas, papers, notices, attendance, interests, minutes, actions, decisions, elections."""

    name = "governance"
    verbose_name = _("Governance")
