"""make bench: build synthetic knowledge bases, serve them with gunicorn, load them with wrk.

Why this module is long: it is the one script `make bench` runs, in the order it runs (data
sets, servers, wrk, report); the pieces a test can check apart live beside it (urllists, report).

For each size in SIZES and each database in DBS it builds (or reuses) a data set, serves the app
under production settings with 2 gunicorn workers, and drives every page type from wrk (a separate
process) with the cache disabled (cold) and then on Redis (warm); on SQLite it also serves the same
file with Datasette and loads its comparable pages. It writes docs/benchmark.md and
docs/benchmark.csv and prints a summary. Not a test: nothing here fails on a slow figure, only on
a page that does not answer 200. The knobs (environment variables) are listed in ENV below and in
docs/benchmark.md.
"""

import csv
import hashlib
import json
import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from bench import report, wrkparse

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
ENV = {
    "SIZES": "1000 10000 100000",
    "DBS": "postgres sqlite",
    "BENCH_MODE": "run",  # run: cold + warm + Datasette + a short soak; soak: 32 connections, 30 s
    "BENCH_DURATION": "10s",  # per URL set
    "BENCH_CONNECTIONS": "2",  # one per gunicorn worker
    "BENCH_SOAK_DURATION": "",  # default 10s in run mode, 30s in soak mode
    "BENCH_SOAK_CONNECTIONS": "32",
    "BENCH_SEED": "1",
    "BENCH_CACHE_DIR": str(Path.home() / ".cache" / "alliance-kb-bench"),
    "BENCH_PG": "postgres://postgres@127.0.0.1:5432",
    "BENCH_REDIS_URL": "redis://127.0.0.1:6379/13",
    "BENCH_PORT": "8765",
    "BENCH_DATASETTE": "1",
}
PAGES_IN_ORDER = [
    "home",
    "list_3_facets",
    "list_unfiltered",
    "search_common",
    "search_rare",
    "search_two_words",
    "search_phrase",
    "proposal_detail",
    "source_detail",
    "theme_page",
    "export_csv",
]


def knob(name: str) -> str:
    return os.environ.get(name) or ENV[name]


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def schema_key() -> str:
    """Changes when the migrations, the fixtures or the synthetic generator change: a cached data
    set built under another key is rebuilt."""
    digest = hashlib.sha256()
    paths = sorted(ROOT.glob("*/migrations/*.py")) + sorted((ROOT / "fixtures").rglob("*"))
    paths += [ROOT / "editorial" / "synthetic.py"]
    paths += [ROOT / "editorial" / "management" / "commands" / "generate_synthetic.py"]
    for path in paths:
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def app_env(database_url: str, **extra: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DJANGO_CACHE", "DATABASE_REPLICA_URL", "KB_REQUIRE_LOGIN")
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=f"bench-{int(time.time())}-only-for-a-loopback-benchmark-run-xxxxxxxx",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_PLAIN_HTTP="1",
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str, quiet: bool = False) -> None:
    out = subprocess.DEVNULL if quiet else None
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=out)


def build(env: dict, size: int, seed: int) -> None:
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_kb", "-v0", quiet=True)
    manage(env, "generate_synthetic", "--proposals", str(size), "--seed", str(seed))
    log(f"built {size} proposals in {time.monotonic() - started:.0f} s")


def sqlite_dataset(size: int, seed: int, key: str, cache_dir: Path) -> Path:
    folder = cache_dir / "sqlite"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"akb-{size}-s{seed}-{key}.sqlite3"
    if path.exists():
        log(f"reusing {path}")
        return path
    for stale in folder.glob(f"akb-{size}-s{seed}-*"):
        stale.unlink()
    building = folder / f"building-{size}.sqlite3"
    for leftover in folder.glob(f"building-{size}.sqlite3*"):
        leftover.unlink()
    log(f"building SQLite data set {path.name}")
    build(app_env(f"sqlite:///{building}"), size, seed)
    # ANALYZE first, then the checkpoint, then close: the planner's statistics must be in the
    # file itself, not left in a WAL file that keeps the old name (which is what happened when
    # the checkpoint ran first: SQLite then planned the 100,000 set without statistics).
    with closing(sqlite3.connect(building)) as db:
        db.execute("ANALYZE")
        db.commit()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode=DELETE")
    building.rename(path)
    return path


