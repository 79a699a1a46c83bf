"""docs/api.md's examples run as written, against a live server with the knowledge base."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
DOC_BASE = "http://127.0.0.1:8000"


def examples(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(), re.S)


@pytest.fixture
def server(live_server, settings, knowledge_base):
    settings.KB_API_ANON_RATE = ""
    return live_server.url


def test_the_guide_has_curl_and_python_examples():
    assert len(examples("sh")) >= 2
    assert len(examples("python")) >= 1


def test_every_curl_example_answers_with_json(server):
    for example in examples("sh"):
        command = example.strip().replace(DOC_BASE, server)
        result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        answer = json.loads(result.stdout)
        assert answer.get("results") or answer.get("facets"), command


def test_every_python_example_runs(server):
    for example in examples("python"):
        code = example.replace(DOC_BASE, server)
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert "every quote found at its place in the text" in result.stdout
