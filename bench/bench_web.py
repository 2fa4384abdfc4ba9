"""Benchmark: latency of the web app's read pages under 50 concurrent clients, measured with wrk.

Run: ``.venv/bin/python bench/bench_web.py [--duration 20] [--workers 2] [--store demo.db] [--readers both]``
(needs Debian's ``wrk``). Builds bench/web_demo.py's store (or reuses ``--store``), serves it with uvicorn
(``--workers`` processes, one SQLite file), warms each page, then runs wrk per page with 50 connections on 2
threads for ``--duration`` seconds, as anonymous visitors (answered from web/response_cache.py after the first
request) and as a signed-in analyst (a session cookie: never cached, every request does the work). Notes the
load average before each page. Prints the tables for docs/benchmarks.md (## Web).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Final
from urllib.parse import quote, unquote, urlencode

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


def sign_in(base: str, name: str) -> str:
    """A ``Cookie`` header of a session signed in as the demo user ``name``."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/login", timeout=30) as response:
        found = re.search(r'name="csrf_token" value="([^"]+)"', response.read().decode())
    assert found is not None, "no CSRF field on /login"
    form = {"name": name, "password": web_demo.DEMO_PASSWORD, "csrf_token": found.group(1)}
    opener.open(base + "/login", data=urlencode(form).encode(), timeout=30).close()
    cookies = {c.name: c.value for c in jar}
    assert "charterwatch_session" in cookies, "signing in set no session cookie"
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def fetch(url: str, *, cookie: str | None) -> None:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    urllib.request.urlopen(request, timeout=60).close()


def run_wrk(
    url: str, *, duration: int, connections: int, script: Path, cookie: str | None = None
) -> dict[str, float]:
    threads = min(2, connections)
    command = [
        "wrk",
        *(["-H", f"Cookie: {cookie}"] if cookie else []),
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


def measure(
    base: str, incident: str, *, readers: str, options: argparse.Namespace, script: Path
) -> list[tuple[str, str, float, dict[str, float]]]:
    """wrk on every page as ``readers`` (anonymous or analyst): name, path, load before, figures."""
    cookie = sign_in(base, "analyst") if readers == "analyst" else None
    rows = []
    for name, path in PAGES.items():
        url = base + path.format(incident=incident)
        for _ in range(4 * options.workers):  # every worker computes and caches what it caches
            fetch(url, cookie=cookie)
        load = os.getloadavg()[0]
        figures = run_wrk(
            url, duration=options.duration, connections=options.connections, script=script, cookie=cookie
        )
        rows.append((name, unquote(path.format(incident="/incidents/{id}")), load, figures))
        print(f"{readers} {name}: p95 {figures['p95']:.1f} ms (load {load:.1f})", file=sys.stderr)
    return rows


def table(rows: list[tuple[str, str, float, dict[str, float]]]) -> str:
    lines = [
        "| Page | Path | load before | p50 ms | p95 ms | p99 ms | requests/s | errors | p95 < 100 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, path, load, f in rows:
        verdict = "yes" if f["p95"] < GOAL_MS else "no"
        lines.append(
            f"| {name} | `{path}` | {load:.1f} | {f['p50']:.1f} | {f['p95']:.1f} | {f['p99']:.1f} "
            f"| {f['rps']:.0f} | {f['bad']:.0f} | {verdict} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per page")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--connections", type=int, default=CONNECTIONS, help="concurrent clients (1: service time)"
    )
    parser.add_argument("--store", type=Path, help="a demo store to copy instead of building one")
    parser.add_argument("--readers", choices=("both", "anonymous", "analyst"), default="both")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")
    kinds = ("anonymous", "analyst") if options.readers == "both" else (options.readers,)
    started = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory(prefix="charterwatch-bench-web-") as folder:
        store, script = Path(folder) / "demo.db", Path(folder) / "report.lua"
        script.write_text(_REPORT, encoding="utf-8")
        if options.store:
            shutil.copyfile(options.store, store)
        else:
            web_demo.build(store)
        with web_demo.serve(store, workers=options.workers) as server:
            incident = first_incident(server.url)
            results = {
                kind: measure(server.url, incident, readers=kind, options=options, script=script)
                for kind in kinds
            }
    load = os.getloadavg()
    print(
        f"\n{started:%Y-%m-%d %H:%M} UTC: {options.workers} uvicorn workers, {options.connections} connections, "
        f"{options.duration} s per page, {os.cpu_count()} cores; load average after the run "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}."
    )
    for kind, rows in results.items():
        title = (
            "Anonymous readers (served from the response cache after the first request)"
            if kind == "anonymous"
            else "A signed-in analyst (session cookie: never cached)"
        )
        print(f"\n**{title}**\n\n{table(rows)}")


if __name__ == "__main__":
    main()