def psql(base: str, database: str, sql: str) -> str:
    result = subprocess.run(
        ["psql", f"{base}/{database}", "-tAc", sql], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def postgres_dataset(size: int, seed: int, key: str) -> str:
    base = knob("BENCH_PG")
    name = f"akb_bench_{size}"
    url = f"{base}/{name}"
    stamp = f"alliance-kb bench {size} seed {seed} schema {key}"
    found = psql(
        base,
        "postgres",
        f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{name}'",
    )
    if found == stamp:
        count = int(psql(base, name, "SELECT count(*) FROM proposals_proposal"))
        if count >= size:
            log(f"reusing PostgreSQL {name} ({count} proposals)")
            return url
    log(f"building PostgreSQL data set {name}")
    psql(base, "postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(base, "postgres", f"CREATE DATABASE {name}")
    build(app_env(url), size, seed)
    psql(base, name, "VACUUM ANALYZE")
    psql(base, "postgres", f"COMMENT ON DATABASE {name} IS '{stamp}'")
    return url


class Server:
    """A server process in its own process group, stopped (with its workers) on exit."""

    def __init__(self, args: list[str], env: dict, url: str, logfile: Path):
        self.url = url
        self.logfile = logfile
        with open(logfile, "ab") as out:
            self.process = subprocess.Popen(
                args, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                urllib.request.urlopen(url, timeout=30).read()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        sys.exit(f"The server did not start: see {logfile}\n{logfile.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def gunicorn(env: dict, port: int, logfile: Path) -> Server:
    args = [GUNICORN, "alliance_kb.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    return Server(args + ["--log-level", "warning"], env, f"http://127.0.0.1:{port}/", logfile)


def datasette_bin(cache_dir: Path) -> str:
    """Datasette in a virtualenv of its own (bench/requirements-datasette.txt), made once."""
    requirements = ROOT / "bench" / "requirements-datasette.txt"
    venv = cache_dir / "datasette-venv"
    stamp = venv / ".requirements"
    wanted = requirements.read_text()
    if not stamp.exists() or stamp.read_text() != wanted:
        log(f"installing Datasette into {venv}")
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "-r", str(requirements)], check=True)
        stamp.write_text(wanted)
    return str(venv / "bin" / "datasette")


def datasette(binary: str, sqlite_file: Path, port: int, logfile: Path) -> Server:
    # Its time limits raised, so that it does the same work instead of giving up on slow facets;
    # 20 rows a page, as the app's list shows.
    args = [binary, "serve", "--immutable", str(sqlite_file), "-h", "127.0.0.1", "-p", str(port)]
    for setting, value in (
        ("sql_time_limit_ms", "30000"),
        ("facet_time_limit_ms", "30000"),
        ("default_page_size", "20"),
    ):
        args += ["--setting", setting, value]
    return Server(args, os.environ.copy(), f"http://127.0.0.1:{port}/", logfile)


def datasette_searches(base_url: str, database: str) -> bool:
    """Whether Datasette runs `_search` on the FTS5 table (it ignores it on tables it does not
    recognise as full-text)."""
    url = f"{base_url}{database}/proposals_proposal_fts.json?_search=zzzznotaword&_size=1"
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            rows = json.load(answer).get("rows")
    except OSError:
        return False
    return rows == []


def wrk(base_url: str, urls: list[str], connections: int, duration: str, workdir: Path) -> dict:
    listing = workdir / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}", "--timeout", "30s"]
    command += ["-s", str(ROOT / "bench" / "rotate.lua"), base_url.rstrip("/"), "--", str(listing)]
    result = subprocess.run(command, capture_output=True, text=True)
    try:
        return wrkparse.parse(result.stdout)
    except ValueError:
        sys.exit(f"wrk failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run_app(rows, meta, size, db, env, lists, queries, workdir, mode) -> None:
    port = int(knob("BENCH_PORT"))
    duration = knob("BENCH_DURATION")
    connections = int(knob("BENCH_CONNECTIONS"))
    soak_duration = knob("BENCH_SOAK_DURATION") or ("30s" if mode == "soak" else "10s")
    soak_connections = int(knob("BENCH_SOAK_CONNECTIONS"))
    pages = [p for p in PAGES_IN_ORDER if p in lists]
    redis_url = knob("BENCH_REDIS_URL")
    caches = [] if mode == "soak" else ["cold"]
    for cache in [*caches, "warm"]:
        extra = {"DJANGO_CACHE": "dummy"} if cache == "cold" else {"REDIS_URL": redis_url}
        if cache == "warm":
            import redis

            redis.Redis.from_url(redis_url).flushdb()
        with gunicorn(app_env(env["DATABASE_URL"], **extra), port, workdir / "gunicorn.log") as app:
            variants = [] if mode == "soak" else [("one", connections), ("many", connections)]
            if cache == "warm":
                variants.append(("soak", soak_connections))
            for variant, conns in variants:
                for page in pages:
                    urls = [lists[page]["one"]] if variant == "one" else lists[page]["many"]
                    if variant == "many" and len(urls) == 1:
                        continue  # the home page has no others: "one" measured it
                    took = soak_duration if variant == "soak" else duration
                    figures = wrk(app.url, urls, conns, took, workdir)
                    note = ""
                    if variant == "soak" and not figures["requests"]:
                        note = "no request finished within the duration"
                    rows.append(
                        {
                            **meta,
                            "size": size,
                            "db": db,
                            "server": "app",
                            "cache": cache,
                            "page": page,
                            "variant": variant,
                            "urls": len(urls),
                            "connections": conns,
                            "duration": took,
                            **figures,
                            "queries_cold": queries[page]["cold"],
                            "queries_warm": queries[page]["warm"],
                            "note": note,
                        }
                    )
                    log(report.one_line(rows[-1]))


def run_datasette(rows, meta, size, sqlite_file, lists, workdir, cache_dir) -> None:
    port = int(knob("BENCH_PORT")) + 1
    binary = datasette_bin(cache_dir)
    served = workdir / "akb.sqlite3"
    if not served.exists():
        served.symlink_to(sqlite_file)
    with datasette(binary, served, port, workdir / "datasette.log") as ds:
        searches = datasette_searches(ds.url, "akb")
        meta = {**meta, "note": "" if searches else "Datasette ignores _search on this table"}
        for variant in ("one", "many"):
            for page, urls in lists.items():
                if page.startswith("search") and not searches:
                    continue
                chosen = [urls["one"]] if variant == "one" else urls["many"]
                figures = wrk(
                    ds.url, chosen, int(knob("BENCH_CONNECTIONS")), knob("BENCH_DURATION"), workdir
                )
                rows.append(
                    {
                        **meta,
                        "size": size,
                        "db": "sqlite",
                        "server": "datasette",
                        "cache": "",
                        "page": page,
                        "variant": variant,
                        "urls": len(chosen),
                        "connections": int(knob("BENCH_CONNECTIONS")),
                        "duration": knob("BENCH_DURATION"),
                        **figures,
                        "queries_cold": "",
                        "queries_warm": "",
                    }
                )
                log(report.one_line(rows[-1]))


def main() -> int:
    mode = knob("BENCH_MODE")
    if mode not in ("run", "soak"):
        sys.exit("BENCH_MODE is run or soak")
    sizes = [int(s) for s in knob("SIZES").split()]
    dbs = knob("DBS").split()
    if not set(dbs) <= {"postgres", "sqlite"} or not sizes:
        sys.exit("DBS takes postgres and/or sqlite; SIZES one or more numbers of proposals")
    seed = int(knob("BENCH_SEED"))
    cache_dir = Path(knob("BENCH_CACHE_DIR"))
    cache_dir.mkdir(parents=True, exist_ok=True)
    key = schema_key()
    settings = " ".join(
        f"{name}={shlex.quote(os.environ[name])}" for name in ENV if os.environ.get(name)
    )
    meta = {
        "run_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "command": f"make bench {settings}".strip(),
        "cores": os.cpu_count(),
        "load_before": load_average(),
        "note": "",
    }
    log(f"{meta['command']} (load average {meta['load_before']}, {meta['cores']} cores)")
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=app_env("sqlite:///:memory:"),
        check=True,
    )
    rows: list[dict] = []
    for size in sizes:
        for db in dbs:
            with tempfile.TemporaryDirectory(prefix="akb-bench-") as tmp:
                workdir = Path(tmp)
                if db == "sqlite":
                    sqlite_file = sqlite_dataset(size, seed, key, cache_dir)
                    env = app_env(f"sqlite:///{sqlite_file}")
                else:
                    env = app_env(postgres_dataset(size, seed, key))
                found = workdir / "urls.json"
                args = [PY, "-m", "bench.urllists", str(found)]
                if db == "sqlite":
                    args.append("akb")
                subprocess.run(args, cwd=ROOT, env=env, check=True)
                data = json.loads(found.read_text())
                wrong = {p: q["status"] for p, q in data["queries"].items() if q["status"] != 200}
                if wrong:
                    sys.exit(f"Pages that do not answer 200 on {db} {size}: {wrong}")
                run_app(rows, meta, size, db, env, data["lists"], data["queries"], workdir, mode)
                if db == "sqlite" and mode == "run" and knob("BENCH_DATASETTE") == "1":
                    lists = data["datasette"]
                    run_datasette(rows, meta, size, sqlite_file, lists, workdir, cache_dir)
    for row in rows:
        row["load_after"] = load_average()
    csv_path = ROOT / "docs" / "benchmark.csv"
    all_rows = report.merge(csv_path, rows)
    with open(csv_path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=report.COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(all_rows)
    (ROOT / "docs" / "benchmark.md").write_text(report.markdown(all_rows), encoding="utf-8")
    print(report.summary(rows))
    print(f"Written: {csv_path.relative_to(ROOT)} and docs/benchmark.md")
    failed = [row for row in rows if int(row["errors"]) or row["note"].startswith("no request")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
