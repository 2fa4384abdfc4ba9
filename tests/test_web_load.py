"""Writes under real load, on each backend: a real server on 127.0.0.1 and hundreds of clients at once.

Every request is answered; no error but the rate limiter's 429; every acknowledged proposal is stored exactly
once and nothing refused is stored; fifty simultaneous sign-ins all succeed and are all in the audit log; and
a write is visible to the very next read. The sizes are the targets of docs/web.md; ``bench/bench_load.py``
prints the timings.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from charterwatch.consult.models import ProposalRow
from charterwatch.store import db
from charterwatch.store.db import session_scope
from charterwatch.web.app import create_app
from charterwatch.web.settings import WebSettings
from web_load import (
    SECRET,
    check_stored,
    login_burst,
    logins_logged,
    prepare_store,
    proposal_burst,
    read_your_writes,
    serve,
    stored_proposals,
)

PROPOSALS = 500
LOGINS = 50
PAIRS = 200


@pytest.mark.slow
def test_bursts_of_writes_are_all_answered_stored_once_and_read_back(db_url: str, tmp_path: Path) -> None:
    token = prepare_store(db_url)
    with serve(db_url, log=tmp_path / "server.log") as url:
        burst, marker, texts = proposal_burst(url, PROPOSALS)
        assert not burst.errors, burst.summary()
        stored = check_stored(burst, texts, stored_proposals(db_url, marker))
        assert stored.acknowledged == PROPOSALS  # the limiter is off for this run: all were taken
        assert not stored.lost and not stored.doubled and not stored.unacknowledged, stored

        logins = login_burst(url, LOGINS)
        assert not logins.errors and sum(a.status == 200 for a in logins.answers) == LOGINS, logins.summary()
        assert logins_logged(db_url) == LOGINS

        first = next(a.body["id"] for a in burst.answers if a.status == 201)
        assert read_your_writes(url, token, first, PAIRS) == []


def test_a_write_the_store_cannot_take_in_time_is_a_503_and_stores_nothing(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 200)  # read when a connection opens: wait 0.2 s, not 10
    app = create_app(db_url=sqlite_url, settings=WebSettings(secret_key=SECRET, secure_cookies=False))
    blocker = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))  # another process's writer, say
    try:
        with TestClient(app) as client:
            token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/consult/propose").text)
            assert token is not None
            blocker.execute("BEGIN IMMEDIATE")
            text = "A proposal sent while another writer holds the store."
            answer = client.post(
                "/api/consult/proposals", json={"text": text}, headers={"X-CSRF-Token": token.group(1)}
            )
            blocker.rollback()
            assert answer.status_code == 503 and answer.headers["retry-after"] == "1"
            assert answer.json()["error"] == "DB_BUSY" and "nothing was saved" in answer.json()["message"]
            with session_scope(app.state.engine, write=False) as session:
                assert session.scalar(select(func.count()).select_from(ProposalRow)) == 0
    finally:
        blocker.close()
        app.state.engine.dispose()
