"""Small modules with one job: none over ~300 lines unless it says at its top why."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 300
REASON = "Why this module is long:"


def hand_written_modules():
    for app in sorted(p for p in ROOT.iterdir() if (p / "apps.py").exists() or p.name == "bench"):
        for path in sorted(app.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_the_apps_are_found():
    names = {path.relative_to(ROOT).parts[0] for path in hand_written_modules()}
    assert {"core", "sources", "proposals", "search", "browse", "editorial"} <= names


def test_no_module_is_over_the_limit_without_a_reason_at_its_top():
    too_long = []
    for path in hand_written_modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > LIMIT and not any(REASON in line for line in lines[:15]):
            too_long.append(f"{path.relative_to(ROOT)}: {len(lines)} lines")
    assert not too_long, too_long
