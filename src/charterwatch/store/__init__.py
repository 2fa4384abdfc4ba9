"""The store: one SQL database (SQLite or PostgreSQL) under every domain, schema owned by Alembic."""

from charterwatch.store.db import (
    current_revision,
    downgrade,
    make_engine,
    open_store,
    resolve_url,
    session_scope,
    upgrade,
)
from charterwatch.store.models import Base, Document, Provision, Version

__all__ = [
    "Base",
    "Document",
    "Provision",
    "Version",
    "current_revision",
    "downgrade",
    "make_engine",
    "open_store",
    "resolve_url",
    "session_scope",
    "upgrade",
]
