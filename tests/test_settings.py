"""Settings fail fast, with a clear message, when production is missing something it needs."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def run_check(**env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_a_secret_key_stops_with_a_clear_message():
    result = run_check(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="kb.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_off_without_allowed_hosts_stops_with_a_clear_message():
    result = run_check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_a_misspelt_debug_flag_is_refused():
    result = run_check(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_production_settings_start_when_given_what_they_need():
    result = run_check(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="kb.example.org"
    )
    assert result.returncode == 0, result.stderr
