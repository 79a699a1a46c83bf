"""Fixtures of the source tests."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sources.test_pdf_notes import brief, footnoted
from tests.sources.test_pdf_print import ARGS, CHROMIUM, PRINT


@pytest.fixture(scope="session")
def printed_briefs(tmp_path_factory):
    """Briefs with notes as Chromium prints them: 1 and 2 columns, and footnoted pages."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium`.")
    folder = tmp_path_factory.mktemp("notes")
    htmls = {1: brief(1), 2: brief(2), ("foot", 1): footnoted(1), ("foot", 2): footnoted(2)}
    jobs = {
        key: {"html": html, "head_and_foot": True, "path": str(folder / f"{number}.pdf")}
        for number, (key, html) in enumerate(htmls.items())
    }
    payload = {"chromium": CHROMIUM, "args": ARGS, "pdfs": list(jobs.values())}
    subprocess.run([sys.executable, "-c", PRINT], input=json.dumps(payload), text=True, check=True)
    return {key: Path(job["path"]).read_bytes() for key, job in jobs.items()}
