"""Reads for finance pages, PDFs, the API and the annual report: each in a fixed number of queries,
however many member schools, charges or deliveries there are."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from consortia.models import Consortium
from partnerships.models import (
    Employment,
    Organisation,
    OrganisationYear,
    Partnership,
    PartnershipMembership,
    PartnershipRole,
)
from partnerships.selectors import visible_partnerships

from .access import FinanceViewer
from .models import (
    ActivityMember,
    Budget,
    BudgetLine,
    Charge,
    CostedActivity,
    CostShare,
    FinanceSettings,
    Payment,
    PDDelivery,
    PDRecipient,
    ReleaseRate,
    ShareCalculation,
    Statement,
    Term,
)

COUNTED = (Charge.Status.ISSUED, Charge.Status.PAID, Charge.Status.CREDITED)
LIVE = (Charge.Status.DRAFT, Charge.Status.ISSUED, Charge.Status.PAID, Charge.Status.CREDITED)
COMMITTED = (Payment.Status.APPROVED, Payment.Status.PAID)


# --- Settings, budgets, terms and rates -----------------------------------------------------------

def settings_for(partnership: Partnership) -> FinanceSettings:
    """The partnership's finance settings, or the defaults (unsaved) until someone changes them."""
    found = FinanceSettings.objects.for_consortium(partnership.consortium_id).filter(partnership=partnership).first()
    return found or FinanceSettings(consortium_id=partnership.consortium_id, partnership=partnership)


def budgets_of(partnership: Partnership) -> QuerySet[Budget]:
    return (Budget.objects.for_consortium(partnership.consortium_id).filter(partnership=partnership)
            .select_related("holder", "administrator").order_by("-starts_on"))


def budget_on(partnership: Partnership, day: dt.date) -> Budget | None:
    return budgets_of(partnership).filter(starts_on__lte=day, ends_on__gte=day).first()


def term_on(consortium_id: int, day: dt.date) -> Term | None:
    return Term.objects.for_consortium(consortium_id).filter(starts_on__lte=day, ends_on__gte=day).first()


def terms_of(consortium_id: int, academic_year: int) -> list[Term]:
    return list(Term.objects.for_consortium(consortium_id).filter(academic_year=academic_year).order_by("starts_on"))


def rate_on(partnership: Partnership, day: dt.date) -> ReleaseRate | None:
    return (ReleaseRate.objects.for_consortium(partnership.consortium_id)
            .filter(partnership=partnership, effective_from__lte=day).order_by("-effective_from").first())


def rates_of(partnership: Partnership) -> list[ReleaseRate]:
    return list(ReleaseRate.objects.for_consortium(partnership.consortium_id).filter(partnership=partnership)
                .select_related("set_by").order_by("-effective_from"))


def current_members(partnership: Partnership, on: dt.date | None = None) -> QuerySet[Organisation]:
    on = on or timezone.localdate()
    member_ids = (PartnershipMembership.objects.for_consortium(partnership.consortium_id)
                  .filter(partnership=partnership, joined_on__lte=on).exclude(left_on__lte=on)
                  .values("organisation_id"))
    return Organisation.objects.for_consortium(partnership.consortium_id).filter(pk__in=member_ids).order_by("name")


def finance_partnerships(user, consortium: Consortium) -> QuerySet[Partnership]:
    return visible_partnerships(user, consortium).order_by("name")


def represented_organisations(user, consortium: Consortium) -> QuerySet[PartnershipRole]:
    """The person's current representative roles: which school they speak for, in which partnership."""
    return (PartnershipRole.objects.for_consortium(consortium).filter(
        user=user, role="representative", ended_at__isnull=True, organisation__isnull=False)
        .select_related("organisation", "partnership").order_by("partnership__name", "organisation__name"))


# --- Interests (the governance register) ------------------------------------------------------------

