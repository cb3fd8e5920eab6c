"""The finance administrator's journey through the pages, and what a wrong entry gets: a 400 that says why."""

import datetime as dt

import pytest

from finance.models import Budget, BudgetLine, Charge, CostedActivity, PDDelivery

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_a_budget_is_planned_an_activity_shared_charged_and_approved(client, consortium, partnership, finance_admin,
                                                                     approver, council, schools):
    client.force_login(finance_admin)
    base = f"/{consortium.slug}/finance/"

    created = client.post(f"{base}partnerships/{partnership.pk}/budgets/new/", {"year": YEAR, "holder": council.pk})
    budget = Budget.objects.get()
    line = client.post(f"{base}budgets/{budget.pk}/lines/new/", {
        "kind": "spending", "category": "training", "description": "INSET", "planned_pence": "1,000.00"})
    added = client.post(f"{base}budgets/{budget.pk}/activities/new/", {
        "title": "Joint INSET day", "kind": "inset", "cost_pence": "£1,000", "basis": "pupils", "academic_year": YEAR,
        "budget_line": BudgetLine.objects.get().pk})
    act = CostedActivity.objects.get()
    client.post(f"{base}activities/{act.pk}/share/")
    client.post(f"{base}activities/{act.pk}/charges/")
    client.force_login(approver)
    client.post(f"{base}budgets/{budget.pk}/charges/", {"charge": list(Charge.objects.values_list("pk", flat=True))})
    page = client.get(f"{base}budgets/{budget.pk}/")

    assert (created.status_code, line.status_code, added.status_code) == (302, 302, 302)
    assert set(Charge.objects.values_list("status", flat=True)) == {"issued"}
    assert "£1,000.00" in page.content.decode() and 'role="img"' in page.content.decode()


def test_wrong_entries_are_a_400_that_says_why_and_saves_nothing(client, consortium, budget, finance_admin, schools):
    client.force_login(finance_admin)
    base = f"/{consortium.slug}/finance/"

    bad_amount = client.post(f"{base}budgets/{budget.pk}/activities/new/", {
        "title": "Hall", "kind": "event", "cost_pence": "12.345", "basis": "equal", "academic_year": YEAR})
    no_basis = client.post(f"{base}budgets/{budget.pk}/activities/new/", {
        "title": "Hall", "kind": "event", "cost_pence": "12.34", "academic_year": YEAR})
    bad_line = client.post(f"{base}budgets/{budget.pk}/lines/new/", {
        "kind": "spending", "category": "nonsense", "description": "", "planned_pence": "x"})

    assert bad_amount.status_code == 400 and "pounds and pence" in bad_amount.content.decode()
    assert no_basis.status_code == 400 and bad_line.status_code == 400
    assert CostedActivity.objects.count() == 0 and BudgetLine.objects.count() == 0


def test_recording_pd_shows_what_was_free_and_what_is_chargeable(client, consortium, partnership, budget,
                                                                 finance_admin, consortium_admin, rep, schools):
    from finance import services

    services.terms_use_default(consortium=consortium, by=consortium_admin, academic_year=YEAR)
    services.release_rate_set(partnership=partnership, by=finance_admin, hourly_rate_pence=4500,
                              effective_from=dt.date(YEAR, 9, 1))
    act = services.activity_create(budget=budget, by=finance_admin, title="Moderation", cost_pence=0, basis="pupils",
                                   academic_year=YEAR)
    client.force_login(finance_admin)
    url = f"/{consortium.slug}/finance/partnerships/{partnership.pk}/release/new/"

    response = client.post(url, {"leader": rep.pk, "leader_school": schools[0].pk, "activity": act.pk,
                                 **date_fields("delivered_on", dt.date(YEAR, 10, 1)), "hours": "3.5",
                                 "recipients": [schools[1].pk, schools[2].pk]}, follow=True)
    own_school = client.post(url, {"leader": rep.pk, "leader_school": schools[0].pk, "activity": act.pk,
                                   **date_fields("delivered_on", dt.date(YEAR, 10, 2)), "hours": "1",
                                   "recipients": [schools[0].pk]})

    text = response.content.decode()
    assert "3 hours were free and 0.5 hours are chargeable" in text
    assert PDDelivery.objects.get().amount_pence == 2250
    assert own_school.status_code == 400 and PDDelivery.objects.count() == 1


def test_the_term_dates_page_offers_the_default(client, consortium, consortium_admin):
    client.force_login(consortium_admin)

    page = client.get(f"/{consortium.slug}/finance/terms/?year=2026")
    client.post(f"/{consortium.slug}/finance/terms/?year=2026", {"step": "default"})

    from finance.models import Term

    assert "Use the default dates" in page.content.decode()
    assert Term.objects.filter(academic_year=2026).count() == 3


@pytest.mark.parametrize("language,words", [("en", "Budget 2025/26"), ("cy", "Cyllideb 2025/26")])
def test_the_pages_read_in_welsh_as_in_english(client, consortium, budget, finance_admin, language, words):
    type(finance_admin).objects.filter(pk=finance_admin.pk).update(preferred_language=language,
                                                                   language_confirmed=True)
    client.force_login(finance_admin)
    client.cookies["language"] = language

    page = client.get(f"/{consortium.slug}/finance/budgets/{budget.pk}/")

    assert page.status_code == 200
    assert words in page.content.decode()
