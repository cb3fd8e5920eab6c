"""The database's own tenancy backstop: PostgreSQL row-level security on every tenant-owned table.

The scoped querysets (`consortia.scoping`, selectors) remain the rule; this is what catches a
query that forgets its filter. Each connection carries two settings the policies read:

- `app.consortium_id`: the one consortium whose rows are visible and writable;
- `app.cross_consortium = 'on'`: the explicit, logged bypass for the few deliberate
  cross-consortium paths (a person's own pages across consortia, the admin, beat scanners,
  management commands, demo seeding). Only `cross_consortium(reason)` sets it.

Nothing set means nothing visible. The middleware sets the consortium for a request, Celery's
task signals for a task that takes `consortium_id`. Superusers and the tables' owner bypass RLS
in PostgreSQL, so migrations (run as the owner) and the test suite's superuser are unaffected;
the policies bind the application's own non-owner role (see README, "Database roles").

SQLite (the embedded default) has no row-level security: everything here is a no-op there.
"""

from __future__ import annotations

import inspect
import logging
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created

logger = logging.getLogger("consortia.tenancy")

POLICY_NAME = "consortium_isolation"
CONSORTIUM_SETTING = "app.consortium_id"
BYPASS_SETTING = "app.cross_consortium"
# NULLIF: a custom setting once set and then reset in a session reads as '' (not NULL), and
# ''::bigint would be an error rather than "no rows".
POLICY_PREDICATE = (
    f"current_setting('{BYPASS_SETTING}', true) = 'on' "
    f"OR consortium_id = NULLIF(current_setting('{CONSORTIUM_SETTING}', true), '')::bigint"
)


@dataclass(frozen=True)
class TenantState:
    consortium_id: int | None = None
    cross_consortium: bool = False


NOTHING = TenantState()


# --- Which tables -----------------------------------------------------------------------------

def tenant_models() -> list[type]:
    """Every concrete model whose rows belong to one consortium through its own `consortium_id`.

    TenantModel subclasses, and also models that carry the column without the base class:
    guardian's partnership permission rows and simple-history's historical tables. Found from
    the app registry, so an app added later is covered without doing anything.
    """
    from .models import Consortium

    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed or model is Consortium:
            continue
        field = next((f for f in model._meta.concrete_fields if f.name == "consortium"), None)
        if field is not None and field.is_relation and field.related_model is Consortium \
                and field.column == "consortium_id":
            found.append(model)
    return sorted(found, key=lambda m: m._meta.db_table)


def tenant_tables() -> list[str]:
    return sorted({m._meta.db_table for m in tenant_models()})


def rls_apply(using: str = DEFAULT_DB_ALIAS, verbosity: int = 1) -> list[str]:
    """Enable RLS and (re)create the isolation policy on every existing tenant table. Idempotent."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    existing = set(connection.introspection.table_names())
    tables = [t for t in tenant_tables() if t in existing]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ALTER TABLE {quote(table)} ENABLE ROW LEVEL SECURITY")
            cursor.execute(f"DROP POLICY IF EXISTS {POLICY_NAME} ON {quote(table)}")
            cursor.execute(
                f"CREATE POLICY {POLICY_NAME} ON {quote(table)} "
                f"USING ({POLICY_PREDICATE}) WITH CHECK ({POLICY_PREDICATE})"
            )
    if verbosity >= 2:
        logger.info("Row-level security applied to %d tenant tables", len(tables))
    return tables


def app_role_ensure(url: str, using: str = DEFAULT_DB_ALIAS) -> str | None:
    """Create the application's role if missing, and grant it row access to every table.

    The role is LOGIN but neither superuser, owner nor BYPASSRLS: the policies bind it. It
    gets no DDL rights, so the application cannot alter the schema or the policies.
    """
    import dj_database_url

    connection = connections[using]
    config = dj_database_url.parse(url)
    role, password = config.get("USER"), config.get("PASSWORD")
    if connection.vendor != "postgresql" or not role or role == connection.settings_dict.get("USER"):
        return None
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            # CREATE ROLE takes no bind parameters; the password is quoted as a literal.
            cursor.execute("SELECT quote_literal(%s)", [password or ""])
            literal = cursor.fetchone()[0]
            cursor.execute(f"CREATE ROLE {quote(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB "
                           f"NOCREATEROLE PASSWORD {literal}")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {quote(role)}")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quote(role)}")
        cursor.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quote(role)}")
    return role


def rls_apply_after_migrate(sender, using=DEFAULT_DB_ALIAS, verbosity=1, **kwargs) -> None:
    """post_migrate (connected once, for the consortia app): every app's migrations have run."""
    from django.conf import settings

    rls_apply(using=using, verbosity=verbosity)
    if getattr(settings, "DATABASE_APP_URL", ""):
        app_role_ensure(settings.DATABASE_APP_URL, using=using)


