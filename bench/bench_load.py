"""Benchmark: writes under a burst, on SQLite and PostgreSQL: simultaneous proposals, sign-ins, read-your-write.

Run: ``.venv/bin/python bench/bench_load.py [--proposals 500] [--logins 50] [--pairs 200] [--postgres URL]``
(``--postgres`` takes a server URL such as the one ``.ci/start-postgres.sh`` prints; a database of its own is
made and dropped). For each backend: a fresh store, ``charterwatch serve`` on 127.0.0.1 in a subprocess, then
``--proposals`` anonymous JSON submissions sent at once (each on its own connection), ``--logins`` sign-ins at
once, and ``--pairs`` decide-then-read pairs one after another; every answer is checked against the store.
The harness is tests/web_load.py, which the suite's load test also uses. Prints the table for
docs/benchmarks.md (## Writes under load) and exits non-zero when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from sqlalchemy import create_engine, make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import web_load  # tests/web_load.py: the harness the load test uses

TARGET_P95_S: Final = 1.0


@contextmanager
def postgres_database(server: str) -> Iterator[str]:
    """A new database on ``server``, dropped afterwards."""
    name = f"cw_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


def run(db_url: str, options: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """One backend: the three loads and what the store says about them."""
    token = web_load.prepare_store(db_url)
    with web_load.serve(db_url, log=workdir / "server.log") as url:
        load_before = os.getloadavg()[0]
        burst, marker, texts = web_load.proposal_burst(url, options.proposals)
        stored = web_load.check_stored(burst, texts, web_load.stored_proposals(db_url, marker))
        logins = web_load.login_burst(url, options.logins)
        logged = web_load.logins_logged(db_url)
        first = next((a.body["id"] for a in burst.answers if a.status == 201), None)
        stale = web_load.read_your_writes(url, token, first, options.pairs) if first else ["nothing stored"]
    return {
        "load_average": round(load_before, 1),
        "proposals": burst.summary(),
        "stored": {
            "acknowledged": stored.acknowledged,
            "lost": len(stored.lost),
            "doubled": len(stored.doubled),
            "stored_unacknowledged": len(stored.unacknowledged),
        },
        "logins": logins.summary() | {"logged": logged},
        "read_your_write": {"pairs": options.pairs, "stale": len(stale), "first": stale[:3]},
    }


def passed(result: dict[str, Any], options: argparse.Namespace) -> bool:
    stored = result["stored"]
    return (
        result["proposals"]["errors"] == 0
        and stored["acknowledged"] == options.proposals
        and stored["lost"] == stored["doubled"] == stored["stored_unacknowledged"] == 0
        and result["logins"]["errors"] == 0
        and result["logins"]["logged"] == options.logins
        and result["read_your_write"]["stale"] == 0
    )


def table(results: dict[str, dict[str, Any]], options: argparse.Namespace) -> str:
    lines = [
        "| backend | proposals at once | answered 201 | errors | lost | doubled | stored, refused | p50 | p95 "
        "| burst | sign-ins at once | signed in | sign-in p95 | read-your-write stale | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for backend, r in results.items():
        p, s, g = r["proposals"], r["stored"], r["logins"]
        lines.append(
            f"| {backend} | {p['requests']} | {p['statuses'].get('201', 0)} | {p['errors']} | {s['lost']} "
            f"| {s['doubled']} | {s['stored_unacknowledged']} | {p['p50_s']:.2f} s | {p['p95_s']:.2f} s "
            f"| {p['wall_s']:.2f} s | {g['requests']} | {g['statuses'].get('200', 0)} | {g['p95_s']:.2f} s "
            f"| {r['read_your_write']['stale']} of {options.pairs} | {r['load_average']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--proposals", type=int, default=500)
    parser.add_argument("--logins", type=int, default=50)
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--postgres", default=os.environ.get("CHARTERWATCH_TEST_PG_URL"))
    options = parser.parse_args()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        results["SQLite"] = run(f"sqlite:///{workdir / 'bench.db'}", options, workdir)
        if options.postgres:
            with postgres_database(options.postgres) as url:
                results["PostgreSQL"] = run(url, options, workdir)
    print(json.dumps(results, indent=2))
    print()
    print(table(results, options))
    sqlite_p95 = results["SQLite"]["proposals"]["p95_s"]
    print(f"\nSQLite submission p95 {sqlite_p95:.2f} s (target under {TARGET_P95_S:.0f} s)")
    if not all(passed(r, options) for r in results.values()):
        raise SystemExit("a check failed: see the figures above")


if __name__ == "__main__":
    main()
