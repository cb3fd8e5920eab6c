"""The route to Citus: consortium_id as every tenant table's distribution column (consortia/citus.py)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import models
from django.test.utils import isolate_apps

from consortia import citus
from consortia.models import TenantModel


def test_the_models_hold_to_the_citus_plan_today():
    report = citus.check()

    assert report.broken == []
    assert "governance_meeting" in report.distributed
    assert "partnerships_partnershipuserobjectpermission" in report.distributed
    assert {"accounts_user", "consortia_consortium", "auth_permission", "django_content_type"} <= set(
        report.reference)


def test_the_work_still_needed_is_reported_not_hidden():
    report = citus.check()
    changes = {(f.table, f.kind) for f in report.to_change}

    # Each table's `id` alone does not include the distribution column; nor does a plain foreign key.
    assert ("governance_meeting", "primary key") in changes
    assert ("governance_meeting", "foreign key between tenant tables") in changes
    # Tokens are unique across consortia today, so a link can be looked up without knowing one.
    assert ("governance_calendarfeed", "unique without consortium_id") in changes
    assert not report.ready


def test_the_command_prints_the_report_and_fails_only_when_strict(capsys):
    call_command("citus_check")
    out = capsys.readouterr().out

    assert "Broken (must be none): 0" in out
    assert "governance_meeting: primary key: (id) → (consortium_id, id)" in out
    with pytest.raises(CommandError):
        call_command("citus_check", "--strict")


@isolate_apps("consortia")
def test_a_table_that_breaks_the_plan_is_caught():
    class Ledger(TenantModel):
        reference = models.CharField(max_length=20, unique=True)

        class Meta:
            app_label = "consortia"

    class LedgerNote(models.Model):  # holds tenant rows, but forgot its own consortium
        ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE)

        class Meta:
            app_label = "consortia"

        def __str__(self) -> str:
            return str(self.pk)

    report = citus.check([Ledger, LedgerNote])

    assert [(f.table, f.kind) for f in report.broken] == [
        ("consortia_ledgernote", "reference table points at tenant rows")]
    assert ("consortia_ledger", "unique without consortium_id") in {(f.table, f.kind) for f in report.to_change}
