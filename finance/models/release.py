from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.dates import FINANCE as FINANCE_DATES
from consortia.models import TenantModel
from partnerships.models import Organisation, Partnership

from .. import terms
from .activities import CostedActivity


class Term(TenantModel):
    """A term of an academic year, on the consortium's own dates. PD release is counted per term."""

    class Name(models.TextChoices):
        AUTUMN = terms.AUTUMN, _("Autumn term")
        SPRING = terms.SPRING, _("Spring term")
        SUMMER = terms.SUMMER, _("Summer term")

    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    name = models.CharField(_("term"), max_length=20, choices=Name.choices)
    starts_on = models.DateField(_("first day"), validators=[FINANCE_DATES])
    ends_on = models.DateField(_("last day"), validators=[FINANCE_DATES])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["academic_year", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "academic_year", "name"], name="term_once_a_year"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="term_dates_in_order"),
        ]
        indexes = [models.Index(fields=["consortium", "starts_on", "ends_on"], name="term_dates_idx")]

    def __str__(self) -> str:
        return f"{self.get_name_display()} {terms.year_label(terms.ACADEMIC, self.academic_year)}"


class ReleaseRate(TenantModel):
    """The partnership's hourly rate for chargeable PD release, from a date. A new rate is a new row,
    so a change never alters what was charged before it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("partnership"))
    hourly_rate_pence = models.BigIntegerField(_("hourly rate (pence)"))
    effective_from = models.DateField(_("from"), validators=[FINANCE_DATES])
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                               verbose_name=_("set by"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PD release rate")
        verbose_name_plural = _("PD release rates")
        ordering = ["-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "partnership", "effective_from"],
                                    name="release_rate_one_a_day"),
            models.CheckConstraint(condition=models.Q(hourly_rate_pence__gt=0), name="release_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.hourly_rate_pence}p/h from {self.effective_from}"


class PDDelivery(TenantModel):
    """A leader's delivery of professional development to colleagues in other member schools.

    NOTE: `free_minutes`, `chargeable_minutes`, `rate` and `amount_pence` are worked out by
    finance.services.release; once charges are raised for a delivery they never change.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("partnership"))
    activity = models.ForeignKey(CostedActivity, on_delete=models.PROTECT, related_name="deliveries",
                                 verbose_name=_("activity"))
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("leader"))
    leader_school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("leader's school"))
    delivered_on = models.DateField(_("date"), validators=[FINANCE_DATES])
    minutes = models.PositiveIntegerField(_("time (minutes)"),
                                          validators=[MinValueValidator(1), MaxValueValidator(12 * 60)])
    description = models.CharField(_("what was delivered"), max_length=300, blank=True)
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("term"))
    free_minutes = models.PositiveIntegerField(_("released free (minutes)"), default=0)
    chargeable_minutes = models.PositiveIntegerField(_("chargeable (minutes)"), default=0)
    rate = models.ForeignKey(ReleaseRate, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("rate"))
    amount_pence = models.BigIntegerField(_("chargeable amount (pence)"), default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PD delivery")
        verbose_name_plural = _("PD deliveries")
        ordering = ["delivered_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(free_minutes__lte=models.F("minutes"))
                & models.Q(chargeable_minutes=models.F("minutes") - models.F("free_minutes")),
                name="pd_delivery_minutes_add_up"),
        ]
        indexes = [
            models.Index(fields=["consortium", "partnership", "term", "leader"], name="pd_delivery_leader_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.leader} {self.delivered_on} ({self.minutes} min)"


class PDRecipient(TenantModel):
    """A member school whose colleagues received a PD delivery; it shares any charge for it."""

    delivery = models.ForeignKey(PDDelivery, on_delete=models.CASCADE, related_name="recipients",
                                 verbose_name=_("PD delivery"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("school"))

    class Meta:
        verbose_name = _("PD recipient")
        verbose_name_plural = _("PD recipients")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "delivery", "organisation"], name="pd_recipient_once"),
        ]

    def __str__(self) -> str:
        return str(self.organisation)
