"""Every write of finance. Each service checks who is acting, validates, writes in one transaction,
records the change in the row's history and queues work after commit."""

from .activities import (
    activity_charges_raise,
    activity_create,
    activity_members_set,
    activity_share,
    activity_update,
    compute_shares,
)
from .budgets import budget_create, budget_line_delete, budget_line_save, budget_update, finance_settings_update
from .charges import (
    approval_refusal,
    charge_approve,
    charge_cancel,
    charge_credit,
    charge_mark_paid,
    charge_record_purchase_order,
    charges_approve,
)
from .payments import payment_approve, payment_cancel, payment_mark_paid, payment_request
from .release import (
    pd_delivery_delete,
    pd_delivery_record,
    pd_release_charges_raise,
    release_rate_set,
    terms_set,
    terms_use_default,
)
from .statements import (
    statement_build_fail,
    statement_build_run,
    statement_circulate,
    statement_request,
    statement_retry,
    statements_email,
)

__all__ = [
    "activity_charges_raise", "activity_create", "activity_members_set", "activity_share", "activity_update",
    "approval_refusal", "budget_create", "budget_line_delete", "budget_line_save", "budget_update",
    "charge_approve", "charge_cancel", "charge_credit", "charge_mark_paid", "charge_record_purchase_order",
    "charges_approve", "compute_shares", "finance_settings_update", "payment_approve", "payment_cancel",
    "payment_mark_paid", "payment_request", "pd_delivery_delete", "pd_delivery_record", "pd_release_charges_raise",
    "release_rate_set", "statement_build_fail", "statement_build_run", "statement_circulate", "statement_request",
    "statement_retry", "statements_email", "terms_set", "terms_use_default",
]
