"""make lighthouse: Lighthouse's four category scores for the analyst pages, in docs/lighthouse.md.

Not a test: its scores depend on the machine's load (performance above all), so they are measured
here and written down, as make bench does for speed. The app runs as in production (gunicorn,
DEBUG off, static files collected and served by WhiteNoise) on a fresh SQLite copy of the
knowledge base in a temporary directory; Lighthouse (node_modules/, from package-lock.json) drives
Debian's Chromium at CHROME_PATH, never a downloaded browser.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench.bench import app_env

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PORT = int(os.environ.get("LIGHTHOUSE_PORT", "8765"))
OUT = ROOT / "docs" / "lighthouse.md"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# The five pages the analysts' issue names: home, the list, a source, a proposal, a theme.
PAGES = {
    "Home": "/",
    "List": "/proposals/",
    "A source": "/sources/easley-2007-alliance-diplomacy/",
    "A proposal": "/proposals/easley-alliance-kernel-regional-security-architecture/",
    "A theme": "/themes/korean-peninsula-non-proliferation/",
}
GOAL = 0.95


def log(message: str) -> None:
    print(f"[lighthouse] {message}", file=sys.stderr, flush=True)


def serve(env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [GUNICORN, "alliance_kb.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", "2"],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer on time")


def audit(url: str) -> tuple[dict, list[str]]:
    """The category scores of one page, and the audits below 1 that weigh on them."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": CHROME},
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    failing = sorted(
        {
            audit["id"]
            for name in CATEGORIES
            for ref in report["categories"][name]["auditRefs"]
            if ref["weight"] > 0
            for audit in [report["audits"][ref["id"]]]
            if audit["score"] is not None and audit["score"] < 1
        }
    )
    return scores, failing


def main() -> None:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `make lighthouse` (npm ci installs it).")
    with tempfile.TemporaryDirectory(prefix="akb-lighthouse-") as tmp:
        env = app_env(f"sqlite:///{Path(tmp) / 'kb.sqlite3'}")
        for command in (["migrate", "--noinput", "-v0"], ["load_kb", "-v0"]):
            subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        server = serve(env)
        rows = []
        try:
            for name, path in PAGES.items():
                log(f"{name}: {path}")
                scores, failing = audit(f"http://127.0.0.1:{PORT}{path}")
                rows.append((name, path, scores, failing))
        finally:
            server.terminate()
            server.wait(timeout=20)
    write(rows)


def write(rows) -> None:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0]
    lines = [
        "# Lighthouse scores",
        "",
        f"Measured by `make lighthouse` on {when} (load average {load:.2f} on {os.cpu_count()}"
        " cores): Lighthouse 12.2.3 in Debian's Chromium (headless), the app under gunicorn with"
        " DEBUG off on a fresh SQLite copy of the knowledge base. Performance depends on the"
        " machine's load, which is why these are measured here and not asserted in tests. The goal"
        f" is at least {GOAL} in each category.",
        "",
        "| Page | Address | Performance | Accessibility | Best practices | SEO |",
        "|---|---|---|---|---|---|",
    ]
    for name, path, scores, _ in rows:
        cells = " | ".join(f"{scores[c]:.2f}" for c in CATEGORIES)
        lines.append(f"| {name} | `{path}` | {cells} |")
    lines += ["", "Audits that did not score full marks (weighed in a category):", ""]
    for name, _, _, failing in rows:
        lines.append(f"- {name}: {', '.join(f'`{a}`' for a in failing) or 'none'}")
    OUT.write_text("\n".join(lines) + "\n")
    log(f"wrote {OUT.relative_to(ROOT)}")
    below = [(n, c) for n, _, s, _ in rows for c in CATEGORIES if s[c] < GOAL]
    if below:
        log(f"below {GOAL}: {below}")


if __name__ == "__main__":
    main()
