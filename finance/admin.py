"""Finance rows in the Django admin, scoped to the consortia the person administers, with each money row's
change history. Money changes through the site's pages (the services keep segregation of duties, the
interest checks and the credit-note rule), so the admin reads and never writes."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from consortia.admin import TenantAdminMixin

from .models import (
    Budget,
    BudgetLine,
    Charge,
    CostedActivity,
    CostShare,
    FinanceSettings,
    Payment,
    PDDelivery,
    ReleaseRate,
    ShareCalculation,
    Statement,
    Term,
)


class ReadOnlyHistoryAdmin(TenantAdminMixin, SimpleHistoryAdmin):
    list_select_related = True

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FinanceSettings)
class FinanceSettingsAdmin(ReadOnlyHistoryAdmin):
    list_display = ["partnership", "year_basis", "open_books", "free_release_minutes", "consortium"]


@admin.register(Budget)
class BudgetAdmin(ReadOnlyHistoryAdmin):
    list_display = ["partnership", "label", "starts_on", "ends_on", "holder", "administrator", "consortium"]
    list_filter = ["year_basis", "year"]
    search_fields = ["partnership__name", "holder__name"]


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyHistoryAdmin):
    list_display = ["description", "budget", "kind", "category", "planned_pence"]
    list_filter = ["kind", "category"]


@admin.register(CostedActivity)
class CostedActivityAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "budget", "basis", "cost_pence", "academic_year", "held_on"]
    list_filter = ["basis", "kind"]
    search_fields = ["title", "title_cy"]


class CostShareInline(TenantAdminMixin, admin.TabularInline):
    model = CostShare
    fields = ["organisation", "weight", "source_year", "amount_pence"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ShareCalculation)
class ShareCalculationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["activity", "delivery", "number", "basis", "cost_pence", "total_weight", "algorithm",
                    "is_current", "calculated_at"]
    list_filter = ["is_current", "basis"]
    inlines = [CostShareInline]


@admin.register(Term)
class TermAdmin(ReadOnlyHistoryAdmin):
    list_display = ["academic_year", "name", "starts_on", "ends_on", "consortium"]
    list_filter = ["academic_year"]


@admin.register(ReleaseRate)
class ReleaseRateAdmin(ReadOnlyHistoryAdmin):
    list_display = ["partnership", "hourly_rate_pence", "effective_from", "set_by"]


@admin.register(PDDelivery)
class PDDeliveryAdmin(ReadOnlyHistoryAdmin):
    list_display = ["leader", "leader_school", "delivered_on", "minutes", "free_minutes", "chargeable_minutes",
                    "amount_pence", "term"]
    list_filter = ["term"]
    search_fields = ["leader__email", "leader__full_name"]


@admin.register(Charge)
class ChargeAdmin(ReadOnlyHistoryAdmin):
    list_display = ["reference", "budget", "organisation", "kind", "status", "amount_pence", "raised_by",
                    "approved_by", "issued_at", "paid_on"]
    list_filter = ["status", "kind"]
    search_fields = ["organisation__name", "description", "purchase_order_ref"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["reference", "budget", "payee", "kind", "status", "amount_pence", "requested_by", "approved_by",
                    "paid_on"]
    list_filter = ["status", "kind"]
    search_fields = ["payee__name", "description", "payment_reference"]


@admin.register(Statement)
class StatementAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ["organisation", "budget", "language", "version", "status", "finished_at"]
    list_filter = ["status", "language"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
