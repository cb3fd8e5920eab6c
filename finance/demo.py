"""Demo finance for Taf Valley Schools' partnership: this year's budget held by the council, three costed
activities shared on different bases, PD release over the autumn term (one leader past the free three
hours), issued and paid charges, a payment to a visiting fellow's school, and a statement per school.

`seed_demo` calls `seed_demo_finance`; a second run finds the year's budget and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from consortia.models import Consortium
from partnerships.models import Organisation, OrganisationYear, Partnership, PartnershipRole

from . import selectors, services, terms
from .models import Budget, BudgetLine, Charge, Payment, Term
from .models.activities import Basis

CONSORTIUM_SLUG = "taf-valley-schools"
User = get_user_model()


def _partnership(consortium: Consortium) -> Partnership | None:
    chaired = PartnershipRole.objects.filter(consortium=consortium, role="chair", ended_at__isnull=True).values(
        "partnership_id")
    return Partnership.objects.filter(consortium=consortium, pk__in=chaired).order_by("name").first()


def _person(partnership: Partnership, role: str):
    found = PartnershipRole.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                           role=role, ended_at__isnull=True).select_related("user").first()
    return found.user if found else None


def _weekday(day: dt.date) -> dt.date:
    """The day itself, or the Friday before when it falls at a weekend: schools hold these on school days."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _figures_year(consortium: Consortium, academic_year: int) -> int:
    """This year's school figures where they are recorded, otherwise the latest recorded before it."""
    recorded = (OrganisationYear.objects.filter(consortium=consortium, academic_year__lte=academic_year)
                .order_by("-academic_year").values_list("academic_year", flat=True).first())
    return recorded or academic_year


