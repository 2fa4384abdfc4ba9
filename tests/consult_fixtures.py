"""Fixtures for the routing tests: a store holding KZ 1995 (English) and the default working groups, and
proposals stored the way an import stores them (not routed)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from charterwatch.consult import service
from charterwatch.store.db import session_scope
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.importer import VersionInfo, import_file

ROUTED_REF = "KZ@1995-en"


@pytest.fixture
def routing_store(engine: Engine) -> Engine:
    entry = corpus_entry(ROUTED_REF)
    info = VersionInfo(jurisdiction="KZ", label="1995", date=entry.date, lang="en", status=entry.status)
    import_file(engine, entry.path(), info)
    with session_scope(engine) as session:
        service.load_groups(session, service.DEFAULT_GROUPS)
    return engine


def stored(engine: Engine, *texts: str) -> list[str]:
    """Proposals stored without routing (as an import would)."""
    with session_scope(engine) as session:
        return [
            service.submit_proposal(session, t, channel="web", submitter_kind="citizen", contact=None)
            for t in texts
        ]
