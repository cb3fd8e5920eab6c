"""Finance: budgets, costed activities and their shares, PD release, charges, payments, statements.

NOTE: every amount is whole pence in a `*_pence` BigIntegerField (see finance.money); every money
row keeps its change history (simple-history) and changes only through finance.services.
"""

from .activities import ActivityMember, CostedActivity, CostShare, ShareCalculation
from .budgets import Budget, BudgetLine, FinanceSettings
from .charges import Charge
from .payments import Payment
from .release import PDDelivery, PDRecipient, ReleaseRate, Term
from .statements import Statement

__all__ = [
    "ActivityMember", "Budget", "BudgetLine", "Charge", "CostShare", "CostedActivity", "FinanceSettings",
    "PDDelivery", "PDRecipient", "Payment", "ReleaseRate", "ShareCalculation", "Statement", "Term",
]
