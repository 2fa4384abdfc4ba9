"""Writes under real load, on each backend: a real server on 127.0.0.1 and hundreds of clients at once.

Every request is answered; no error but the rate limiter's 429; every acknowledged proposal is stored exactly
once and nothing refused is stored; fifty simultaneous sign-ins all succeed and are all in the audit log; and
a write is visible to the very next read. The sizes are the targets of docs/web.md; ``bench/bench_load.py``
prints the timings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from web_load import (
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
