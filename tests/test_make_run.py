"""`make run` points the links in its emails at the server it starts, whatever PORT is."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def planned_run(**env) -> str:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    inherited = {name: value for name, value in os.environ.items() if name not in ("PORT", "SITE_URL")}
    result = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**inherited, **env})
    return result.stdout


def test_the_default_site_url_follows_port():
    assert "Links in emails point at http://127.0.0.1:8123" in planned_run(PORT="8123")


def test_a_site_url_given_wins():
    assert "Links in emails point at https://partneriaeth.example" in planned_run(
        PORT="8123", SITE_URL="https://partneriaeth.example")
