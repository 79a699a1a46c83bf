"""Dependencies between the apps run one way: the import-linter contract in pyproject.toml.

The contract is checked on the project as it stands, and shown to catch an upward import in a
copy of the project where one is added.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contract_layers_every_app_and_allows_no_exceptions():
    contracts = CONTRACT["contracts"]
    layered = {
        app.strip()
        for contract in contracts
        if contract["type"] == "layers"
        for layer in contract["layers"]
        for app in layer.replace(":", "|").split("|")
    }
    apps = {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()} | {"alliance_kb"}
    assert apps <= layered
    assert set(CONTRACT["root_packages"]) == apps
    assert not any(contract.get("ignore_imports") for contract in contracts)


def test_no_app_imports_one_above_it():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    "module, upward",
    [
        ("core/models.py", "import sources.models"),
        ("sources/models.py", "from proposals import models"),
        ("proposals/services.py", "import search.index"),
        ("search/query.py", "from browse.selectors import querystrings"),
        ("browse/views.py", "import editorial.services"),
    ],
)
def test_an_upward_import_breaks_the_contract(tmp_path, module, upward):
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "*.sqlite3", "staticfiles"),
    )
    target = copy / module
    target.write_text(target.read_text() + f"\n{upward}  # noqa\n")
    result = lint_imports(copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert module.replace("/", ".").removesuffix(".py") in result.stdout
