from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.dates import FINANCE as FINANCE_DATES
from consortia.models import TenantModel
from partnerships.models import Organisation

from .activities import CostedActivity
from .budgets import Budget, BudgetLine


class Payment(TenantModel):
    """A payment out of the budget: to a visiting fellow's school or trust, a host school, a provider.

    requested → approved → paid, or cancelled before it is paid.
    NOTE: the database refuses a payment approved by the person who requested it.
    FOLLOW-UP: link a visiting fellow's payment to the programmes app's facilitation records once
    programmes lands (scheduled by the coordinator); until then `kind` and `description` say whose time it is.
    """

    class Kind(models.TextChoices):
        VISITING_FELLOW = "visiting_fellow", _("Visiting fellow's school or trust")
        HOST = "host", _("School hosting an activity")
        PROVIDER = "provider", _("Provider")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="payments", verbose_name=_("budget"))
    number = models.PositiveIntegerField(_("number"))
    payee = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("paid to"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="payments", verbose_name=_("budget line"))
    activity = models.ForeignKey(CostedActivity, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="payments", verbose_name=_("activity"))
    description = models.CharField(_("what it is for"), max_length=300)
    amount_pence = models.BigIntegerField(_("amount (pence)"))
    invoice_ref = models.CharField(_("invoice or claim reference"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), validators=[FINANCE_DATES], null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "budget", "number"], name="payment_number_once"),
            models.CheckConstraint(condition=models.Q(amount_pence__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True) | ~models.Q(approved_by=models.F("requested_by")),
                name="payment_not_approved_by_requester"),
            models.CheckConstraint(
                condition=~models.Q(status__in=["approved", "paid"]) | models.Q(approved_by__isnull=False),
                name="payment_paid_only_when_approved"),
        ]
        indexes = [
            models.Index(fields=["consortium", "budget", "status"], name="payment_budget_status_idx"),
            models.Index(fields=["consortium", "payee"], name="payment_payee_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"PY-{self.number:04d}"

    @property
    def counts(self) -> bool:
        """Committed spending: approved or paid."""
        return self.status in (self.Status.APPROVED, self.Status.PAID)
