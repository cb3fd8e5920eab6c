"""Builders for finance rows, importable by other test packages (see `finance_rows`)."""

import datetime as dt

from finance import services, terms
from partnerships.services import membership_add, partnership_role_grant

from ..factories import OrganisationFactory, UserFactory


def finance_rows(partnership, approver, inviter):
    """At least one row of every finance model in the admin, in the partnership's consortium."""
    consortium = partnership.consortium
    year = terms.academic_year_of(dt.date.today())
    manager = UserFactory()
    partnership_role_grant(partnership=partnership, user=manager, role="finance_administrator")
    first, second = (OrganisationFactory(consortium=consortium), OrganisationFactory(consortium=consortium))
    for school in (first, second):
        membership_add(partnership=partnership, organisation=school, joined_on=dt.date(year, 9, 1))
    services.finance_settings_update(partnership=partnership, by=manager, year_basis="academic", open_books=False,
                                     free_release_minutes=60)
    services.terms_use_default(consortium=consortium, by=inviter, academic_year=year)
    services.release_rate_set(partnership=partnership, by=manager, hourly_rate_pence=4500,
                              effective_from=dt.date(year, 9, 1))
    budget = services.budget_create(partnership=partnership, by=manager, year=year, holder=first)
    line = services.budget_line_save(budget=budget, by=manager, kind="spending", category="venue",
                                     description="Hall", planned_pence=10_000)
    activity = services.activity_create(budget=budget, by=manager, title="Hall hire", cost_pence=10_000,
                                        basis="equal", budget_line=line, organisations=[first, second])
    services.activity_share(activity=activity, by=manager)
    services.activity_charges_raise(activity=activity, by=manager)
    services.pd_delivery_record(partnership=partnership, by=manager, activity=activity, leader=approver,
                                leader_school=first, delivered_on=dt.date(year, 9, 2), minutes=90,
                                recipients=[second])
    services.payment_request(budget=budget, by=manager, payee=second, kind="host", amount_pence=5_000,
                             description="Hosting", budget_line=line)
    services.statement_request(budget=budget, organisation=second, language="en", by=manager)
