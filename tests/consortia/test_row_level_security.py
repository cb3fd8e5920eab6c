"""The database's tenancy backstop: a query that forgets its consortium filter returns nothing.

The suite connects as a superuser, who bypasses row-level security, so each test here switches
(inside its own transaction) to a freshly created role that is neither superuser nor owner, as
the application's production role is.
"""

import datetime as dt
import os

import pytest
from celery import shared_task
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from consortia import tenancy
from governance.models import Meeting

APP_ROLE = f"rls_app_test_{os.getpid()}"  # roles are cluster-wide; xdist workers share the server


@pytest.fixture
def as_app_role(db):
    """Become a non-owner, non-superuser role for the rest of the test transaction."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
        cursor.execute(f"SET ROLE {APP_ROLE}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def meeting_in(partnership, title):
    starts = timezone.now() + dt.timedelta(days=7)
    return Meeting.objects.create(consortium=partnership.consortium, partnership=partnership, title=title,
                                  starts_at=starts, ends_at=starts + dt.timedelta(hours=2))


@pytest.fixture
def meetings(partnership, other_partnership):
    return meeting_in(partnership, "Taf board"), meeting_in(other_partnership, "Exceed board")


def raw_titles() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT title FROM {Meeting._meta.db_table} ORDER BY title")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_an_unfiltered_query_sees_only_the_current_consortium(meetings, consortium, as_app_role):
    with tenancy.consortium_scope(consortium.pk):
        titles = list(Meeting.objects.values_list("title", flat=True))
        raw = raw_titles()

    assert titles == ["Taf board"]
    assert raw == ["Taf board"]


@pytest.mark.django_db
def test_with_no_consortium_set_nothing_is_visible(meetings, as_app_role):
    assert list(Meeting.objects.all()) == []
    assert raw_titles() == []


@pytest.mark.django_db
def test_after_a_scope_ends_nothing_is_visible_again(meetings, consortium, as_app_role):
    with tenancy.consortium_scope(consortium.pk):
        pass

    assert raw_titles() == []


@pytest.mark.django_db
def test_the_explicit_bypass_sees_every_consortium(meetings, as_app_role, caplog):
    with caplog.at_level("INFO", logger="consortia.tenancy"), tenancy.cross_consortium("test: audit"):
        titles = raw_titles()

    assert titles == ["Exceed board", "Taf board"]
    assert "cross-consortium access: test: audit" in caplog.text


@pytest.mark.django_db
def test_writing_another_consortiums_row_is_refused(consortium, other_partnership, as_app_role):
    with tenancy.consortium_scope(consortium.pk), pytest.raises(DatabaseError, match="row-level security"), \
            transaction.atomic():
        meeting_in(other_partnership, "Smuggled in")


@pytest.mark.django_db
def test_moving_a_row_to_another_consortium_is_refused(meetings, consortium, other_consortium, as_app_role):
    with tenancy.consortium_scope(consortium.pk), pytest.raises(DatabaseError, match="row-level security"), \
            transaction.atomic():
        Meeting.objects.filter(title="Taf board").update(consortium_id=other_consortium.pk)


@pytest.mark.django_db
def test_a_page_request_sees_its_consortium_only(client, meetings, representative, consortium, as_app_role):
    client.force_login(representative)

    response = client.get(f"/{consortium.slug}/meetings/")

    assert response.status_code == 200
    assert "Taf board" in response.text
    assert raw_titles() == []  # and the request put the connection back as it was


@pytest.mark.django_db
def test_the_home_page_lists_my_consortia_through_the_bypass(client, representative, other_consortium,
                                                           as_app_role):
    from consortia.services import membership_ensure

    with tenancy.cross_consortium("test set-up"):
        membership_ensure(consortium=other_consortium, user=representative)
    client.force_login(representative)

    response = client.get("/?choose=1")

    assert "Taf Valley Schools" in response.text
    assert "Exceed Teaching School Hub" in response.text


@shared_task
def count_visible_meetings(consortium_id: int) -> int:
    return Meeting.objects.count()


@shared_task
def count_meetings_without_a_consortium() -> int:
    return Meeting.objects.count()


@pytest.mark.django_db
def test_a_task_sees_the_consortium_it_was_given_and_only_for_its_run(meetings, other_consortium, as_app_role):
    seen = count_visible_meetings.apply(args=(other_consortium.pk,)).get()

    assert seen == 1
    assert raw_titles() == []


@pytest.mark.django_db
def test_a_task_without_a_consortium_sees_nothing(meetings, as_app_role):
    assert count_meetings_without_a_consortium.apply().get() == 0


@pytest.mark.django_db
def test_every_tenant_table_has_row_level_security_and_the_policy():
    tables = tenancy.tenant_tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relrowsecurity AND relname = ANY(%s)", [tables])
        protected = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tablename FROM pg_policies WHERE policyname = %s AND tablename = ANY(%s)",
                       [tenancy.POLICY_NAME, tables])
        with_policy = {row[0] for row in cursor.fetchall()}

    assert len(tables) > 60  # every TenantModel, guardian's partnership permissions and history tables
    assert set(tables) - protected == set()
    assert set(tables) - with_policy == set()


def test_every_tenant_model_is_covered():
    from django.apps import apps

    from consortia.models import TenantModel

    tenant_subclasses = {m._meta.db_table for m in apps.get_models() if issubclass(m, TenantModel)}

    assert tenant_subclasses - set(tenancy.tenant_tables()) == set()
    assert "partnerships_partnershipuserobjectpermission" in tenancy.tenant_tables()


@pytest.mark.django_db
def test_applying_the_policies_again_changes_nothing():
    first = tenancy.rls_apply()

    assert tenancy.rls_apply() == first


@pytest.mark.django_db
def test_migrate_creates_the_app_role_bound_by_the_policies(meetings, consortium):
    role = f"rls_app_url_{os.getpid()}"

    tenancy.app_role_ensure(f"postgres://{role}:s3cret'quote@db:5432/partneriaeth")

    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = %s", [role])
        assert cursor.fetchone() == (False, False, True)
        cursor.execute(f"SET ROLE {role}")
    try:
        unscoped = raw_titles()
        with tenancy.consortium_scope(consortium.pk):
            scoped = raw_titles()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")

    assert unscoped == []
    assert scoped == ["Taf board"]


@pytest.mark.django_db
def test_ending_an_admin_role_in_one_consortium_keeps_the_admin_elsewhere(consortium, other_consortium,
                                                                          as_app_role):
    from consortia.services import consortium_role_end, consortium_role_grant

    from ..factories import UserFactory

    with tenancy.cross_consortium("test set-up"):
        user = UserFactory(email="both@taf.cymru")
        consortium_role_grant(consortium=consortium, user=user, role="consortium_admin")
        consortium_role_grant(consortium=other_consortium, user=user, role="consortium_admin")

    with tenancy.consortium_scope(consortium.pk):
        consortium_role_end(consortium=consortium, user=user, role="consortium_admin")
    user.refresh_from_db()

    assert user.is_staff


def test_a_tasks_consortium_is_found_positionally_or_by_name_bound_or_not():
    from consortia.tasks import outbox_send, outbox_sweep
    from reporting.tasks import report_build

    assert tenancy._task_consortium_id(outbox_send, (5, 7), {}) == 5  # bind=True
    assert tenancy._task_consortium_id(report_build, (), {"consortium_id": 3, "build_id": 1}) == 3
    assert tenancy._task_consortium_id(outbox_sweep, (), {}) is None
