"""A partnership of member schools with this year's figures, its finance administrator, a chair who approves,
and a representative of one school; helpers to build activities, charges and deliveries through the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from finance import services, terms
from partnerships.models import Organisation
from partnerships.services import membership_add, organisation_year_record, partnership_role_grant

from ..factories import OrganisationFactory, UserFactory

YEAR = 2025  # 1 September 2025 to 31 August 2026: over, so its figures are final
SCHOOLS = [  # name, pupils, budget (£)
    ("Ysgol Gynradd Cwm Glas", 212, "1043500.00"),
    ("Parc Primary School", 346, "1590300.00"),
    ("Ysgol Gymraeg Bryn Taf", 289, "1311900.00"),
    ("St Illtyd's RC Primary School", 158, "812600.00"),
    ("Llwyncelyn Primary School", 127, "688400.00"),
]


def add_schools(partnership, specs, *, year=YEAR, joined_on=dt.date(2020, 9, 1)):
    schools = []
    for name, pupils, budget in specs:
        school = OrganisationFactory(consortium=partnership.consortium, name=name)
        organisation_year_record(organisation=school, academic_year=year, pupils=pupils,
                                 budget=Decimal(budget) if budget is not None else None)
        membership_add(partnership=partnership, organisation=school, joined_on=joined_on)
        schools.append(school)
    return schools


@pytest.fixture(autouse=True)
def _english():
    """Services speak the active language; a Welsh page request earlier in the worker must not leak in."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def schools(partnership):
    return add_schools(partnership, SCHOOLS)


@pytest.fixture
def council(consortium):
    return OrganisationFactory(consortium=consortium, kind="local_authority", name="Taf Valley Council", phase="",
                               school_code="")


@pytest.fixture
def finance_admin(partnership, council):
    user = UserFactory(email="finance@taf.cymru", full_name="Carys Morgan")
    partnership_role_grant(partnership=partnership, user=user, role="finance_administrator")
    return user


@pytest.fixture
def approver(partnership):
    """A chair who works for none of the schools: free to approve any of them."""
    user = UserFactory(email="approver@taf.cymru", full_name="Gareth Evans")
    partnership_role_grant(partnership=partnership, user=user, role="chair")
    return user


@pytest.fixture
def rep(partnership, schools):
    user = UserFactory(email="head@cwmglas.cymru", full_name="Rhian Davies")
    partnership_role_grant(partnership=partnership, user=user, role="representative", organisation=schools[0])
    return user


@pytest.fixture
def other_rep(partnership, schools):
    user = UserFactory(email="head@parc.cymru", full_name="Huw Parry")
    partnership_role_grant(partnership=partnership, user=user, role="representative", organisation=schools[1])
    return user


@pytest.fixture
def budget(partnership, finance_admin, council, schools):
    return services.budget_create(partnership=partnership, by=finance_admin, year=YEAR, holder=council,
                                  administrator=finance_admin)


@pytest.fixture
def current_budget(partnership, finance_admin, council, schools):
    year = terms.academic_year_of(timezone.localdate())
    for school in schools:
        organisation_year_record(organisation=school, academic_year=year, pupils=100, budget=Decimal("500000.00"))
    return services.budget_create(partnership=partnership, by=finance_admin, year=year, holder=council)


def activity(budget, by, *, cost_pence=100_000, basis="pupils", title="Joint INSET day", **kwargs):
    return services.activity_create(budget=budget, by=by, title=title, cost_pence=cost_pence, basis=basis,
                                    academic_year=kwargs.pop("academic_year", YEAR), **kwargs)


def issued_charges(budget, by, approver, **kwargs):
    """An activity shared, charged and every charge approved: what a school is billed."""
    act = activity(budget, by, **kwargs)
    services.activity_share(activity=act, by=by)
    charges = services.activity_charges_raise(activity=act, by=by)
    return act, [services.charge_approve(charge=c, by=approver) for c in charges]


def school_named(name) -> Organisation:
    return Organisation.objects.get(name=name)
