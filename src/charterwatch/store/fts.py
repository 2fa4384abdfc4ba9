"""Full-text search over provision text, on SQLite (FTS5) and PostgreSQL (tsvector), behind one function.

The user's words are never passed through as query syntax: each word, and each ``"quoted phrase"``, becomes a
quoted term, so ``свобода "общественного порядка"`` finds provisions with the word and the exact phrase, and
stray quotes or operators cannot break the query. Hits with all the words in a row come first, so an unquoted
``общественного порядка`` lists the provisions with that phrase before those that merely have both words. Words match as written (no stemming): Russian and Kazakh
inflect, and a monitor searching for "общественного порядка" wants that form. Case is folded on both backends;
SQLite also folds diacritics (ё/е, й/и).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E

# Names of the search objects the initial migration creates; Alembic's autogenerate must leave them alone.
SEARCH_OBJECTS: Final = frozenset(
    {"provision_fts", "provision_fts_ai", "provision_fts_ad", "provision_fts_au", "ix_provision_text_fts"}
)
MARK: Final = "**"
_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Match:
    """One matching provision: its id and a snippet with the matched words between ``**`` marks."""

    provision_id: int
    snippet: str


def is_search_object(name: str | None) -> bool:
    """True for tables, triggers and indexes that exist for search only (and are not in the models)."""
    return name is not None and (name in SEARCH_OBJECTS or name.startswith("provision_fts_"))


def query_terms(query: str) -> list[str]:
    """The words and quoted phrases of a user's query, each a term that every hit must contain."""
    terms = []
    for phrase, word in _TERM.findall(query):
        term = " ".join((phrase or word).replace('"', " ").split())
        if _WORD.search(term):
            terms.append(term)
    if not terms:
        raise CharterwatchError(E.BAD_QUERY, query=query, reason="no words to search for")
    return terms


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression that ANDs the terms, each quoted so it is a phrase and never an operator."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def match_provisions(session: Session, query: str, *, version_id: int | None, limit: int) -> list[Match]:
    """Provisions whose text contains every term of ``query``, best first."""
    terms = query_terms(query)
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        sql, params = _sqlite_sql(terms, version_id=version_id, limit=limit)
    elif dialect == "postgresql":
        sql, params = _postgres_sql(terms, version_id=version_id, limit=limit)
    else:
        raise CharterwatchError(E.BAD_QUERY, query=query, reason=f"search is not supported on {dialect}")
    try:
        rows = session.execute(text(sql), params).all()
    except DBAPIError as e:
        raise CharterwatchError(E.BAD_QUERY, query=query, reason=str(e.orig).splitlines()[0]) from e
    return [Match(provision_id=row[0], snippet=row[1]) for row in rows]


def _sqlite_sql(terms: list[str], *, version_id: int | None, limit: int) -> tuple[str, dict[str, Any]]:
    where = "AND p.version_id = :version_id" if version_id is not None else ""
    sql = f"""
        SELECT p.id, snippet(provision_fts, 0, '{MARK}', '{MARK}', '…', 24)
        FROM provision_fts JOIN provision AS p ON p.id = provision_fts.rowid
        WHERE provision_fts MATCH :match {where}
        ORDER BY p.id IN (SELECT rowid FROM provision_fts WHERE provision_fts MATCH :phrase) DESC,
            provision_fts.rank, p.version_id, p.position
        LIMIT :limit
    """
    params = {
        "match": fts5_query(terms),
        "phrase": fts5_query([" ".join(terms)]),
        "version_id": version_id,
        "limit": limit,
    }
    return sql, params


def _postgres_sql(terms: list[str], *, version_id: int | None, limit: int) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"version_id": version_id, "limit": limit, "phrase": " ".join(terms)}
    parts = []
    for i, term in enumerate(terms):
        params[f"t{i}"] = term
        parts.append(f"phraseto_tsquery('simple', :t{i})")
    where = "AND p.version_id = :version_id" if version_id is not None else ""
    options = f'StartSel="{MARK}", StopSel="{MARK}", MaxWords=30, MinWords=10, FragmentDelimiter=" … "'
    sql = f"""
        WITH q AS (SELECT ({" && ".join(parts)}) AS query)
        SELECT p.id, ts_headline('simple', p.text, q.query, '{options}')
        FROM provision AS p, q
        WHERE to_tsvector('simple', p.text) @@ q.query {where}
        ORDER BY to_tsvector('simple', p.text) @@ phraseto_tsquery('simple', :phrase) DESC,
            ts_rank(to_tsvector('simple', p.text), q.query) DESC, p.version_id, p.position
        LIMIT :limit
    """
    return sql, params
