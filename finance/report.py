"""The annual report's finance section: budget against actual, each member's shares and payments,
and PD hours delivered and released, for the academic year (as of today while it runs)."""

from __future__ import annotations

from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.models import Partnership
from reporting.sections import Chart, Figure, ReportYear, Section

from . import selectors
from .models import Budget, Charge, Payment
from .money import format_pence, hours_label


def gather(partnership: Partnership, year: ReportYear) -> dict | None:
    """A fixed number of queries: the budgets overlapping the year, then a few per budget (one or two)."""
    budgets = list(Budget.objects.for_consortium(partnership.consortium_id)
                   .filter(partnership=partnership, starts_on__lte=year.end, ends_on__gte=year.start)
                   .select_related("holder").order_by("starts_on"))
    release = selectors.release_totals(partnership, year.start, year.as_of)
    if not budgets and not release["minutes"]:
        return None
    blocks = []
    for budget in budgets:
        members: dict[int, dict] = {}
        for row in (Charge.objects.for_consortium(budget.consortium_id)
                    .filter(budget=budget, status__in=selectors.COUNTED)
                    .values("organisation_id", "organisation__name")
                    .annotate(charged=Sum("amount_pence", filter=Q(kind=Charge.Kind.CHARGE)),
                              credited=Sum("amount_pence", filter=Q(kind=Charge.Kind.CREDIT_NOTE)),
                              received=Sum("amount_pence", filter=Q(status=Charge.Status.PAID)))):
            members[row["organisation_id"]] = {"name": row["organisation__name"], "charged": row["charged"] or 0,
                                               "credited": -(row["credited"] or 0), "received": row["received"] or 0,
                                               "paid_to": 0}
        for row in (Payment.objects.for_consortium(budget.consortium_id)
                    .filter(budget=budget, status__in=selectors.COMMITTED)
                    .values("payee_id", "payee__name").annotate(total=Sum("amount_pence"))):
            members.setdefault(row["payee_id"], {"name": row["payee__name"], "charged": 0, "credited": 0,
                                                 "received": 0, "paid_to": 0})["paid_to"] = row["total"] or 0
        blocks.append({"budget": budget, "summary": selectors.budget_summary(budget),
                       "members": sorted(members.values(), key=lambda m: m["name"])})
    return {"blocks": blocks, "release": release, "release_hours": hours_label(release["minutes"]),
            "released_hours": hours_label(release["free"]), "chargeable_hours": hours_label(release["chargeable"]),
            "in_progress": year.as_of < year.end}


def charts(data: dict) -> list[Chart]:
    from reporting.charts import bar_chart

    drawn = []
    for block in data["blocks"]:
        rows = [*block["summary"].spending, *block["summary"].income]
        if not rows:
            continue
        drawn.append(bar_chart(
            key=f"finance-{block['budget'].pk}", horizontal=True,
            title=_("Budget %(year)s: planned against actual") % {"year": block["budget"].label},
            description=_("Planned and actual amounts in pounds for each budget line; the same figures are in the "
                          "table."),
            labels=[row.label[:40] for row in rows],
            series=[(_("Planned"), [row.planned_pence / 100 for row in rows]),
                    (_("Actual"), [(row.actual_pence or 0) / 100 for row in rows])]))
    return drawn


def summarise(data: dict) -> dict:
    charged = sum(block["summary"].charged_pence for block in data["blocks"])
    return {"finance_charged": format_pence(charged), "pd_hours": data["release_hours"]}


SECTION = Section(
    key="finance", order=80, title=gettext_lazy("Finance"), gather=gather, template="finance/report_section.html",
    charts=charts, summarise=summarise,
    figures=(Figure("finance_charged", gettext_lazy("Charged to members"), "text"),
             Figure("pd_hours", gettext_lazy("PD hours delivered"), "text")),
)
