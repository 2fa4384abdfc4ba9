"""A load run against a real server on 127.0.0.1: a burst of proposals, a burst of sign-ins, read-your-write.

Shared by ``tests/test_web_load.py`` (bounded sizes, asserted) and ``bench/bench_load.py`` (the figures in
docs/benchmarks.md). ``charterwatch serve`` runs in a subprocess, so the clients (httpx, asyncio, one
connection each) and the server do not share an interpreter lock. Every check reads the store directly: what
the server acknowledged is stored exactly once, and nothing it refused is stored.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import ssl
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import httpx
from sqlalchemy import func, select

from charterwatch.consult.models import ProposalRow
from charterwatch.store.db import open_store, session_scope
from charterwatch.web.models import AuditLogRow
from charterwatch.web.tokens import issue_token
from charterwatch.web.users import add_user

SECRET: Final = "a-load-test-secret-key-of-some-length"
PASSWORD: Final = "load test password 42"
RATE_LIMITED: Final = 429  # the only refusal a burst may get (the limit is set high for the runs)
_CSRF: Final = re.compile(r'name="csrf_token" value="([^"]+)"')
_TIMEOUT: Final = httpx.Timeout(120.0)


@dataclass(frozen=True)
class Answer:
    """One request's outcome: its status (None when no answer came) and how long it took."""

    status: int | None
    seconds: float
    body: dict[str, Any] = field(default_factory=dict)
    error: str = ""


@dataclass(frozen=True)
class Burst:
    """The answers of a burst and its wall time; ``errors`` are neither success nor the rate limiter's 429."""

    answers: list[Answer]
    seconds: float
    ok: int

    @property
    def errors(self) -> list[Answer]:
        return [a for a in self.answers if a.status not in (self.ok, RATE_LIMITED)]

    def percentile(self, share: float) -> float:
        times = sorted(a.seconds for a in self.answers)
        return times[min(len(times) - 1, int(share * len(times)))] if times else 0.0

    def summary(self) -> dict[str, Any]:
        statuses: dict[str, int] = {}
        for answer in self.answers:
            key = str(answer.status) if answer.status is not None else "no answer"
            statuses[key] = statuses.get(key, 0) + 1
        return {
            "requests": len(self.answers),
            "statuses": statuses,
            "errors": len(self.errors),
            "p50_s": round(statistics.median(a.seconds for a in self.answers), 3) if self.answers else 0.0,
            "p95_s": round(self.percentile(0.95), 3),
            "max_s": round(max((a.seconds for a in self.answers), default=0.0), 3),
            "wall_s": round(self.seconds, 3),
        }