@transaction.atomic
def seed_demo_finance(*, stdout) -> None:
    consortium = Consortium.objects.filter(slug=CONSORTIUM_SLUG).first()
    partnership = _partnership(consortium) if consortium else None
    finance = _person(partnership, "finance_administrator") if partnership else None
    chair = _person(partnership, "chair") if partnership else None
    admin = User.objects.filter(email="admin@demo.partneriaeth.cymru").first()
    if not (partnership and finance and chair and admin):
        stdout.write("Finance demo skipped: no Taf Valley partnership with a chair and a finance administrator.\n")
        return
    today = timezone.localdate()
    year = terms.academic_year_of(today)
    if Budget.objects.filter(consortium=consortium, partnership=partnership, year=year).exists():
        return
    partnership.consortium = consortium
    council = Organisation.objects.get(consortium=consortium, kind="local_authority", name="Taf Valley Council")
    schools = {o.name: o for o in selectors.current_members(partnership, today)}

    if not Term.objects.filter(consortium=consortium, academic_year=year).exists():
        services.terms_use_default(consortium=consortium, by=admin, academic_year=year)
    services.finance_settings_update(partnership=partnership, by=finance, year_basis=terms.ACADEMIC, open_books=False,
                                     free_release_minutes=180)
    services.release_rate_set(partnership=partnership, by=finance, hourly_rate_pence=4500,
                              effective_from=dt.date(year, 9, 1))
    budget = services.budget_create(partnership=partnership, by=finance, year=year, holder=council,
                                    administrator=finance,
                                    notes="Held by the council on the partnership's behalf; agreed at the autumn "
                                          "strategic meeting.")
    lines = {}
    for kind, category, description, pounds in [
        ("income", "contributions", "Member contributions", 15_650),
        ("income", "grant", "Regional grant for moderation", 2_000),
        ("spending", "training", "Joint INSET day", 4_200),
        ("spending", "specialist", "Shared music specialist", 9_600),
        ("spending", "venue", "Y6 show at the theatre", 1_850),
        ("spending", "fellows", "Visiting fellows' time", 900),
        ("spending", "pd_release", "PD release beyond the free time", 600),
    ]:
        lines[description] = services.budget_line_save(budget=budget, by=finance, kind=kind, category=category,
                                                       description=description, planned_pence=pounds * 100)

    figures_year = _figures_year(consortium, year)
    inset = services.activity_create(
        budget=budget, by=finance, title="Joint INSET day: assessment for learning",
        title_cy="Diwrnod HMS ar y cyd: asesu ar gyfer dysgu", kind="inset", cost_pence=4_200_00,
        basis=Basis.PUPILS, held_on=_weekday(dt.date(year, 10, 16)), academic_year=figures_year,
        budget_line=lines["Joint INSET day"],
        description="Speaker, venue and supply cover for teachers and teaching assistants of all six schools.")
    music = services.activity_create(
        budget=budget, by=finance, title="Shared music specialist", title_cy="Arbenigwr cerddoriaeth a rennir",
        kind="specialist", cost_pence=9_600_00, basis=Basis.BUDGET, academic_year=figures_year,
        budget_line=lines["Shared music specialist"], description="One day a week in each school for the year.")
    theatre = services.activity_create(
        budget=budget, by=finance, title="Theatre hire for the Y6 show", title_cy="Llogi theatr ar gyfer sioe Bl6",
        kind="event", cost_pence=1_850_00, basis=Basis.EQUAL, held_on=_weekday(dt.date(year + 1, 7, 9)),
        academic_year=figures_year, budget_line=lines["Y6 show at the theatre"])
    for activity in (inset, music, theatre):
        services.activity_share(activity=activity, by=finance)
    for activity in (inset, music):
        services.activity_charges_raise(activity=activity, by=finance)

    # The chair approves, except for their own school's charges: the consortium admin approves those.
    parc = schools.get("Parc Primary School")
    for charge in Charge.objects.filter(consortium=consortium, budget=budget, status=Charge.Status.DRAFT):
        services.charge_approve(charge=charge, by=admin if charge.organisation_id == getattr(parc, "pk", None)
                                else chair)
    issued_on = timezone.localtime(Charge.objects.filter(budget=budget).first().issued_at).date()
    for charge in Charge.objects.filter(consortium=consortium, budget=budget, activity=inset):
        if charge.organisation.name in ("Parc Primary School", "Ysgol Gymraeg Bryn Taf", "Maes-y-Coed Primary School"):
            services.charge_mark_paid(charge=charge, by=finance, paid_on=issued_on,
                                      payment_reference=f"BACS {charge.organisation.school_code}")
    for charge in Charge.objects.filter(consortium=consortium, budget=budget, activity=inset)[:3]:
        services.charge_record_purchase_order(charge=charge, by=finance,
                                              purchase_order_ref=f"PO-{charge.organisation.school_code}-{year}")

    # PD release over the autumn term: Rhian Davies goes past the free three hours; Gareth Evans does not.
    term = selectors.term_on(consortium.pk, today)
    head = User.objects.filter(email="head@demo.partneriaeth.cymru").first()
    if term is not None and head is not None:
        start = max(term.starts_on, today - dt.timedelta(days=60))
        bryn_taf, cwm_glas = schools.get("Ysgol Gymraeg Bryn Taf"), schools.get("Ysgol Gynradd Cwm Glas")
        maes = schools.get("Maes-y-Coed Primary School")
        for offset, leader, school, minutes, recipients, what in [
            (0, head, bryn_taf, 90, [cwm_glas, parc], "Y6 writing moderation: preparing the samples"),
            (14, chair, parc, 120, [maes], "Leading phonics in Reception"),
            (21, head, bryn_taf, 60, [cwm_glas], "Y6 writing moderation: agreeing the standard"),
            (35, head, bryn_taf, 90, [cwm_glas, parc, maes], "Y6 writing moderation: the final session"),
        ]:
            day = min(start + dt.timedelta(days=offset), today)
            if not all([leader, school, *recipients]):
                continue
            services.pd_delivery_record(partnership=partnership, by=finance, activity=inset, leader=leader,
                                        leader_school=school, delivered_on=day, minutes=minutes,
                                        recipients=recipients, description=what)
        for charge in services.pd_release_charges_raise(partnership=partnership, by=finance, term=term):
            services.charge_approve(charge=charge, by=admin if charge.organisation_id == getattr(parc, "pk", None)
                                    else chair)

    # What the partnership pays out: a visiting fellow's school (still owed), and the INSET day's host (paid).
    if bryn_taf := schools.get("Ysgol Gymraeg Bryn Taf"):
        fellow = services.payment_request(
            budget=budget, by=finance, payee=bryn_taf, kind=Payment.Kind.VISITING_FELLOW, amount_pence=450_00,
            description="Visiting fellow: two days facilitating Y6 moderation across the partnership",
            invoice_ref="YGBT-VF-01", budget_line=lines["Visiting fellows' time"])
        services.payment_approve(payment=fellow, by=chair)
    if parc is not None:
        host = services.payment_request(
            budget=budget, by=finance, payee=parc, kind=Payment.Kind.HOST, amount_pence=300_00,
            description="Hosting the joint INSET day: hall, refreshments and caretaking", invoice_ref="PARC-2211",
            budget_line=lines["Joint INSET day"], activity=inset)
        services.payment_approve(payment=host, by=admin)
        services.payment_mark_paid(payment=host, by=finance, paid_on=issued_on, payment_reference="TVC-REMIT-0042")

    for school in selectors.statement_members(budget):
        services.statement_request(budget=budget, organisation=school, language="en", by=finance)
        if school.name == "Ysgol Gymraeg Bryn Taf":
            services.statement_request(budget=budget, organisation=school, language="cy", by=finance)
    stdout.write(f"Finance demo: budget {budget.label} with {BudgetLine.objects.filter(budget=budget).count()} "
                 f"lines, {Charge.objects.filter(budget=budget).count()} charges and statements queued.\n")
