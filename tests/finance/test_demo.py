"""The demo: Taf Valley's budget, three activities on different bases, PD release past the allowance, issued and
paid charges, a payment to a visiting fellow's school and a statement per school; running it twice changes
nothing."""

import io

import pytest
from django.core.management import call_command

from finance.models import Budget, Charge, CostedActivity, Payment, PDDelivery, Statement

pytestmark = pytest.mark.django_db


def counts():
    return {model.__name__: model.objects.count()
            for model in (Budget, CostedActivity, Charge, Payment, PDDelivery, Statement)}


def test_the_finance_demo_has_each_part_and_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()

    call_command("seed_demo", stdout=io.StringIO())

    assert counts() == first
    assert {a.basis for a in CostedActivity.objects.all()} == {"pupils", "budget", "equal"}
    assert Charge.objects.filter(status="paid").exists() and Charge.objects.filter(status="issued").exists()
    assert PDDelivery.objects.filter(chargeable_minutes__gt=0).values("leader").distinct().count() == 1
    assert Payment.objects.filter(kind="visiting_fellow", status="approved").exists()
    budget = Budget.objects.get()
    schools = budget.partnership.memberships.filter(left_on__isnull=True).count()
    assert Statement.objects.filter(language="en").values("organisation").distinct().count() >= schools
