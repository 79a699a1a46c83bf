"""make bench's cheap pieces: the URLs it asks for, the SQL it counts, what it reads from wrk and
how it keeps earlier rows. No timing here: the figures themselves are docs/benchmark.md's."""

import csv
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import report, urllists, wrkparse

# What wrk 4.1 printed for one run with bench/rotate.lua (its own table first, then done()'s line).
WRK_SAMPLE = """\
Running 10s test @ http://127.0.0.1:8765
  2 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    48.10ms   20.75ms 185.43ms   81.20%
    Req/Sec    21.33      7.02    40.00     66.67%
  417 requests in 10.02s, 9.43MB read
  Non-2xx or 3xx responses: 3
Requests/sec:     41.62
Transfer/sec:      0.94MB
BENCH requests=417 duration_us=10020000 p50_us=43912 p95_us=81811 p99_us=129602 max_us=185430 \
non2xx=3 connect=0 read=1 write=0 timeout=2
"""


def test_the_wrk_summary_is_read_from_the_scripts_line():
    figures = wrkparse.parse(WRK_SAMPLE)
    assert figures["requests"] == 417
    assert figures["rps"] == 41.6
    assert (figures["p50_ms"], figures["p95_ms"], figures["p99_ms"]) == (43.912, 81.811, 129.602)
    assert (figures["non2xx"], figures["socket_errors"], figures["errors"]) == (3, 3, 6)


def test_wrk_output_without_the_scripts_line_is_refused():
    with pytest.raises(ValueError, match="BENCH line"):
        wrkparse.parse(WRK_SAMPLE.split("BENCH")[0])


counts = st.integers(min_value=0, max_value=10**7)


@settings(max_examples=50, deadline=None)
@given(counts, st.integers(min_value=1, max_value=10**9), counts, counts, counts, counts, counts)
def test_errors_are_the_non_2xx_answers_plus_every_socket_error(
    requests, duration, status, connect, read, write, timeout
):
    line = (
        f"BENCH requests={requests} duration_us={duration} p50_us=1 p95_us=2 p99_us=3 max_us=4 "
        f"non2xx={status} connect={connect} read={read} write={write} timeout={timeout}\n"
    )
    figures = wrkparse.parse("noise\n" + line)
    assert figures["errors"] == status + connect + read + write + timeout
    assert figures["socket_errors"] == connect + read + write + timeout
    assert figures["rps"] == round(requests / (duration / 1e6), 1)


@pytest.fixture
def grown(knowledge_base):
    call_command("generate_synthetic", "--proposals", "40", "--per-source", "10", stdout=StringIO())


@pytest.mark.django_db
def test_every_url_the_bench_asks_for_answers_200_with_every_filter_known(grown, client):
    lists = urllists.build(limit=4)
    assert set(report.PAGES) == set(lists)
    for name, urls in lists.items():
        if name != "home":
            assert len(set(urls["many"])) > 1, name  # a rotating list, not one URL again
        for url in urls["many"]:
            answer = client.get(url)
            assert answer.status_code == 200, url
            body = b"".join(answer) if answer.streaming else answer.content
            assert b"that filter was ignored" not in body, url


@pytest.mark.django_db
def test_three_facet_sets_and_their_datasette_filters_find_the_proposal_they_came_from(grown):
    lists = urllists.build(limit=6)
    facets = lists["list_3_facets"]["many"]
    datasette = urllists.datasette_lists(lists, "akb")["list_3_facets"]["many"]
    for url, ds_url in zip(facets, datasette, strict=True):
        params = dict(parse_qsl(urlsplit(url).query))
        assert set(params) == {"theme", "actor", "kind"}
        ds = parse_qsl(urlsplit(ds_url).query)
        where = " AND ".join(value for key, value in ds if key == "_where")
        kind = dict(ds)["kind"]
        assert kind == params["kind"]
        with connection.cursor() as cursor:
            sql = f"SELECT count(*) FROM proposals_proposal WHERE {where} AND kind = %s"
            cursor.execute(sql, [kind])
            assert cursor.fetchone()[0] >= 1, ds_url


@pytest.mark.django_db
def test_queries_are_counted_per_page_and_a_warm_cache_saves_some(grown):
    lists = urllists.build(limit=2)
    found = urllists.count_queries({k: lists[k] for k in ("home", "list_unfiltered")})
    for figures in found.values():
        assert figures["status"] == 200
        assert figures["cold"] > 0
    assert found["home"]["warm"] < found["home"]["cold"]


def row(**fields):
    base = dict.fromkeys(report.COLUMNS, "")
    base.update(size=1000, db="sqlite", server="app", cache="cold", page="home", variant="one")
    base.update(rps=1.0, p50_ms=1, p95_ms=2, p99_ms=3, errors=0, urls=1, requests=10)
    base.update(fields)
    return base


def test_a_run_replaces_only_the_rows_it_measured_again(tmp_path):
    path = tmp_path / "benchmark.csv"
    earlier = [row(rps=1.0), row(size=10000, rps=2.0), row(db="postgres", rps=3.0)]
    with open(path, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=report.COLUMNS)
        writer.writeheader()
        writer.writerows(earlier)
    merged = report.merge(path, [row(rps=9.0)])
    assert sorted((str(r["size"]), r["db"], float(r["rps"])) for r in merged) == [
        ("1000", "postgres", 3.0),
        ("1000", "sqlite", 9.0),
        ("10000", "sqlite", 2.0),
    ]
    assert "| home, one URL | 1 |" in report.markdown(merged)


def _cache_backend(**env) -> subprocess.CompletedProcess:
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.update(DJANGO_DEBUG="1", **env)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_cold_runs_cache_nothing_even_with_redis_configured():
    found = _cache_backend(DJANGO_CACHE="dummy", REDIS_URL="redis://127.0.0.1:6379/13")
    assert found.stdout.strip() == "django.core.cache.backends.dummy.DummyCache"
    unset = _cache_backend(REDIS_URL="redis://127.0.0.1:6379/13")
    assert unset.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_a_misspelt_cache_choice_is_refused():
    found = _cache_backend(DJANGO_CACHE="dumy")
    assert found.returncode != 0
    assert "DJANGO_CACHE is unset or dummy" in found.stderr


def test_a_url_set_where_no_request_finished_is_not_shown_as_zero_milliseconds():
    page = report.markdown([row(requests=0, rps=0.0, p50_ms=0, p95_ms=0, p99_ms=0, duration="10s")])
    assert "none finished in 10s" in page
    assert "0 / 0 / 0" not in page
