"""How far the schema is from Citus: `consortium_id` as every tenant table's distribution column.

Citus co-locates the rows of all distributed tables that share a distribution column value, so
one consortium's rows live on one worker and its joins stay there. For that it requires:

1. every tenant table carries the distribution column itself (not through a parent row);
2. every primary key and unique constraint of a distributed table includes it;
3. a foreign key between two distributed tables includes it on both sides;
4. a reference table (replicated to every worker: users, permissions, content types, the
   consortium list itself) never references a distributed table.

`check()` inspects the models, not a database, and sorts what it finds into

- `broken`: something that contradicts the plan itself (a table holding tenant rows without
  `consortium_id`, a global table pointing into tenant rows). These must stay at zero: the
  test fails on one, so a new app cannot drift away from the route;
- `to_change`: the schema work a move to Citus still needs, reported honestly rather than done
  now: the `id` primary keys would become `(consortium_id, id)`, single-column foreign keys
  between tenant tables `(consortium_id, x_id)`, and the few globally unique tokens would
  include `consortium_id`. (Django 5.2 has CompositePrimaryKey but no foreign keys to it yet.)

    python manage.py citus_check          exit 1 if anything is broken
    python manage.py citus_check --strict exit 1 as well while any change is still to do
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps

from . import tenancy


@dataclass(frozen=True)
class Finding:
    table: str
    kind: str
    detail: str


@dataclass
class Report:
    distributed: list[str]
    reference: list[str]
    broken: list[Finding]
    to_change: list[Finding]

    @property
    def ready(self) -> bool:
        return not self.broken and not self.to_change


def _columns(model, field_names) -> list[str]:
    return [model._meta.get_field(name).column for name in field_names]


def _unique_sets(model) -> list[tuple[str, list[str]]]:
    found = []
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            found.append((f"unique {field.column}", [field.column]))
    for fields in model._meta.unique_together:
        found.append((f"unique_together {tuple(fields)}", _columns(model, fields)))
    for constraint in model._meta.constraints:
        fields = getattr(constraint, "fields", None)
        if fields and constraint.__class__.__name__ == "UniqueConstraint":
            found.append((f"constraint {constraint.name}", _columns(model, fields)))
    return found


def check(models=None) -> Report:
    models = [m for m in (models if models is not None else apps.get_models(include_auto_created=True))
              if m._meta.managed and not m._meta.proxy]
    tenant = {m for m in models if m in set(tenancy.tenant_models()) or _has_consortium_column(m)}
    broken: list[Finding] = []
    to_change: list[Finding] = []
    for model in sorted(models, key=lambda m: m._meta.db_table):
        table = model._meta.db_table
        tenant_links = [f for f in model._meta.concrete_fields
                        if f.is_relation and f.related_model in tenant and f.db_constraint]
        if model not in tenant:
            for field in tenant_links:
                broken.append(Finding(table, "reference table points at tenant rows",
                                      f"{field.column} → {field.related_model._meta.db_table}: a table holding "
                                      "one consortium's rows must carry consortium_id itself"))
            continue
        pk = model._meta.pk
        if pk.column != "consortium_id":
            to_change.append(Finding(table, "primary key", f"({pk.column}) → (consortium_id, {pk.column})"))
        for name, columns in _unique_sets(model):
            if "consortium_id" not in columns:
                to_change.append(Finding(table, "unique without consortium_id",
                                         f"{name} {tuple(columns)} → add consortium_id"))
        for field in tenant_links:
            to_change.append(Finding(table, "foreign key between tenant tables",
                                     f"({field.column}) → {field.related_model._meta.db_table}: "
                                     f"(consortium_id, {field.column}) → (consortium_id, id)"))
    return Report(
        distributed=sorted(m._meta.db_table for m in tenant),
        reference=sorted(m._meta.db_table for m in models if m not in tenant),
        broken=broken, to_change=to_change,
    )


def _has_consortium_column(model) -> bool:
    from .models import Consortium

    return model is not Consortium and any(
        f.column == "consortium_id" and f.is_relation and f.related_model is Consortium
        for f in model._meta.concrete_fields)


def render(report: Report) -> str:
    lines = [
        f"Distributed by consortium_id: {len(report.distributed)} tables; "
        f"reference tables: {len(report.reference)}.",
        f"Broken (must be none): {len(report.broken)}",
    ]
    lines += [f"  {f.table}: {f.kind}: {f.detail}" for f in report.broken]
    kinds: dict[str, int] = {}
    for finding in report.to_change:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    lines.append(f"Still to change for Citus: {len(report.to_change)} "
                 f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items())) or 'nothing'})")
    lines += [f"  {f.table}: {f.kind}: {f.detail}" for f in report.to_change]
    lines.append("Reference tables: " + ", ".join(report.reference))
    lines.append("READY for Citus" if report.ready else
                 ("NOT READY: the plan holds; the changes above remain" if not report.broken
                  else "BROKEN: fix the tables above first"))
    return "\n".join(lines)
