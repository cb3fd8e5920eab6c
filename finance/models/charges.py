from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.dates import FINANCE as FINANCE_DATES
from consortia.models import TenantModel
from partnerships.models import Organisation

from .activities import CostedActivity, CostShare
from .budgets import Budget
from .release import PDDelivery


class Charge(TenantModel):
    """A charge to a member organisation, or a credit note (a negative amount) reversing one.

    draft → issued → paid, or draft → cancelled; an issued charge is never edited: a credit note
    reverses it (and the charge becomes `credited` if it was not yet paid).
    NOTE: the database refuses a charge approved by the person who raised it.
    """

    class Kind(models.TextChoices):
        CHARGE = "charge", _("Charge")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        PAID = "paid", _("Paid")
        CREDITED = "credited", _("Credited")
        CANCELLED = "cancelled", _("Cancelled")

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="charges", verbose_name=_("budget"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("charged to"))
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CHARGE)
    activity = models.ForeignKey(CostedActivity, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="charges", verbose_name=_("activity"))
    share = models.ForeignKey(CostShare, on_delete=models.PROTECT, null=True, blank=True, related_name="charges",
                              verbose_name=_("share"))
    delivery = models.ForeignKey(PDDelivery, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="charges", verbose_name=_("PD delivery"))
    reverses = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="credit_notes", verbose_name=_("reverses"))
    replaces = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="replacements", verbose_name=_("corrects"))
    description = models.CharField(_("description"), max_length=300)
    amount_pence = models.BigIntegerField(_("amount (pence)"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    purchase_order_ref = models.CharField(_("purchase order number"), max_length=60, blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("raised by"))
    raised_at = models.DateTimeField(_("raised"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), validators=[FINANCE_DATES], null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    closed_at = models.DateTimeField(_("cancelled or credited"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "budget", "number"], name="charge_number_once"),
            models.UniqueConstraint(fields=["consortium", "reverses"],
                                    condition=~models.Q(status="cancelled") & models.Q(reverses__isnull=False),
                                    name="charge_one_credit_note"),
            models.CheckConstraint(
                condition=(models.Q(kind="charge", amount_pence__gt=0, reverses__isnull=True)
                           | models.Q(kind="credit_note", amount_pence__lt=0, reverses__isnull=False)),
                name="charge_sign_matches_kind"),
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True) | ~models.Q(approved_by=models.F("raised_by")),
                name="charge_not_approved_by_raiser"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(status="cancelled") | models.Q(approved_by__isnull=False),
                name="charge_issued_only_when_approved"),
        ]
        indexes = [
            models.Index(fields=["consortium", "budget", "organisation"], name="charge_budget_org_idx"),
            models.Index(fields=["consortium", "budget", "status"], name="charge_budget_status_idx"),
            models.Index(fields=["consortium", "activity"], name="charge_activity_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        prefix = "CN" if self.kind == self.Kind.CREDIT_NOTE else "CH"
        return f"{prefix}-{self.number:04d}"

    @property
    def counts(self) -> bool:
        """Whether it is on the school's account: issued, paid or credited (drafts and cancelled are not)."""
        return self.status in (self.Status.ISSUED, self.Status.PAID, self.Status.CREDITED)
