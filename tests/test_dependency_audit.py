"""CI's dependency audit fails on a known vulnerability and never reports an audit it could not do."""

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location("ci_audit", Path(__file__).parent.parent / ".ci" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

# The shapes pip-audit's JSON report (-f json) takes.
CLEAN = {"dependencies": [{"name": "django", "version": "5.2.9", "vulns": []}], "fixes": []}
VULNERABLE = {"dependencies": [
    {"name": "django", "version": "5.2.1", "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"]}]},
    {"name": "celery", "version": "5.5.0", "vulns": []}], "fixes": []}
OFFLINE = {"dependencies": [
    {"name": "django", "version": "5.2.9",
     "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2.9)"}], "fixes": []}


@pytest.mark.parametrize("required", [False, True])
def test_a_known_vulnerability_fails_whatever_the_setting(required):
    code, lines = audit.verdict(VULNERABLE, required=required)

    assert code == 1
    assert "django 5.2.1: PYSEC-2025-1 (fixed in 5.2.2)" in lines


def test_a_clean_audit_passes():
    assert audit.verdict(CLEAN, required=True) == (0, ["audited 1 locked packages: no known vulnerabilities"])


def test_an_unreachable_database_says_not_audited_and_fails_when_required():
    code_offline, lines = audit.verdict(OFFLINE, required=False)
    code_required, _ = audit.verdict(OFFLINE, required=True)

    assert lines[0].startswith("NOT AUDITED: 1 of 1 locked packages could not be checked")
    assert (code_offline, code_required) == (0, 2)
