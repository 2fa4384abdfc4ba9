"""A demo store for the web app's browser tests, screenshots and load benchmark, and a server over it.

Run: ``.venv/bin/python bench/web_demo.py STORE.db`` builds the store: the bundled corpus, the KZ 1995 → 2026
comparison, the five seed articles' incidents (``../shared/seeds``, when present; every other one accepted),
the product's sample consultation (``consult.sample.load_sample``, as ``charterwatch demo`` loads it: the
constructed KZ 1995 proposals deduplicated, themed, routed to the default working groups, with their uptake),
and one user per role whose password is ``DEMO_PASSWORD``. ``serve(...)`` runs uvicorn over it in a subprocess.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from charterwatch.store.db import open_store, session_scope

ROOT: Final = Path(__file__).resolve().parents[1]
SHARED: Final = Path(os.environ.get("CHARTERWATCH_SHARED", ROOT.parent / "shared"))
SHOWCASE: Final = ("KZ@1995-ru", "KZ@2026")
DEMO_PASSWORD: Final = "demo password, not for production"
DEMO_SECRET: Final = "demo-secret-key-for-the-demo-store-only"
GROUP: Final = "Section II: Man and citizen"
# Debian's chromium, never a downloaded browser, kept off the network (browser tests and screenshots)
CHROMIUM: Final = Path("/usr/bin/chromium")
CHROMIUM_ARGS: Final = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# name -> (role, working group)
USERS: Final = {
    "admin": ("admin", None),
    "analyst": ("analyst", None),
    "wg-rights": ("working_group", GROUP),
    "citizen": ("public", None),
}


def build(path: Path, *, seeds: Path | None = None) -> None:
    """Make the demo store at ``path`` (which must not exist yet)."""
    from charterwatch.consult.sample import load_sample
    from charterwatch.incidents.workflow.service import ingest_into_store, review_incident
    from charterwatch.texts.compare.service import compare_refs
    from charterwatch.texts.importer import load_corpus
    from charterwatch.web.users import add_user

    seeds = SHARED / "seeds" if seeds is None else seeds
    engine = open_store(f"sqlite:///{path}")
    try:
        load_corpus(engine)
        compare_refs(engine, *SHOWCASE)
        with session_scope(engine) as session:
            for name, (role, group) in USERS.items():
                add_user(session, name, role=role, working_group=group, password=DEMO_PASSWORD)
            if seeds.is_dir():
                added = ingest_into_store(
                    session, sorted(seeds.glob("*.txt")), default_date="2026-01-15"
                ).added
                for incident_id in added[::2]:  # half published, half left for review
                    review_incident(session, incident_id, "accept", reviewer="analyst", note="demo")
        load_sample(engine)
    finally:
        engine.dispose()  # folds the WAL into the file: one file is the store


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]


@contextmanager
def serve(
    store: Path, *, workers: int = 1, port: int | None = None, log: Path | None = None
) -> Iterator[Server]:
    """uvicorn over ``store`` on a free 127.0.0.1 port, until the block ends; waits until ``/`` answers."""
    port = port or free_port()
    env = {
        **os.environ,
        "CHARTERWATCH_DB": f"sqlite:///{store}",
        "CHARTERWATCH_SECRET_KEY": DEMO_SECRET,  # one key, so every worker reads every session
        "CHARTERWATCH_RATE_LIMIT": "1000",
    }
    command = [sys.executable, "-m", "uvicorn", "charterwatch.web.app:create_app", "--factory"]
    command += [
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    with open(log or os.devnull, "wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process)
        yield Server(url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait(url: str, process: subprocess.Popen[bytes], *, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server at {url} did not answer within {timeout_s:.0f} s")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: web_demo.py STORE.db")
    target = Path(sys.argv[1])
    if target.exists():
        sys.exit(f"{target} exists; the demo store is made afresh")
    started = time.perf_counter()
    build(target)
    print(f"demo store {target} in {time.perf_counter() - started:.1f} s")
