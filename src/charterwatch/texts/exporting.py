"""Export a stored version: load its tree from the store and render it as JSON, Markdown or Akoma Ntoso."""

from __future__ import annotations

from sqlalchemy import Engine

from charterwatch.store.db import session_scope
from charterwatch.texts import akn, export
from charterwatch.texts.storage import load_version, resolve_ref

_LANG3 = {"en": "eng", "ru": "rus", "kk": "kaz"}


def export_version(engine: Engine, ref: str, *, fmt: str) -> bytes:
    """The version ``ref`` rendered as ``json``, ``md`` or ``akn`` (UTF-8 bytes)."""
    with session_scope(engine) as session:
        version = resolve_ref(session, ref)
        parsed = load_version(session, version)
        title = version.title or version.document.title or parsed.title or ref
        if fmt == "json":
            return export.to_json(parsed).encode("utf-8")
        if fmt == "md":
            return export.to_markdown(parsed, title=title).encode("utf-8")
        return akn.to_akn(
            parsed,
            frbr_work=version.document.frbr_work,
            frbr_expression=version.frbr_expression,
            lang3=_LANG3.get(version.lang, version.lang),
            date=(version.date.isoformat() if version.date else version.document.work_date),
            title=title,
        )