def interest_reasons(user, organisation: Organisation, on: dt.date | None = None) -> list[str]:
    """Why this person may not approve money for this organisation; empty when nothing stands in the way.

    Their register of standing interests, declarations at meetings in the last year, and their own
    employer: a headteacher does not approve their own school's charge.
    """
    from django.utils.translation import gettext as _

    from governance.models import Declaration, StandingInterest

    on = on or timezone.localdate()
    consortium_id = organisation.consortium_id
    reasons = []
    for text in (StandingInterest.objects.for_consortium(consortium_id)
                 .filter(user=user, organisation=organisation, since__lte=on)
                 .exclude(ended_on__lte=on).values_list("interest", flat=True)):
        reasons.append(_("your register of interests records: %(interest)s") % {"interest": text})
    year_ago = timezone.make_aware(dt.datetime.combine(on - dt.timedelta(days=365), dt.time.min))
    for text in (Declaration.objects.for_consortium(consortium_id)
                 .filter(user=user, organisation=organisation, declared_at__gte=year_ago)
                 .values_list("interest", flat=True)):
        reasons.append(_("you declared an interest at a meeting: %(interest)s") % {"interest": text})
    if (Employment.objects.for_consortium(consortium_id).filter(user=user, organisation=organisation,
                                                                 started_on__lte=on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)).exists()):
        reasons.append(_("you work for %(organisation)s") % {"organisation": organisation.name})
    return reasons


def conflicted_organisation_ids(user, consortium_id: int, on: dt.date | None = None) -> set[int]:
    """Every organisation this person may not approve for, in three queries (for lists of approvals)."""
    from governance.models import Declaration, StandingInterest

    on = on or timezone.localdate()
    year_ago = timezone.make_aware(dt.datetime.combine(on - dt.timedelta(days=365), dt.time.min))
    standing = (StandingInterest.objects.for_consortium(consortium_id)
                .filter(user=user, organisation__isnull=False, since__lte=on).exclude(ended_on__lte=on)
                .values_list("organisation_id", flat=True))
    declared = (Declaration.objects.for_consortium(consortium_id)
                .filter(user=user, organisation__isnull=False, declared_at__gte=year_ago)
                .values_list("organisation_id", flat=True))
    employed = (Employment.objects.for_consortium(consortium_id).filter(user=user, started_on__lte=on)
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)).values_list("organisation_id", flat=True))
    return {*standing, *declared, *employed}


# --- The budget page -------------------------------------------------------------------------------

@dataclass
class LineFigures:
    line: BudgetLine | None
    kind: str
    label: str
    planned_pence: int
    actual_pence: int | None  # None: not tracked here (income other than members' contributions)


@dataclass
class BudgetSummary:
    budget: Budget
    income: list[LineFigures] = field(default_factory=list)
    spending: list[LineFigures] = field(default_factory=list)
    charged_pence: int = 0  # members' contributions: issued charges net of credit notes
    received_pence: int = 0  # what members have paid, less refunds
    committed_pence: int = 0  # payments approved or paid
    paid_out_pence: int = 0
    draft_charges: int = 0
    payments_awaiting: int = 0

    @property
    def planned_income_pence(self) -> int:
        return sum(row.planned_pence for row in self.income)

    @property
    def planned_spending_pence(self) -> int:
        return sum(row.planned_pence for row in self.spending)

    @property
    def outstanding_pence(self) -> int:
        return self.charged_pence - self.received_pence

    @property
    def balance_pence(self) -> int:
        """What the fund holder has in hand from the partnership's money: received less paid out."""
        return self.received_pence - self.paid_out_pence


def budget_summary(budget: Budget) -> BudgetSummary:
    """Planned against actual, line by line, in three queries."""
    from django.utils.translation import gettext as _

    consortium_id = budget.consortium_id
    lines = list(BudgetLine.objects.for_consortium(consortium_id).filter(budget=budget).order_by("kind", "position",
                                                                                                  "pk"))
    charges = Charge.objects.for_consortium(consortium_id).filter(budget=budget).aggregate(
        charged=Sum("amount_pence", filter=Q(status__in=COUNTED)),
        received=Sum("amount_pence", filter=Q(status=Charge.Status.PAID)),
        drafts=Count("pk", filter=Q(status=Charge.Status.DRAFT)),
    )
    spent = defaultdict(int)
    paid_out = awaiting = 0
    for line_id, status, amount in (Payment.objects.for_consortium(consortium_id).filter(budget=budget)
                                    .exclude(status=Payment.Status.CANCELLED)
                                    .values_list("budget_line_id", "status", "amount_pence")):
        if status in COMMITTED:
            spent[line_id] += amount
        if status == Payment.Status.PAID:
            paid_out += amount
        if status == Payment.Status.REQUESTED:
            awaiting += 1
    summary = BudgetSummary(budget=budget, charged_pence=charges["charged"] or 0,
                            received_pence=charges["received"] or 0, committed_pence=sum(spent.values()),
                            paid_out_pence=paid_out, draft_charges=charges["drafts"] or 0, payments_awaiting=awaiting)
    contributions_shown = False
    for line in lines:
        if line.kind == BudgetLine.Kind.INCOME:
            actual = None
            if line.category == BudgetLine.Category.CONTRIBUTIONS and not contributions_shown:
                actual, contributions_shown = summary.charged_pence, True
            summary.income.append(LineFigures(line, line.kind, line.description, line.planned_pence, actual))
        else:
            summary.spending.append(LineFigures(line, line.kind, line.description, line.planned_pence,
                                                spent.pop(line.pk, 0)))
    if not contributions_shown and summary.charged_pence:
        summary.income.append(LineFigures(None, BudgetLine.Kind.INCOME, _("Member contributions (no planned line)"),
                                          0, summary.charged_pence))
    unassigned = sum(spent.values())
    if unassigned:
        summary.spending.append(LineFigures(None, BudgetLine.Kind.SPENDING, _("Payments not on a budget line"), 0,
                                            unassigned))
    return summary