# --- The current consortium of a connection ---------------------------------------------------

def current_state(using: str = DEFAULT_DB_ALIAS) -> TenantState:
    return getattr(connections[using], "_tenant_state", NOTHING)


def _send(connection, state: TenantState) -> None:
    if connection.vendor != "postgresql" or connection.connection is None:
        return  # not connected yet: connection_created applies it
    raw = connection.connection
    from psycopg.pq import TransactionStatus

    if raw.info.transaction_status == TransactionStatus.INERROR:
        # The aborted transaction's rollback restores the settings it changed.
        return
    # On the raw connection: this is session set-up, not one of the page's queries, so it is
    # not counted by the query-count tests (it is one round trip when the state changes).
    raw.execute(
        "SELECT set_config(%s, %s, false), set_config(%s, %s, false)",
        [CONSORTIUM_SETTING, "" if state.consortium_id is None else str(int(state.consortium_id)),
         BYPASS_SETTING, "on" if state.cross_consortium else "off"],
    )


def _set_state(state: TenantState, using: str = DEFAULT_DB_ALIAS) -> TenantState:
    connection = connections[using]
    previous = getattr(connection, "_tenant_state", NOTHING)
    connection._tenant_state = state
    if state != previous:
        _send(connection, state)
    return previous


def _reapply_on_connect(sender, connection, **kwargs) -> None:
    # A persistent connection that was closed and reopened (health checks, Celery's per-task
    # close) keeps the state Python holds for it.
    state = getattr(connection, "_tenant_state", NOTHING)
    if state != NOTHING:
        _send(connection, state)


connection_created.connect(_reapply_on_connect, dispatch_uid="consortia.tenancy.reapply")


def activate_consortium(consortium_id: int) -> None:
    """Only this consortium's rows from here to the end of the enclosing scope (request, task)."""
    _set_state(TenantState(consortium_id=consortium_id))


@contextmanager
def consortium_scope(consortium_id: int | None, using: str = DEFAULT_DB_ALIAS):
    """Only this consortium's rows for the block (None: no rows at all), then as before."""
    previous = _set_state(TenantState(consortium_id=consortium_id), using)
    try:
        yield
    finally:
        _set_state(previous, using)


@contextmanager
def cross_consortium(reason: str, *, actor=None, using: str = DEFAULT_DB_ALIAS):
    """The one deliberate way to read or write across consortia: set the bypass, and log why.

    The queries inside must still be scoped by what the person may see (their memberships, an
    admin's consortia); this only stops the database refusing them.
    """
    _log_cross(reason, actor)
    previous = _set_state(TenantState(consortium_id=current_state(using).consortium_id, cross_consortium=True),
                          using)
    try:
        yield
    finally:
        _set_state(previous, using)


def enter_cross_consortium(reason: str, *, actor=None) -> None:
    """`cross_consortium` to the end of the enclosing scope (the request), for the middleware."""
    _log_cross(reason, actor)
    _set_state(TenantState(consortium_id=current_state().consortium_id, cross_consortium=True))


def _log_cross(reason: str, actor) -> None:
    who = getattr(actor, "pk", None) if actor is not None else None
    logger.info("cross-consortium access: %s (user %s)", reason, who,
                extra={"tenancy_reason": reason, "actor_id": who})


def cross_consortium_view(reason: str):
    """A view that is a person's own page across their consortia (home, calendar feed...)."""
    def decorator(view):
        from functools import wraps

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            with cross_consortium(reason, actor=getattr(request, "user", None)):
                return view(request, *args, **kwargs)
        return wrapped
    return decorator


# --- Celery -------------------------------------------------------------------------------------

_task_previous: dict[str, TenantState] = {}


def _task_consortium_id(task, args, kwargs) -> int | None:
    if kwargs and "consortium_id" in kwargs:
        return kwargs["consortium_id"]
    try:
        bound = inspect.signature(task.run).bind_partial(*(args or ()), **(kwargs or {}))
    except TypeError:
        return None
    return bound.arguments.get("consortium_id")


def task_prerun(sender=None, task_id=None, task=None, args=None, kwargs=None, **extra) -> None:
    """Every task starts with only its own consortium visible, or nothing.

    A task taking `consortium_id` works on that consortium; a scanner that sweeps them all
    says so with `cross_consortium(reason)` in its body.
    """
    consortium_id = _task_consortium_id(task, args, kwargs)
    _task_previous[task_id] = _set_state(TenantState(consortium_id=consortium_id))


def task_postrun(sender=None, task_id=None, **extra) -> None:
    _set_state(_task_previous.pop(task_id, NOTHING))
