"""Audit the locked dependencies for known vulnerabilities (pip-audit over uv.lock).

    .venv/bin/python .ci/audit.py            # exit 1 on a known vulnerability

pip-audit asks a vulnerability database on the network (PyPI's JSON API). When it cannot be
reached, pip-audit skips every package and still exits 0, which would read as "no
vulnerabilities". This script says plainly that nothing was audited instead, and:
  - exits 1 when any locked package has a known vulnerability (always);
  - exits 2 when the database could not be reached or packages were skipped, if
    AUDIT_REQUIRED=1 (set it where CI has network access);
  - otherwise prints "NOT AUDITED" with the reason and exits 0, so an offline machine's CI
    still runs the tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def verdict(report: dict, *, required: bool) -> tuple[int, list[str]]:
    """The exit code and the lines to print for pip-audit's JSON report."""
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    lines = [f"{d['name']} {d['version']}: {v['id']} "
             f"(fixed in {', '.join(v.get('fix_versions') or ['no release yet'])})"
             for d in vulnerable for v in d["vulns"]]
    if vulnerable:
        return 1, [f"KNOWN VULNERABILITIES in {len(vulnerable)} locked package(s):", *lines]
    if skipped:
        reason = skipped[0]["skip_reason"]
        head = f"NOT AUDITED: {len(skipped)} of {len(deps)} locked packages could not be checked ({reason})"
        return (2 if required else 0), [head, "Set AUDIT_REQUIRED=1 to make this fail." if not required else ""]
    return 0, [f"audited {len(deps)} locked packages: no known vulnerabilities"]


def main() -> int:
    required = os.environ.get("AUDIT_REQUIRED") == "1"
    uv = os.environ.get("UV") or "uv"
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        subprocess.run([uv, "export", "--frozen", "--no-hashes", "--no-emit-project", "--format",
                        "requirements-txt", "--quiet", "-o", str(requirements)], cwd=ROOT, check=True)
        run = subprocess.run([sys.executable, "-m", "pip_audit", "-r", str(requirements), "--no-deps",
                              "--disable-pip", "--progress-spinner", "off", "-f", "json"],
                             capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        # pip-audit itself failed (no network for the database it was told to use, a bad lock export).
        print(f"NOT AUDITED: pip-audit failed: {run.stderr.strip().splitlines()[-1:] or run.returncode}")
        return 2 if required else 0
    code, lines = verdict(report, required=required)
    print("\n".join(line for line in lines if line))
    return code


if __name__ == "__main__":
    sys.exit(main())
