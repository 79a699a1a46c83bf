"""docs/benchmark.md and docs/benchmark.csv from make bench's rows, and the summary it prints.

A run replaces the rows of the same size, database, server, cache, page and variant, and keeps
the others, so that `make bench SIZES=1000` does not throw away an earlier 10,000 run."""

import csv
from pathlib import Path

COLUMNS = [
    "run_at",
    "commit",
    "command",
    "cores",
    "load_before",
    "load_after",
    "size",
    "db",
    "server",
    "cache",
    "page",
    "variant",
    "urls",
    "connections",
    "duration",
    "requests",
    "rps",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "max_ms",
    "non2xx",
    "socket_errors",
    "errors",
    "queries_cold",
    "queries_warm",
    "note",
]
KEY = ("size", "db", "server", "cache", "page", "variant")
PAGES = {
    "home": "home",
    "list_3_facets": "list, three facets selected (theme, actor, kind)",
    "list_unfiltered": "list, no filter (with its facet counts)",
    "search_common": "search, a common word",
    "search_rare": "search, a rare word",
    "search_two_words": "search, two words",
    "search_phrase": "search, a phrase",
    "proposal_detail": "proposal detail",
    "source_detail": "source detail",
    "theme_page": "a theme's page",
    "export_csv": "export, CSV (theme + actor)",
}
DATASETTE_PAGES = {
    "list_unfiltered": "table, facets on kind, status, source_id (`_next` pages)",
    "list_3_facets": "table filtered on theme and actor (`_where` subqueries on the join tables) "
    "and kind",
    "search_common": "FTS5 table, `_search=` a common word",
    "search_rare": "FTS5 table, `_search=` a rare word",
    "search_two_words": "FTS5 table, `_search=` two words",
    "search_phrase": "FTS5 table, `_search=` a phrase",
}
DATASETTE_NOTES = [
    "Datasette's searches run on the app's FTS5 table `proposals_proposal_fts` (title, summary, "
    "quote, tags; it detects it as a full-text table and honours `_search=`): it lists the "
    "matching index rows, 20 a page, with no join back to the proposals and no facets, "
    "where the app's search page also counts its facets and highlights its 20 rows.",
    "Datasette cannot facet across the many-to-many themes and actors at all; its filtered "
    "table runs the `_where` subqueries and counts one facet (status).",
    "Datasette is one process (asyncio, 3 SQL threads); the app is 2 gunicorn workers. Both "
    "were loaded with the same connections.",
]
DB_NAMES = {"postgres": "PostgreSQL", "sqlite": "SQLite"}
VARIANTS = {"one": "one URL", "many": "rotating"}


def merge(csv_path: Path, rows: list[dict]) -> list[dict]:
    """The CSV's earlier rows that this run did not measure again, then this run's rows."""
    earlier = []
    if csv_path.exists():
        with open(csv_path, encoding="utf-8", newline="") as source:
            earlier = list(csv.DictReader(source))
    measured = {tuple(str(row[k]) for k in KEY) for row in rows}
    kept = [row for row in earlier if tuple(str(row.get(k, "")) for k in KEY) not in measured]
    return kept + [{k: row.get(k, "") for k in COLUMNS} for row in rows]


def one_line(row: dict) -> str:
    return (
        f"{row['size']:>6} {row['db']:<8} {row['server']:<9} {row['cache'] or '-':<4} "
        f"{row['page']:<16} {row['variant']:<4} c={row['connections']:<2} "
        f"{float(row['rps']):7.1f} req/s  p50 {float(row['p50_ms']):7.1f}  "
        f"p95 {float(row['p95_ms']):7.1f}  p99 {float(row['p99_ms']):7.1f} ms  "
        f"errors {row['errors']}"
    )


def summary(rows: list[dict]) -> str:
    return "\n".join(["", "Summary (req/s, latency in ms):", *map(one_line, rows)])


def _ms(row: dict | None) -> str:
    if not row:
        return "–"
    if not int(row["requests"]):
        return f"none finished in {row['duration']}"
    return f"{float(row['p50_ms']):.0f} / {float(row['p95_ms']):.0f} / {float(row['p99_ms']):.0f}"


def _rps(row: dict | None) -> str:
    return f"{float(row['rps']):.1f}" if row else "–"


def _errors(*found: dict | None) -> str:
    return str(sum(int(row["errors"]) for row in found if row))


def _ratio(app: dict | None, other: dict | None) -> str:
    if not app or not other or not float(other["rps"]):
        return "–"
    if not int(app["requests"]):
        return "none finished"
    return f"{float(app['rps']) / float(other['rps']):.2f}×"


