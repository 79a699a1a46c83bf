"""`manage.py create_editor NAME`: a staff account in the Editors group, or a clear refusal."""

import io
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
User = get_user_model()


def create_editor(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command("create_editor", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_an_editor_is_created_with_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("KB_EDITOR_PASSWORD", "correct-horse-battery")
    output = create_editor("hanako", email="hanako@example.org")
    assert "Created the editor “hanako”" in output
    user = User.objects.get(username="hanako")
    assert user.is_staff and not user.is_superuser
    assert user.check_password("correct-horse-battery")
    assert user.email == "hanako@example.org"
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]


def test_an_existing_name_is_refused_and_nothing_changes(monkeypatch):
    existing = User.objects.create_user("Hanako", password="the-original-password")
    monkeypatch.setenv("KB_EDITOR_PASSWORD", "correct-horse-battery")
    with pytest.raises(CommandError, match="There is already a user called “hanako”"):
        create_editor("hanako")
    existing.refresh_from_db()
    assert existing.check_password("the-original-password")
    assert not existing.is_staff
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "This password is too short"),
        ("password123", "This password is too common"),
        ("83749201938475", "This password is entirely numeric"),
        ("hanako2016", "The password is too similar to the username"),
    ],
)
def test_a_password_the_validators_refuse_creates_nothing(monkeypatch, password, message):
    monkeypatch.setenv("KB_EDITOR_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        create_editor("hanako")
    assert not User.objects.exists()


def test_an_invalid_user_name_is_refused(monkeypatch):
    monkeypatch.setenv("KB_EDITOR_PASSWORD", "correct-horse-battery")
    with pytest.raises(CommandError, match="Enter a valid username"):
        create_editor("hanako sato!")
    assert not User.objects.exists()


def test_without_a_terminal_or_the_variable_it_says_what_to_do(monkeypatch):
    monkeypatch.delenv("KB_EDITOR_PASSWORD", raising=False)
    assert not sys.stdin.isatty()
    with pytest.raises(CommandError, match="No password: set KB_EDITOR_PASSWORD"):
        create_editor("hanako")
    assert not User.objects.exists()


def test_without_the_editors_group_it_asks_for_the_migrations(monkeypatch):
    Group.objects.filter(name="Editors").delete()
    monkeypatch.setenv("KB_EDITOR_PASSWORD", "correct-horse-battery")
    with pytest.raises(CommandError, match="run `python manage.py migrate` first"):
        create_editor("hanako")
    assert not User.objects.exists()


# The password prompt, in a real pseudo-terminal, against a database of its own --------------------


def run_in_terminal(args, answers, env, timeout=60) -> tuple[int, str]:
    """Run manage.py with a pseudo-terminal as its controlling terminal; answer each prompt."""
    controller, terminal = pty.openpty()

    def become_terminal_owner():
        import fcntl
        import termios

        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
        preexec_fn=become_terminal_owner,
    )
    os.close(terminal)
    output, answers, deadline = b"", list(answers), time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closes when the command ends
                break
            if not chunk:
                break
            output += chunk
            # getpass writes its prompt once echo is off; answer only a prompt, never its newline.
            if answers and output.endswith(b": "):
                os.write(controller, answers.pop(0).encode() + b"\n")
        elif process.poll() is not None:
            break
    process.wait(timeout=10)
    os.close(controller)
    return process.returncode, output.decode(errors="replace")


@pytest.fixture
def own_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"KB_EDITOR_PASSWORD", "DATABASE_URL"}}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'editor.sqlite3'}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=PROJECT,
        env=env,
        check=True,
        timeout=120,
    )
    return env


def count_editors(env) -> str:
    code = (
        "from django.contrib.auth.models import User;"
        "print(User.objects.filter(groups__name='Editors', is_staff=True).count())"
    )
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split()[-1]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pseudo-terminal")
def test_the_password_is_prompted_for_twice_in_a_terminal(own_database):
    code, output = run_in_terminal(
        ["create_editor", "hanako"], ["correct-horse-battery"] * 2, own_database
    )
    assert code == 0, output
    assert "Password:" in output and "Password (again):" in output
    assert "correct-horse-battery" not in output  # not echoed
    assert "Created the editor “hanako”" in output
    assert count_editors(own_database) == "1"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pseudo-terminal")
def test_two_different_passwords_at_the_prompt_create_nothing(own_database):
    code, output = run_in_terminal(
        ["create_editor", "hanako"], ["correct-horse-battery", "correct-horse-batter"], own_database
    )
    assert code != 0
    assert "The two passwords differ; nothing was created." in output
    assert count_editors(own_database) == "0"
