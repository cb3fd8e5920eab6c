"""Finance settings, budgets and their planned lines."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from consortia.scoping import require_same_consortium
from partnerships.models import Organisation, Partnership

from .. import terms
from ..models import Budget, BudgetLine, FinanceSettings
from ..models.budgets import YearBasis
from ._common import attribute, is_member_of_consortium, manager


@transaction.atomic
def finance_settings_update(*, partnership: Partnership, by, year_basis: str, open_books: bool,
                            free_release_minutes: int) -> FinanceSettings:
    manager(by, partnership)
    if year_basis not in YearBasis.values:
        raise ValidationError({"year_basis": _("Choose when the partnership's financial year starts.")})
    if not 0 <= free_release_minutes <= 40 * 60:
        raise ValidationError({"free_release_minutes": _("Enter a time between 0 and 40 hours.")})
    found = FinanceSettings.objects.select_for_update().filter(consortium_id=partnership.consortium_id,
                                                               partnership=partnership).first()
    found = found or FinanceSettings(consortium_id=partnership.consortium_id, partnership=partnership)
    found.year_basis, found.open_books, found.free_release_minutes = year_basis, open_books, free_release_minutes
    attribute(found, by).save()
    return found


def _check_people(partnership: Partnership, holder: Organisation, administrator) -> None:
    require_same_consortium(partnership.consortium_id, holder)
    if administrator is not None and not is_member_of_consortium(administrator, partnership.consortium_id):
        raise ValidationError({"administrator": _("Choose someone who works in this consortium.")})


@transaction.atomic
def budget_create(*, partnership: Partnership, by, year: int, holder: Organisation, administrator=None,
                  notes: str = "") -> Budget:
    from ..selectors import settings_for

    manager(by, partnership)
    _check_people(partnership, holder, administrator)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Choose a year between 2000 and 2100.")})
    if Budget.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership, year=year).exists():
        raise ValidationError({"year": _("This partnership already has a budget for %(year)s.") % {
            "year": terms.year_label(terms.ACADEMIC, year)}})
    basis = settings_for(partnership).year_basis
    starts_on, ends_on = terms.year_bounds(basis, year)
    budget = Budget(consortium_id=partnership.consortium_id, partnership=partnership, year=year, year_basis=basis,
                    starts_on=starts_on, ends_on=ends_on, holder=holder, administrator=administrator, notes=notes)
    budget.full_clean()
    attribute(budget, by).save()
    return budget


@transaction.atomic
def budget_update(*, budget: Budget, by, holder: Organisation, administrator=None, notes: str = "") -> Budget:
    manager(by, budget.partnership)
    _check_people(budget.partnership, holder, administrator)
    budget.holder, budget.administrator, budget.notes = holder, administrator, notes
    attribute(budget, by).save(update_fields=["holder", "administrator", "notes"])
    return budget


@transaction.atomic
def budget_line_save(*, budget: Budget, by, kind: str, category: str, description: str, planned_pence: int,
                     line: BudgetLine | None = None) -> BudgetLine:
    manager(by, budget.partnership)
    if line is not None and line.budget_id != budget.pk:
        raise ValidationError(_("That line belongs to another budget."))
    if planned_pence < 0:
        raise ValidationError({"planned_pence": _("Enter an amount of zero or more.")})
    if not description.strip():
        raise ValidationError({"description": _("Describe the line.")})
    line = line or BudgetLine(consortium_id=budget.consortium_id, budget=budget,
                              position=BudgetLine.objects.filter(consortium_id=budget.consortium_id,
                                                                 budget=budget).count())
    line.kind, line.category, line.description, line.planned_pence = kind, category, description.strip(), planned_pence
    line.full_clean()
    attribute(line, by).save()
    return line


@transaction.atomic
def budget_line_delete(*, line: BudgetLine, by) -> None:
    manager(by, line.budget.partnership)
    if line.payments.exists() or line.activities.exists():
        raise ValidationError(_("Activities or payments are on this line: move them to another line first."))
    attribute(line, by).delete()
