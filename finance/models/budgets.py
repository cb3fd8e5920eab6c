from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.dates import FINANCE as FINANCE_DATES
from consortia.models import TenantModel
from partnerships.models import Organisation, Partnership

from .. import terms


class YearBasis(models.TextChoices):
    ACADEMIC = terms.ACADEMIC, _("Academic year (September to August)")
    APRIL = terms.APRIL, _("Financial year (April to March)")


class FinanceSettings(TenantModel):
    """How one partnership runs its money: its year, open books, and the PD release allowance."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("partnership"))
    year_basis = models.CharField(_("financial year"), max_length=20, choices=YearBasis.choices,
                                  default=YearBasis.ACADEMIC)
    open_books = models.BooleanField(
        _("open books"), default=False,
        help_text=_("Every member's representative sees every school's charges and payments, not only their "
                    "own school's."))
    free_release_minutes = models.PositiveIntegerField(
        _("free PD release a term (minutes)"), default=180,
        help_text=_("Time each leader delivers to other schools each term without charge. The terms of "
                    "reference say three hours."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finance settings")
        verbose_name_plural = _("finance settings")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "partnership"], name="finance_settings_one"),
        ]

    def __str__(self) -> str:
        return str(self.partnership)


class Budget(TenantModel):
    """A partnership's budget for one financial year, held by one organisation."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="budgets",
                                    verbose_name=_("partnership"))
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year it starts: 2026 means 2026/27."))
    # NOTE: which kind of year, and its dates, are kept on every budget: the partnership's setting
    # may change later, and a budget's year never does.
    year_basis = models.CharField(_("financial year"), max_length=20, choices=YearBasis.choices)
    starts_on = models.DateField(_("starts"), validators=[FINANCE_DATES])
    ends_on = models.DateField(_("ends"), validators=[FINANCE_DATES])
    holder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("fund holder"),
                               help_text=_("The organisation that holds the money, for example one member school "
                                           "or the local authority."))
    administrator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("finance administrator"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "partnership", "year"], name="budget_one_a_year"),
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")),
                                   name="budget_dates_in_order"),
        ]
        indexes = [models.Index(fields=["consortium", "partnership", "starts_on"], name="budget_partnership_idx")]

    def __str__(self) -> str:
        return f"{self.partnership} {self.label}"

    @property
    def label(self) -> str:
        return terms.year_label(self.year_basis, self.year)

    @property
    def academic_year(self) -> int:
        """The academic year whose school figures weigh its costs by default."""
        return terms.academic_year_of(self.starts_on)


class BudgetLine(TenantModel):
    """A planned line of income or spending. Actual figures come from charges and payments."""

    class Kind(models.TextChoices):
        INCOME = "income", _("Income")
        SPENDING = "spending", _("Spending")

    class Category(models.TextChoices):
        CONTRIBUTIONS = "contributions", _("Member contributions")
        GRANT = "grant", _("Grant")
        PD_RELEASE = "pd_release", _("Professional development release")
        TRAINING = "training", _("Training and INSET")
        SPECIALIST = "specialist", _("Shared specialist staff")
        VENUE = "venue", _("Venues and events")
        MODERATION = "moderation", _("Moderation")
        FELLOWS = "fellows", _("Visiting fellows")
        RESOURCES = "resources", _("Resources")
        OTHER = "other", _("Other")

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget"))
    kind = models.CharField(_("income or spending"), max_length=20, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, default=Category.OTHER)
    description = models.CharField(_("description"), max_length=200)
    planned_pence = models.BigIntegerField(_("planned (pence)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["kind", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(planned_pence__gte=0), name="budget_line_planned_positive"),
        ]
        indexes = [models.Index(fields=["consortium", "budget", "kind"], name="budget_line_idx")]

    def __str__(self) -> str:
        return self.description
