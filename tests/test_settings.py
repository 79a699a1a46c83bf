"""Settings fail closed: production is the default, and start-up stops with a clear message when
a deployment is missing something it needs. Each test starts manage.py in a fresh process with a
chosen environment (none of the caller's DJANGO_ variables)."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-key-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "kb.example.org",
}


def manage(*args: str, **env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_check(**env_overrides) -> subprocess.CompletedProcess:
    return manage("check", **env_overrides)


def read_settings(*names: str, **env_overrides) -> dict:
    code = "import json; from django.conf import settings as s; "
    code += f"print(json.dumps({{n: getattr(s, n, None) for n in {list(names)!r}}}))"
    result = manage("shell", "-v0", "-c", code, **env_overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_off_unless_asked_for():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_DEBUG"}
    assert read_settings("DEBUG", **env) == {"DEBUG": False}


def test_nothing_set_at_all_stops_start_up_rather_than_running_in_debug_mode():
    result = run_check()
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_debug_off_without_a_secret_key_stops_with_a_clear_message():
    result = run_check(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="kb.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_off_with_a_development_key_stops_with_a_clear_message():
    result = run_check(
        **{**PRODUCTION, "DJANGO_SECRET_KEY": "django-insecure-copied-from-a-tutorial"}
    )
    assert result.returncode != 0
    assert "is a development key" in result.stderr


def test_debug_on_with_a_public_host_and_no_key_stops_start_up():
    result = run_check(DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS="localhost,kb.example.org")
    assert result.returncode != 0
    assert "admits a host other than this machine (kb.example.org)" in result.stderr


def test_debug_on_behind_loopback_names_starts_with_the_development_key():
    result = run_check(DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1,[::1]")
    assert result.returncode == 0, result.stderr


def test_debug_off_without_allowed_hosts_stops_with_a_clear_message():
    result = run_check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_a_misspelt_debug_flag_is_refused():
    result = run_check(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_production_settings_start_when_given_what_they_need():
    result = run_check(**PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_silent_with_only_the_three_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr and "issue" not in result.stderr.lower()


def test_plain_http_is_an_explicit_opt_out_that_check_deploy_reports():
    values = read_settings(
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        **PRODUCTION,
        DJANGO_PLAIN_HTTP="1",
    )
    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
    }
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, DJANGO_PLAIN_HTTP="1"
    )
    assert result.returncode != 0
    assert "security.W008" in result.stderr  # no HTTPS redirect: said aloud, not hidden


def test_proxy_header_and_trusted_origins_come_from_the_environment():
    values = read_settings(
        "SECURE_PROXY_SSL_HEADER",
        "CSRF_TRUSTED_ORIGINS",
        "TRUSTED_PROXY_COUNT",
        **PRODUCTION,
        DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto=https",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://kb.example.org, https://www.kb.example.org",
        DJANGO_TRUSTED_PROXY_COUNT="1",
    )
    assert values == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "CSRF_TRUSTED_ORIGINS": ["https://kb.example.org", "https://www.kb.example.org"],
        "TRUSTED_PROXY_COUNT": 1,
    }


def test_a_malformed_proxy_header_is_refused():
    result = run_check(**PRODUCTION, DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert result.returncode != 0
    assert "DJANGO_SECURE_PROXY_SSL_HEADER must look like" in result.stderr


def test_a_trusted_origin_without_a_scheme_is_refused():
    result = run_check(**PRODUCTION, DJANGO_CSRF_TRUSTED_ORIGINS="kb.example.org")
    assert result.returncode != 0
    assert "DJANGO_CSRF_TRUSTED_ORIGINS entries start with https://" in result.stderr


def test_the_readme_lists_every_environment_variable_the_settings_read():
    import re

    source = (PROJECT / "alliance_kb" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:flag|int|list)\("([A-Z_]+)"', source))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    read.add("DATABASE_URL")  # read by dj_database_url.config()
    readme = (PROJECT / "README.md").read_text()
    assert len(read) > 10
    assert {name for name in read if f"`{name}`" not in readme} == set()
