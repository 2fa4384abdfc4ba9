"""Benchmark: latency of the web app's read pages under 50 concurrent clients, measured with wrk.

Run: ``.venv/bin/python bench/bench_web.py [--duration 20] [--workers 2] [--store demo.db]`` (needs Debian's
``wrk``). Builds bench/web_demo.py's store (or reuses ``--store``), serves it with uvicorn (``--workers``
processes, one SQLite file), warms each page, then runs wrk per page with 50 connections on 2 threads for
``--duration`` seconds as an anonymous visitor (``--connections 1``: the time one request takes alone). Prints a Markdown table of p50/p95/p99 and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Final
from urllib.parse import quote, unquote

import web_demo  # bench/ is sys.path[0] when this runs as a script

CONNECTIONS: Final = 50
GOAL_MS: Final = 100.0
PAGES: Final = {
    "dashboard": "/",
    "texts": "/texts",
    "version": "/texts/KZ@2026",
    "article": "/texts/KZ@2026/articles/23",
    "search": "/search?q=" + quote("общественного порядка"),
    "compare": "/compare/KZ@1995-ru/KZ@2026",
    "compare (JSON)": "/api/compare/KZ@1995-ru/KZ@2026",
    "audit": "/audit/KZ@2026?against=KZ@1995-ru",
    "incidents": "/incidents",
    "incident": "{incident}",
    "consultation": "/consult",
    "themes": "/consult/themes",
    "uptake": "/consult/uptake",
}
# wrk's summary as one line: p50 p95 p99 (microseconds), requests, non-2xx/3xx, socket errors, seconds
_REPORT: Final = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %f\\n", latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    summary.duration / 1e6))
end
"""


def first_incident(base: str) -> str:
    with urllib.request.urlopen(base + "/api/incidents?limit=1", timeout=30) as response:
        found = json.load(response)["incidents"]
    return f"/incidents/{found[0]['id']}" if found else "/incidents"


def run_wrk(url: str, *, duration: int, connections: int, script: Path) -> dict[str, float]:
    threads = min(2, connections)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        url,
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(row for row in output.splitlines() if row.startswith("RESULT "))
    p50, p95, p99, requests, bad, errors, seconds = (float(v) for v in line.split()[1:])
    return {
        "p50": p50 / 1e3,
        "p95": p95 / 1e3,
        "p99": p99 / 1e3,
        "rps": requests / seconds,
        "bad": bad + errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per page")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--connections", type=int, default=CONNECTIONS, help="concurrent clients (1: service time)"
    )
    parser.add_argument("--store", type=Path, help="a demo store to copy instead of building one")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="charterwatch-bench-web-") as folder:
        store, script = Path(folder) / "demo.db", Path(folder) / "report.lua"
        script.write_text(_REPORT, encoding="utf-8")
        if options.store:
            shutil.copyfile(options.store, store)
        else:
            web_demo.build(store)
        with web_demo.serve(store, workers=options.workers) as server:
            incident = first_incident(server.url)
            rows = []
            for name, path in PAGES.items():
                url = server.url + path.format(incident=incident)
                for _ in range(4 * options.workers):  # every worker computes and caches what it caches
                    urllib.request.urlopen(url, timeout=60).close()
                figures = run_wrk(
                    url, duration=options.duration, connections=options.connections, script=script
                )
                rows.append((name, unquote(path.format(incident="/incidents/{id}")), figures))
                print(f"{name}: p95 {figures['p95']:.1f} ms", file=sys.stderr)
    load = os.getloadavg()
    print(
        f"\n{options.workers} uvicorn workers, {options.connections} connections, {options.duration} s per page; "
    )
    print(f"load average after the run {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores\n")
    print("| Page | Path | p50 ms | p95 ms | p99 ms | requests/s | errors | p95 < 100 ms |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for name, path, f in rows:
        verdict = "yes" if f["p95"] < GOAL_MS else "no"
        print(
            f"| {name} | `{path}` | {f['p50']:.1f} | {f['p95']:.1f} | {f['p99']:.1f} | {f['rps']:.0f} "
            f"| {f['bad']:.0f} | {verdict} |"
        )


if __name__ == "__main__":
    main()