def activities_of(budget: Budget) -> QuerySet[CostedActivity]:
    charged = Charge.objects.filter(consortium_id=OuterRef("consortium_id"), activity_id=OuterRef("pk"),
                                    delivery__isnull=True, status__in=COUNTED)
    current = ShareCalculation.objects.filter(consortium_id=OuterRef("consortium_id"), activity_id=OuterRef("pk"),
                                              delivery__isnull=True, is_current=True)
    return (CostedActivity.objects.for_consortium(budget.consortium_id).filter(budget=budget)
            .select_related("budget_line")
            .annotate(is_locked=Exists(charged), is_shared=Exists(current))
            .order_by("held_on", "title", "pk"))


# --- Activities and their shares ----------------------------------------------------------------

def activity_is_locked(activity: CostedActivity) -> bool:
    """Charges have been issued from its shares: from now on a correction is a credit note."""
    return Charge.objects.for_consortium(activity.consortium_id).filter(
        activity=activity, delivery__isnull=True, status__in=COUNTED).exists()


def activity_members(activity: CostedActivity) -> list[ActivityMember]:
    members = list(ActivityMember.objects.for_consortium(activity.consortium_id).filter(activity=activity)
                   .select_related("organisation").order_by("organisation__name"))
    years = {y.organisation_id: y for y in OrganisationYear.objects.for_consortium(activity.consortium_id).filter(
        organisation_id__in=[m.organisation_id for m in members], academic_year=activity.academic_year)}
    for member in members:
        member.year_figures = years.get(member.organisation_id)
    return members


def current_calculation(activity: CostedActivity) -> ShareCalculation | None:
    return (ShareCalculation.objects.for_consortium(activity.consortium_id)
            .filter(activity=activity, delivery__isnull=True, is_current=True)
            .select_related("calculated_by")
            .prefetch_related(Prefetch("shares", queryset=CostShare.objects.select_related(
                "organisation", "source_year").order_by("organisation__name")))
            .first())


def calculation_history(activity: CostedActivity) -> list[ShareCalculation]:
    return list(ShareCalculation.objects.for_consortium(activity.consortium_id)
                .filter(activity=activity, delivery__isnull=True).select_related("calculated_by").order_by("-number"))


def activity_charges(activity: CostedActivity, viewer: FinanceViewer) -> QuerySet[Charge]:
    charges = (Charge.objects.for_consortium(activity.consortium_id).filter(activity=activity, delivery__isnull=True)
               .select_related("organisation", "reverses").order_by("number"))
    return _visible(charges, viewer)


def shares_of(budget: Budget, viewer: FinanceViewer) -> QuerySet[CostShare]:
    """Current shares of the budget's activities and PD release, for the export."""
    shares = (CostShare.objects.for_consortium(budget.consortium_id)
              .filter(calculation__activity__budget=budget, calculation__is_current=True)
              .select_related("organisation", "calculation__activity", "calculation__delivery__leader",
                              "source_year")
              .order_by("calculation__activity__title", "calculation__delivery_id", "organisation__name"))
    ids = viewer.visible_organisation_ids()
    return shares if ids is None else shares.filter(organisation_id__in=ids)


# --- Charges and payments ---------------------------------------------------------------------------