def markdown(rows: list[dict]) -> str:
    index = {tuple(str(row[k]) for k in KEY): row for row in rows}

    def get(*key) -> dict | None:
        return index.get(tuple(str(k) for k in key))

    lines = [
        "# Benchmark: `make bench`",
        "",
        "Written by `make bench` (bench/bench.py); do not edit by hand. Each size and database "
        "keeps the figures of its latest run (the runs below say when and at which commit): a "
        "size not rerun since the code changed shows the code of its run. How the run works "
        "and what each knob does: the end of this page.",
        "",
        "**The machine is shared and noisy**: 2 cores, with other jobs (test suites, other "
        "benchmarks) running at the same time; the load average at the start and end of each run "
        "is given below. Absolute figures are pessimistic and vary from run to run by tens of "
        "per cent; compare figures of one run with each other (app and Datasette were measured "
        "in the same run, one after the other, on the same file).",
        "",
        "## Runs",
        "",
    ]
    runs = {}
    for row in rows:
        runs.setdefault((row["run_at"], row["command"], row["commit"]), []).append(row)
    for (run_at, command, commit), its in runs.items():
        sets = sorted({(int(r["size"]), r["db"]) for r in its})
        covered = ", ".join(f"{size:,} on {DB_NAMES[db]}" for size, db in sets)
        lines.append(
            f"- {run_at}, commit `{commit}`, {its[0]['cores']} cores (`nproc`), load average "
            f"{its[0]['load_before']} before and {its[0]['load_after']} after: `{command}` "
            f"({covered}; {its[0]['connections']} connections, {its[0]['duration']} per URL set)"
        )
    lines.append("")

    sets = sorted({(int(r["size"]), r["db"]) for r in rows if r["server"] == "app"})
    for size, db in sets:
        lines += [
            f"## {size:,} proposals, {DB_NAMES[db]}",
            "",
            "gunicorn, 2 workers, DEBUG off. Cold: no cache at all (`DJANGO_CACHE=dummy`); warm: "
            "Redis, flushed when the server starts. Latency p50 / p95 / p99 in ms; errors are "
            "non-2xx answers plus socket errors (timeouts included); SQL queries per page for "
            "its one URL, cold / warm (a second request on a warm cache).",
            "",
            "| page | URLs | SQL cold / warm | cold req/s | cold ms | warm req/s | warm ms "
            "| errors |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for page, label in PAGES.items():
            for variant, vlabel in VARIANTS.items():
                cold = get(size, db, "app", "cold", page, variant)
                warm = get(size, db, "app", "warm", page, variant)
                either = cold or warm
                if not either:
                    continue
                lines.append(
                    f"| {label}, {vlabel} | {either['urls']} | "
                    f"{either['queries_cold']} / {either['queries_warm']} | {_rps(cold)} | "
                    f"{_ms(cold)} | {_rps(warm)} | {_ms(warm)} | {_errors(cold, warm)} |"
                )
        lines.append("")

    ds_sizes = sorted({int(r["size"]) for r in rows if r["server"] == "datasette"})
    for size in ds_sizes:
        notes = {r["note"] for r in rows if r["server"] == "datasette" and r["note"]}
        lines += [
            f"## Side by side with Datasette, {size:,} proposals, SQLite",
            "",
            "Datasette 0.65.5 (`datasette serve --immutable`, one process, its SQL and facet time "
            "limits raised to 30 s so that it does the work rather than skip it, 20 rows a page) "
            "on the same SQLite file as the app, in the same run. Ratio: the app's requests per "
            "second over Datasette's (above 1: the app is faster).",
            "",
            "| page | Datasette's page | app cold req/s | app warm req/s | Datasette req/s | "
            "Datasette ms | app cold / Datasette | app warm / Datasette |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for page, label in DATASETTE_PAGES.items():
            for variant, vlabel in VARIANTS.items():
                other = get(size, "sqlite", "datasette", "", page, variant)
                if not other:
                    continue
                cold = get(size, "sqlite", "app", "cold", page, variant)
                warm = get(size, "sqlite", "app", "warm", page, variant)
                lines.append(
                    f"| {PAGES[page]}, {vlabel} | {label} | {_rps(cold)} | {_rps(warm)} | "
                    f"{_rps(other)} | {_ms(other)} | {_ratio(cold, other)} | "
                    f"{_ratio(warm, other)} |"
                )
        lines += ["", *[f"- {note}" for note in DATASETTE_NOTES]]
        lines += [f"- {note}." for note in sorted(notes)]
        lines.append("")

    soaks = [r for r in rows if r["variant"] == "soak"]
    if soaks:
        lines += [
            "## Errors under load: 32 connections on every page",
            "",
            "Each page's rotating URL list, warm cache. A full check is `BENCH_MODE=soak` "
            "(30 s per page); a normal run does it for `BENCH_SOAK_DURATION` (10 s by default). "
            "wrk counts only the requests that finished: a page too slow to finish any in the "
            "duration is marked so, and is a failure.",
            "",
            "| size | database | page | duration | requests | req/s | p99 ms | non-2xx | "
            "socket errors | note |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in sorted(soaks, key=lambda r: (int(r["size"]), r["db"])):
            lines.append(
                f"| {int(row['size']):,} | {DB_NAMES[row['db']]} | {PAGES[row['page']]} | "
                f"{row['duration']} | {row['requests']} | {_rps(row)} | "
                f"{float(row['p99_ms']):.0f} | {row['non2xx']} | {row['socket_errors']} | "
                f"{row['note']} |"
            )
        lines.append("")

    lines += HOW
    return "\n".join(lines) + "\n"


HOW = [
    "## How it works, and how to rerun it",
    "",
    "```sh",
    "make bench                         # SIZES='1000 10000 100000' DBS='postgres sqlite'",
    "make bench SIZES=1000 DBS=sqlite   # one size, one database: a few minutes",
    "BENCH_MODE=soak make bench SIZES=1000   # only the 32-connection check, 30 s per page",
    "```",
    "",
    "- **Data**: per size, `migrate`, `load_kb` (the five real papers) and `manage.py "
    "generate_synthetic --proposals N --seed 1`. PostgreSQL in its own database "
    "`akb_bench_<size>` on 127.0.0.1:5432 (user postgres), then `VACUUM ANALYZE`; SQLite in the "
    "cache directory (`BENCH_CACHE_DIR`, default `~/.cache/alliance-kb-bench`), then `ANALYZE`. "
    "A data set is reused when it was built for the same size, seed and schema (a hash of the "
    "migrations, fixtures and generator: the SQLite file's name, the PostgreSQL database's "
    "comment, and its proposal count).",
    "- **Server**: `gunicorn alliance_kb.wsgi --workers 2` with `DJANGO_DEBUG=0`, "
    "`DJANGO_PLAIN_HTTP=1`, a throwaway secret key and `DJANGO_ALLOWED_HOSTS=127.0.0.1`; cold "
    "with `DJANGO_CACHE=dummy` (nothing cached), warm with `REDIS_URL=$BENCH_REDIS_URL` "
    "(default `redis://127.0.0.1:6379/13`, flushed first).",
    "- **Load**: wrk in its own process, 2 threads, `BENCH_CONNECTIONS` connections (default 2, "
    "one per worker, so latency is close to one client's and throughput near the server's), "
    "`BENCH_DURATION` per URL set (default 10s), 30 s timeout; gunicorn's own worker timeout "
    "(30 s) is left as `make serve` has it. Each page type is loaded as one "
    "repeated URL and as a rotating list of up to 300 others of its kind (bench/rotate.lua "
    "reads the list; bench/urllists.py builds it from the data: proposals spread over the whole "
    "table, sources, three-facet sets a proposal really has, common and rare title words, word "
    "pairs and phrases from titles, list pages), so that a cache cannot stand in for the work. "
    "p95 comes from the script's done() (wrk's own table has none).",
    "- **SQL queries per page**: each page's one URL through Django's test client with "
    "`CaptureQueriesContext`, against the same database, twice (the second on a warm local "
    "cache).",
    "- **Datasette**: installed by the bench into its own virtualenv under the cache directory "
    "from bench/requirements-datasette.txt; skipped with `BENCH_DATASETTE=0`.",
    "- Other knobs: `BENCH_SEED`, `BENCH_PORT` (Datasette on the next port), `BENCH_PG`, "
    "`BENCH_SOAK_CONNECTIONS`, `BENCH_SOAK_DURATION`. A run replaces the CSV's rows it measured "
    "again and keeps the others. It exits non-zero when any request failed, never on a slow "
    "figure: the targets are read from this page, not asserted.",
]


def main() -> None:
    """Rewrites docs/benchmark.md from docs/benchmark.csv (after a change to this layout)."""
    root = Path(__file__).resolve().parent.parent
    rows = merge(root / "docs" / "benchmark.csv", [])
    (root / "docs" / "benchmark.md").write_text(markdown(rows), encoding="utf-8")


if __name__ == "__main__":
    main()
