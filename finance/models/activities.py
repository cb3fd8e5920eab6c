from __future__ import annotations

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.dates import FINANCE as FINANCE_DATES
from consortia.models import TenantModel
from partnerships.models import Organisation, OrganisationYear

from .budgets import Budget, BudgetLine


class Basis(models.TextChoices):
    BUDGET = "budget", _("In proportion to school budget")
    PUPILS = "pupils", _("In proportion to pupil numbers")
    EQUAL = "equal", _("Equal shares")
    FIXED = "fixed", _("Fixed amounts agreed by hand")


class CostedActivity(TenantModel):
    """Something the partnership pays for together: a joint INSET day, a shared specialist, a hall."""

    class Kind(models.TextChoices):
        INSET = "inset", _("Joint INSET day")
        SPECIALIST = "specialist", _("Shared specialist")
        EVENT = "event", _("Event or venue hire")
        MODERATION = "moderation", _("Moderation programme")
        PD = "pd", _("Professional development")
        OTHER = "other", _("Other")

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="activities",
                               verbose_name=_("budget"))
    title = models.CharField(_("title"), max_length=200)
    title_cy = models.CharField(_("Welsh title"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    held_on = models.DateField(_("date"), validators=[FINANCE_DATES], null=True, blank=True)
    cost_pence = models.BigIntegerField(_("cost (pence)"))
    basis = models.CharField(_("how the cost is shared"), max_length=20, choices=Basis.choices)
    academic_year = models.PositiveSmallIntegerField(
        _("figures from academic year"),
        help_text=_("Whose school budgets or pupil numbers weigh the shares: 2026 means 2026/27."))
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="activities", verbose_name=_("budget line"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("costed activity")
        verbose_name_plural = _("costed activities")
        ordering = ["held_on", "title", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(cost_pence__gte=0), name="activity_cost_positive"),
        ]
        indexes = [models.Index(fields=["consortium", "budget"], name="activity_budget_idx")]

    def __str__(self) -> str:
        return self.title

    def display_title(self, language: str | None = None) -> str:
        if (language or get_language() or "en").startswith("cy") and self.title_cy:
            return self.title_cy
        return self.title


class ActivityMember(TenantModel):
    """A member organisation that shares an activity's cost (and its agreed amount, on a fixed basis)."""

    activity = models.ForeignKey(CostedActivity, on_delete=models.CASCADE, related_name="members",
                                 verbose_name=_("activity"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    fixed_pence = models.BigIntegerField(_("agreed amount (pence)"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sharing member")
        verbose_name_plural = _("sharing members")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "activity", "organisation"], name="activity_member_once"),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class ShareCalculation(TenantModel):
    """One sharing of a cost: its inputs, rule and version. A re-share adds a calculation; old ones stay.

    A calculation shares an activity's cost, or the chargeable part of one PD delivery (`delivery`).
    """

    activity = models.ForeignKey(CostedActivity, on_delete=models.PROTECT, related_name="calculations",
                                 verbose_name=_("activity"))
    delivery = models.ForeignKey("finance.PDDelivery", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="calculations", verbose_name=_("PD delivery"))
    number = models.PositiveIntegerField(_("calculation"))
    cost_pence = models.BigIntegerField(_("amount shared (pence)"))
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices)
    academic_year = models.PositiveSmallIntegerField(_("figures from academic year"))
    total_weight = models.BigIntegerField(_("total weight"))
    algorithm = models.CharField(_("method"), max_length=40)
    is_current = models.BooleanField(_("current"), default=True)
    calculated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      related_name="+", verbose_name=_("calculated by"))
    calculated_at = models.DateTimeField(_("calculated"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("share calculation")
        verbose_name_plural = _("share calculations")
        ordering = ["activity_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "activity", "number"], condition=models.Q(delivery=None),
                                    name="share_calculation_number"),
            models.UniqueConstraint(fields=["consortium", "delivery", "number"],
                                    condition=models.Q(delivery__isnull=False), name="share_calculation_pd_number"),
            models.UniqueConstraint(fields=["consortium", "activity"],
                                    condition=models.Q(is_current=True, delivery=None),
                                    name="share_calculation_one_current"),
            models.UniqueConstraint(fields=["consortium", "delivery"],
                                    condition=models.Q(is_current=True, delivery__isnull=False),
                                    name="share_calculation_pd_one_current"),
        ]
        indexes = [models.Index(fields=["consortium", "activity", "is_current"], name="share_calc_activity_idx")]

    def __str__(self) -> str:
        return f"{self.activity} #{self.number}"


class CostShare(TenantModel):
    """One member's share of a calculation, with the weight it was worked out from and its source."""

    calculation = models.ForeignKey(ShareCalculation, on_delete=models.PROTECT, related_name="shares",
                                    verbose_name=_("calculation"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    amount_pence = models.BigIntegerField(_("share (pence)"))
    # Budget weights are in pence, pupils a head count, equal shares 1, fixed amounts their pence.
    weight = models.BigIntegerField(_("weight"))
    source_year = models.ForeignKey(OrganisationYear, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("figures used"))
    source_academic_year = models.PositiveSmallIntegerField(_("figures of academic year"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost share")
        verbose_name_plural = _("cost shares")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "calculation", "organisation"], name="cost_share_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.amount_pence}p"

    def exact_pence(self) -> Fraction:
        """The unrounded share: cost × weight / total weight."""
        calculation = self.calculation
        if not calculation.total_weight:
            return Fraction(0)
        return Fraction(calculation.cost_pence * self.weight, calculation.total_weight)
