"""Production settings come from the environment and pass `check --deploy`."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "atelier.settings.base",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "x9Q2" * 12,
    "DJANGO_ALLOWED_HOSTS": "atelierruimtekempen.be",
    "DJANGO_ENV_FILE": "/dev/null",  # not the development .env
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_only_what_the_readme_explains():
    result = manage("check", "--deploy", env=PRODUCTION_ENV)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "ERRORS" not in output, output
    reported = set(re.findall(r"\((\w+\.[EW]\d+)\)", output))
    checks = (ROOT / "README.md").read_text().split("### Checks", 1)[1]
    explained = set(re.findall(r"`(\w+\.[EW]\d+)`", checks))
    assert reported <= explained, f"not explained in the README: {reported - explained}"
    assert "gis.W001" in explained  # the silenced check is explained too


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable" in result.stderr


def test_development_runs_without_a_secret_key():
    env = {**PRODUCTION_ENV, "DJANGO_DEBUG": "true"}
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode == 0, result.stderr
