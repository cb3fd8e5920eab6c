"""Opt-in pytest plugin: run tests' bodies as a non-owner role, so row-level security binds.

    PYTHONPATH=. .venv/bin/pytest -p tests.rls_enforce tests/governance

The suite normally connects as a superuser, which bypasses RLS. With this plugin each
database test's body (not its fixtures, which create rows in several consortia) runs as a
role that is neither superuser nor owner, with the explicit bypass on for the test's own
direct queries. Requests and Celery tasks inside the test start from "nothing visible" and
set their own consortium, exactly as in production, so any page or task that reads or writes
tenant rows without going through the middleware, a task's consortium_id or
`cross_consortium(reason)` fails here instead of silently in production.
"""

import os

import pytest

ROLE = f"rls_enforce_{os.getpid()}"


def _create_role(connection) -> None:
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROLE]).fetchone():
            admin.execute(f"CREATE ROLE {ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS")
        admin.execute(f"GRANT USAGE ON SCHEMA public TO {ROLE}")
        admin.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ROLE}")
        admin.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {ROLE}")


_created = set()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    uses_db = (marker is not None or "db" in names) and "transactional_db" not in names \
        and not (marker and marker.kwargs.get("transaction")) and "as_app_role" not in names
    if not uses_db:
        yield
        return
    from django.db import connection

    from consortia import tenancy

    if connection.alias not in _created:
        _create_role(connection)
        _created.add(connection.alias)
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {ROLE}")
    previous = tenancy._set_state(tenancy.TenantState(cross_consortium=True))
    try:
        yield
    finally:
        tenancy._set_state(previous)
        if connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")


def pytest_sessionfinish(session):
    if not _created:
        return
    import psycopg
    from django.db import connection

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params["dbname"] = "postgres"  # the test database (and the role's grants in it) is gone by now
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f"DROP ROLE IF EXISTS {ROLE}")