def prepare_store(db_url: str) -> str:
    """Migrate the store, add the signer-in (``loader``) and an admin; returns the admin's API token."""
    engine = open_store(db_url)
    try:
        with session_scope(engine) as session:
            add_user(session, "loader", role="analyst", password=PASSWORD)
            admin, _ = add_user(session, "load-admin", role="admin", password=PASSWORD)
            return issue_token(session, admin)
    finally:
        engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serve(db_url: str, *, log: Path, **settings: str) -> Iterator[str]:
    """``charterwatch serve`` on 127.0.0.1 in a subprocess, with ``CHARTERWATCH_<NAME>`` settings; its URL."""
    port = _free_port()
    env = {**os.environ, "CHARTERWATCH_SECRET_KEY": SECRET, "CHARTERWATCH_RATE_LIMIT": "1000000"}
    env |= {"CHARTERWATCH_" + name.upper(): value for name, value in settings.items()}
    command = [sys.executable, "-c", "from charterwatch.cli.app import main; main()", "--db", db_url, "serve"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(log.read_text())
            try:
                urllib.request.urlopen(url + "/login", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not answer in 60 s\n" + log.read_text()) from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _session(url: str, path: str) -> tuple[dict[str, str], str]:
    """A session's cookies and its CSRF token, as the page at ``path`` carries it."""
    with httpx.Client(base_url=url, timeout=_TIMEOUT) as client:
        page = client.get(path)
        found = _CSRF.search(page.text)
        if found is None:
            raise RuntimeError(f"no CSRF field on {path}: {page.status_code}")
        return dict(client.cookies), found.group(1)


async def _timed(send: Callable[[], Awaitable[httpx.Response]]) -> Answer:
    start = time.perf_counter()
    try:
        response = await send()
    except httpx.HTTPError as e:
        return Answer(None, time.perf_counter() - start, error=f"{type(e).__name__}: {e}")
    elapsed = time.perf_counter() - start
    try:
        body = response.json()
    except ValueError:
        body = {}
    return Answer(response.status_code, elapsed, body if isinstance(body, dict) else {})


async def _burst(
    url: str, count: int, path: str, send: Callable[[httpx.AsyncClient, str, int], Awaitable[httpx.Response]]
) -> tuple[list[Answer], float]:
    """``count`` clients, each with a connection of its own, wait together and then send at once.

    They share one session (cookie and CSRF token, taken from the page at ``path``): the server keeps no
    session state, so this is the same to it as ``count`` visitors, without ``count`` page loads first.
    """
    cookies, token = _session(url, path)
    # a client per request: one client's pool scans its connections for every request, which with hundreds
    # at once costs more than the server's work; one TLS context for all, never used over http but made anew
    # by each client otherwise (tens of milliseconds each)
    unused_tls = ssl.create_default_context()
    clients = [
        httpx.AsyncClient(base_url=url, timeout=_TIMEOUT, cookies=cookies, verify=unused_tls)
        for _ in range(count)
    ]
    go = asyncio.Event()

    async def one(k: int) -> Answer:
        await go.wait()
        return await _timed(lambda: send(clients[k], token, k))

    tasks = [asyncio.create_task(one(k)) for k in range(count)]
    await asyncio.sleep(0.2)  # every task is waiting on the event
    start = time.perf_counter()
    go.set()
    answers = await asyncio.gather(*tasks)
    seconds = time.perf_counter() - start
    for client in clients:
        await client.aclose()
    return list(answers), seconds


def proposal_text(marker: str, k: int) -> str:
    return f"Load check {marker} number {k}: keep the ban on censorship in article 20 as it stands."


def proposal_burst(url: str, count: int) -> tuple[Burst, str, list[str]]:
    """``count`` anonymous citizens post ``/api/consult/proposals`` at once; the burst, its marker, the texts."""
    marker = uuid.uuid4().hex[:12]
    texts = [proposal_text(marker, k) for k in range(count)]

    def send(client: httpx.AsyncClient, token: str, k: int) -> Awaitable[httpx.Response]:
        return client.post("/api/consult/proposals", json={"text": texts[k]}, headers={"X-CSRF-Token": token})

    answers, seconds = asyncio.run(_burst(url, count, "/consult/propose", send))
    return Burst(answers, seconds, ok=201), marker, texts


def login_burst(url: str, count: int) -> Burst:
    """``count`` clients sign in as ``loader`` at once (the JSON answer: 200)."""

    def send(client: httpx.AsyncClient, token: str, k: int) -> Awaitable[httpx.Response]:
        form = {"name": "loader", "password": PASSWORD, "csrf_token": token}
        return client.post("/login", data=form, headers={"Accept": "application/json"})

    answers, seconds = asyncio.run(_burst(url, count, "/login", send))
    return Burst(answers, seconds, ok=200)


def stored_proposals(db_url: str, marker: str) -> list[tuple[str, str]]:
    """(id, text) of every stored proposal of this run."""
    engine = open_store(db_url, migrate=False)
    try:
        with session_scope(engine, write=False) as session:
            query = select(ProposalRow.id, ProposalRow.text).where(ProposalRow.text.contains(marker))
            return [(i, t) for i, t in session.execute(query)]
    finally:
        engine.dispose()


def logins_logged(db_url: str) -> int:
    engine = open_store(db_url, migrate=False)
    try:
        with session_scope(engine, write=False) as session:
            return int(session.scalar(select(func.count()).where(AuditLogRow.action == "login")) or 0)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Stored:
    """How the store matches a burst's answers."""

    acknowledged: int
    lost: list[str]  # acknowledged, not stored (or stored with another text)
    doubled: list[str]  # one text stored more than once
    unacknowledged: list[str]  # stored, although its sender was not told so


def check_stored(burst: Burst, texts: list[str], rows: list[tuple[str, str]]) -> Stored:
    by_id = {i: t for i, t in rows}
    acknowledged = {a.body["id"]: texts[k] for k, a in enumerate(burst.answers) if a.status == burst.ok}
    lost = [i for i, text in acknowledged.items() if by_id.get(i) != text]
    counts: dict[str, int] = {}
    for _, text in rows:
        counts[text] = counts.get(text, 0) + 1
    doubled = [text for text, n in counts.items() if n > 1]
    unacknowledged = [i for i in by_id if i not in acknowledged]
    return Stored(len(acknowledged), lost, doubled, unacknowledged)


def read_your_writes(url: str, token: str, proposal_id: str, pairs: int) -> list[str]:
    """``pairs`` times: an admin decides on ``proposal_id`` and reads it back at once; the mismatches."""
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    stale: list[str] = []
    with httpx.Client(base_url=url, timeout=_TIMEOUT, headers=headers) as client:
        for k in range(pairs):
            status = "accepted" if k % 2 == 0 else "rejected"
            form = {"status": status, "reason": "" if status == "accepted" else f"read-your-write check {k}"}
            edit = client.post(f"/consult/proposals/{proposal_id}/review", data=form, follow_redirects=False)
            if edit.status_code != 200:
                stale.append(f"{k}: edit answered {edit.status_code}: {edit.text[:200]}")
                continue
            seen = client.get(f"/api/consult/proposals/{proposal_id}").json()["proposal"]["status"]
            if seen != status:
                stale.append(f"{k}: wrote {status}, read {seen}")
    return stale