def _visible(queryset, viewer: FinanceViewer, field_name: str = "organisation_id"):
    ids = viewer.visible_organisation_ids()
    return queryset if ids is None else queryset.filter(**{f"{field_name}__in": ids})


def charges_of(budget: Budget, viewer: FinanceViewer, *, status: str = "", organisation_id: int | None = None,
               query: str = "") -> QuerySet[Charge]:
    charges = (Charge.objects.for_consortium(budget.consortium_id).filter(budget=budget)
               .select_related("organisation", "activity", "raised_by", "approved_by", "reverses")
               .order_by("-number"))
    if status:
        charges = charges.filter(status=status)
    if organisation_id:
        charges = charges.filter(organisation_id=organisation_id)
    if query:
        charges = charges.filter(Q(description__icontains=query) | Q(organisation__name__icontains=query)
                                 | Q(purchase_order_ref__icontains=query))
    return _visible(charges, viewer)


def charge_detail(charge: Charge) -> Charge:
    return (Charge.objects.for_consortium(charge.consortium_id)
            .select_related("organisation", "activity", "budget__partnership", "raised_by", "approved_by",
                            "reverses", "replaces", "share__calculation", "share__source_year", "delivery__leader",
                            "delivery__leader_school", "delivery__rate")
            .prefetch_related(Prefetch("credit_notes", queryset=Charge.objects.select_related("raised_by")),
                              Prefetch("replacements", queryset=Charge.objects.all()))
            .get(pk=charge.pk))


def payments_of(budget: Budget, viewer: FinanceViewer, *, status: str = "") -> QuerySet[Payment]:
    payments = (Payment.objects.for_consortium(budget.consortium_id).filter(budget=budget)
                .select_related("payee", "budget_line", "activity", "requested_by", "approved_by")
                .order_by("-number"))
    if status:
        payments = payments.filter(status=status)
    return _visible(payments, viewer, "payee_id")


# --- PD release -------------------------------------------------------------------------------------

@dataclass
class LeaderRelease:
    leader: object
    school: Organisation
    minutes: int = 0
    free_minutes: int = 0
    chargeable_minutes: int = 0
    amount_pence: int = 0
    free_left_minutes: int = 0
    deliveries: list = field(default_factory=list)


def deliveries_in(partnership: Partnership, term: Term) -> list[PDDelivery]:
    charged = Charge.objects.filter(consortium_id=OuterRef("consortium_id"), delivery_id=OuterRef("pk"),
                                    status__in=LIVE)
    return list(PDDelivery.objects.for_consortium(partnership.consortium_id).filter(partnership=partnership, term=term)
                .select_related("leader", "leader_school", "activity", "rate")
                .prefetch_related(Prefetch("recipients", queryset=PDRecipient.objects.select_related("organisation")
                                           .order_by("organisation__name")))
                .annotate(is_charged=Exists(charged)).order_by("delivered_on", "pk"))


def release_summary(partnership: Partnership, term: Term, free_minutes: int) -> list[LeaderRelease]:
    """Each leader's hours in the term, what was free, what is chargeable and the free time left."""
    leaders: dict[int, LeaderRelease] = {}
    for delivery in deliveries_in(partnership, term):
        row = leaders.setdefault(delivery.leader_id, LeaderRelease(leader=delivery.leader,
                                                                   school=delivery.leader_school))
        row.minutes += delivery.minutes
        row.free_minutes += delivery.free_minutes
        row.chargeable_minutes += delivery.chargeable_minutes
        row.amount_pence += delivery.amount_pence
        row.deliveries.append(delivery)
    for row in leaders.values():
        row.free_left_minutes = max(0, free_minutes - row.free_minutes)
    return sorted(leaders.values(), key=lambda r: (r.leader.full_name or r.leader.email).lower())


def release_totals(partnership: Partnership, start: dt.date, end: dt.date) -> dict:
    totals = PDDelivery.objects.for_consortium(partnership.consortium_id).filter(
        partnership=partnership, delivered_on__gte=start, delivered_on__lte=end).aggregate(
        minutes=Sum("minutes"), free=Sum("free_minutes"), chargeable=Sum("chargeable_minutes"),
        amount=Sum("amount_pence"))
    return {key: value or 0 for key, value in totals.items()}


# --- Statements -------------------------------------------------------------------------------------

@dataclass
class LedgerEntry:
    on: dt.date
    reference: str
    description: str
    amount_pence: int  # + the school owes more, - a credit or a payment received
    charge: Charge | None = None
    kind: str = "charge"  # charge, credit_note, receipt, refund
    balance_pence: int = 0


