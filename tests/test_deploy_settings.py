"""Production settings pass Django's deployment checks and refuse a weak secret key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(secret_key):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": secret_key,
           "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3"}
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def test_check_deploy_is_clean():
    result = run_check("k" * 10 + "-Zq8v1R7sT0pL3mN6bV9cX2zA5sD8fG1hJ4kL7qW0eR3tY6uI9oP")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_weak_secret_key_is_refused():
    result = run_check("short")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
