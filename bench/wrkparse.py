"""Reads what wrk (with bench/rotate.lua) printed: requests/s, latency percentiles and errors."""

import re

BENCH_LINE = re.compile(r"^BENCH (.*)$", re.MULTILINE)


def parse(output: str) -> dict:
    """The figures of one wrk run; raises ValueError when the script's summary line is missing."""
    found = BENCH_LINE.search(output)
    if not found:
        raise ValueError("wrk printed no BENCH line (did it run with bench/rotate.lua?)")
    fields = {key: int(value) for key, value in (p.split("=") for p in found.group(1).split())}
    seconds = fields["duration_us"] / 1e6
    socket_errors = sum(fields[key] for key in ("connect", "read", "write", "timeout"))
    return {
        "requests": fields["requests"],
        "rps": round(fields["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": fields["p50_us"] / 1000,
        "p95_ms": fields["p95_us"] / 1000,
        "p99_ms": fields["p99_us"] / 1000,
        "max_ms": fields["max_us"] / 1000,
        "non2xx": fields["non2xx"],
        "socket_errors": socket_errors,
        "errors": fields["non2xx"] + socket_errors,
    }
