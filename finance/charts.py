"""The budget page's chart: planned against actual, one pair of bars per line, as SVG shapes.

Drawn as plain SVG elements with presentation attributes (no style attributes, no script), so the
page needs no 'unsafe-inline' in its Content Security Policy; every bar is labelled with its
amount in words and the same figures are in the table beside it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .money import format_pence

# Sized so its 15-unit text reads at about 14px on a 390px phone and 18px in half a desktop page.
WIDTH = 380
BAR_SPACE = 175  # the rest holds the amounts
ROW = 56


def planned_against_actual(summary) -> dict | None:
    rows = [*summary.spending, *summary.income]
    if not rows:
        return None
    largest = max([1, *(r.planned_pence for r in rows), *((r.actual_pence or 0) for r in rows)])
    bars = []
    for index, row in enumerate(rows):
        top = index * ROW + 10
        planned_width = round(BAR_SPACE * row.planned_pence / largest, 1)
        actual = row.actual_pence
        actual_width = round(BAR_SPACE * (actual or 0) / largest, 1)
        kind = _("Income") if row.kind == "income" else _("Spending")
        bars.append({
            "label": f"{kind}: {row.label}"[:44], "label_y": top + 12,
            "planned_y": top + 18, "planned_width": max(planned_width, 1), "planned_text_x": planned_width + 6,
            "planned": _("planned %(amount)s") % {"amount": format_pence(row.planned_pence)},
            "actual_y": top + 34, "actual_width": max(actual_width, 1), "actual_text_x": actual_width + 6,
            "actual": _("actual %(amount)s") % {"amount": format_pence(actual)} if actual is not None
            else _("actual not recorded here"),
        })
    return {"width": WIDTH, "height": len(rows) * ROW + 20, "bars": bars}