@dataclass
class Ledger:
    budget: Budget
    organisation: Organisation
    entries: list[LedgerEntry]
    payments: list[Payment]
    charged_pence: int
    credited_pence: int
    received_pence: int
    refunded_pence: int

    @property
    def balance_pence(self) -> int:
        return self.entries[-1].balance_pence if self.entries else 0

    @property
    def owed_to_school_pence(self) -> int:
        return sum(p.amount_pence for p in self.payments if p.status == Payment.Status.APPROVED)

    @property
    def paid_to_school_pence(self) -> int:
        return sum(p.amount_pence for p in self.payments if p.status == Payment.Status.PAID)

    def fingerprint(self) -> str:
        import hashlib

        parts = [f"{e.on}|{e.reference}|{e.amount_pence}|{e.kind}|{e.description}" for e in self.entries]
        parts += [f"p{p.pk}|{p.status}|{p.amount_pence}|{p.paid_on}" for p in self.payments]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _local_date(moment) -> dt.date:
    return timezone.localtime(moment).date()


def ledger_for(budget: Budget, organisation: Organisation) -> Ledger:
    """The school's account for the budget year: every charge, credit and payment, in date order.

    Three queries, however many charges: charges (with their shares, calculations and PD
    deliveries), the rates of those deliveries come with them, and payments to the school.
    """
    charges = list(Charge.objects.for_consortium(budget.consortium_id)
                   .filter(budget=budget, organisation=organisation, status__in=COUNTED)
                   .select_related("activity", "reverses", "share__calculation", "share__source_year",
                                   "delivery__leader", "delivery__rate")
                   .order_by("issued_at", "number"))
    entries: list[LedgerEntry] = []
    for charge in charges:
        kind = "credit_note" if charge.kind == Charge.Kind.CREDIT_NOTE else "charge"
        entries.append(LedgerEntry(on=_local_date(charge.issued_at), reference=charge.reference,
                                   description=charge.description, amount_pence=charge.amount_pence, charge=charge,
                                   kind=kind))
        if charge.status == Charge.Status.PAID and charge.paid_on:
            entries.append(LedgerEntry(on=charge.paid_on, reference=charge.payment_reference or charge.reference,
                                       description=charge.reference, amount_pence=-charge.amount_pence,
                                       charge=charge, kind="receipt" if kind == "charge" else "refund"))
    entries.sort(key=lambda e: (e.on, e.charge.number if e.charge else 0, e.kind in ("receipt", "refund")))
    running = 0
    for entry in entries:
        running += entry.amount_pence
        entry.balance_pence = running
    payments = list(Payment.objects.for_consortium(budget.consortium_id)
                    .filter(budget=budget, payee=organisation, status__in=[*COMMITTED, Payment.Status.REQUESTED])
                    .select_related("activity").order_by("number"))
    return Ledger(
        budget=budget, organisation=organisation, entries=entries, payments=payments,
        charged_pence=sum(e.amount_pence for e in entries if e.kind == "charge"),
        credited_pence=-sum(e.amount_pence for e in entries if e.kind == "credit_note"),
        received_pence=-sum(e.amount_pence for e in entries if e.kind == "receipt"),
        refunded_pence=sum(e.amount_pence for e in entries if e.kind == "refund"),
    )


def statement_members(budget: Budget) -> list[Organisation]:
    """Who gets a statement: members during the year, and anyone charged or paid in it."""
    member_ids = (PartnershipMembership.objects.for_consortium(budget.consortium_id)
                  .filter(partnership_id=budget.partnership_id, joined_on__lte=budget.ends_on)
                  .exclude(left_on__lt=budget.starts_on).values("organisation_id"))
    charged = Charge.objects.for_consortium(budget.consortium_id).filter(budget=budget).values("organisation_id")
    paid = Payment.objects.for_consortium(budget.consortium_id).filter(budget=budget).values("payee_id")
    return list(Organisation.objects.for_consortium(budget.consortium_id)
                .filter(Q(pk__in=member_ids) | Q(pk__in=charged) | Q(pk__in=paid)).order_by("name"))


def latest_statements(budget: Budget) -> dict[tuple[int, str], Statement]:
    """The newest statement of each school in each language, in one query."""
    latest: dict[tuple[int, str], Statement] = {}
    for statement in (Statement.objects.for_consortium(budget.consortium_id).filter(budget=budget)
                      .order_by("organisation_id", "language", "-version")):
        latest.setdefault((statement.organisation_id, statement.language), statement)
    return latest


def statement_recipients(budget: Budget, organisation: Organisation) -> list[tuple[str, str]]:
    """(email, language) of the school's current representatives in the partnership."""
    return [(role.user.email, role.user.preferred_language if role.user.preferred_language in ("en", "cy") else "en")
            for role in PartnershipRole.objects.for_consortium(budget.consortium_id).filter(
                partnership_id=budget.partnership_id, organisation=organisation, role="representative",
                ended_at__isnull=True).select_related("user").order_by("user__email")
            if role.user.email and role.user.is_active]


def balances_of(budget: Budget) -> dict[int, dict[str, int]]:
    """Each school's charged, received and balance for the budget, in one query."""
    rows = (Charge.objects.for_consortium(budget.consortium_id).filter(budget=budget, status__in=COUNTED)
            .values("organisation_id").annotate(charged=Sum("amount_pence"),
                                                received=Sum("amount_pence", filter=Q(status=Charge.Status.PAID))))
    return {row["organisation_id"]: {"charged": row["charged"] or 0, "received": row["received"] or 0,
                                     "balance": (row["charged"] or 0) - (row["received"] or 0)} for row in rows}


def latest_statements_for(budget: Budget, organisation: Organisation) -> dict[str, Statement]:
    latest: dict[str, Statement] = {}
    for statement in (Statement.objects.for_consortium(budget.consortium_id)
                      .filter(budget=budget, organisation=organisation).order_by("language", "-version")):
        latest.setdefault(statement.language, statement)
    return latest


def finance_home(user, consortium: Consortium, today: dt.date) -> list[dict]:
    """The finance home page in six queries, however many partnerships and schools."""
    from consortia import roles as role_registry
    from consortia.permissions import has_consortium_perm

    from .access import MANAGE

    partnerships = list(finance_partnerships(user, consortium))
    budgets = {b.partnership_id: b for b in Budget.objects.for_consortium(consortium).filter(
        partnership__in=partnerships, starts_on__lte=today, ends_on__gte=today).select_related("holder")}
    from partnerships.selectors import held_roles

    held = sorted(held_roles(user, consortium), key=lambda r: r.organisation.name if r.organisation else "")
    is_admin = has_consortium_perm(user, "consortia.administer_consortium", consortium)
    manages = {r.partnership_id for r in held if MANAGE in role_registry.permissions_for({r.role})}
    represented = [r for r in held if r.role == "representative" and r.organisation_id
                   and r.partnership_id in budgets]
    figures: dict[tuple[int, int], dict] = {}
    if represented:
        budget_ids = [budgets[r.partnership_id].pk for r in represented]
        organisation_ids = [r.organisation_id for r in represented]
        for row in (Charge.objects.for_consortium(consortium)
                    .filter(budget_id__in=budget_ids, organisation_id__in=organisation_ids, status__in=COUNTED)
                    .values("budget_id", "organisation_id")
                    .annotate(charged=Sum("amount_pence"),
                              received=Sum("amount_pence", filter=Q(status=Charge.Status.PAID)))):
            figures[(row["budget_id"], row["organisation_id"])] = {
                "balance": (row["charged"] or 0) - (row["received"] or 0), "received": row["received"] or 0}
        for row in (Payment.objects.for_consortium(consortium)
                    .filter(budget_id__in=budget_ids, payee_id__in=organisation_ids, status=Payment.Status.APPROVED)
                    .values("budget_id", "payee_id").annotate(owed=Sum("amount_pence"))):
            figures.setdefault((row["budget_id"], row["payee_id"]), {"balance": 0, "received": 0})["owed"] = \
                row["owed"] or 0
    rows = []
    for partnership in partnerships:
        budget = budgets.get(partnership.pk)
        schools = []
        for role in represented:
            if role.partnership_id == partnership.pk:
                found = figures.get((budget.pk, role.organisation_id), {})
                schools.append({"organisation": role.organisation, "balance": found.get("balance", 0),
                                "received": found.get("received", 0), "owed_to_school": found.get("owed", 0)})
        rows.append({"partnership": partnership, "budget": budget, "schools": schools,
                     "can_manage": is_admin or partnership.pk in manages})
    return rows
