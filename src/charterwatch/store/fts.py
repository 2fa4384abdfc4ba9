"""Full-text search over provision text, on SQLite (FTS5) and PostgreSQL (tsvector), with one ranking.

Each provision is stored with two word lists made in Python (texts/search_words.py): its word forms and its
lemmas, folded alike (lower case, ё as е). A word of the query finds every form of itself ("свобода" finds
"свободы" and "свободу"); a ``"quoted phrase"`` finds those words as written, in that order. The user's words
are never passed through as query syntax: each becomes a quoted term, so stray quotes or operators cannot break
the query. The database only selects the provisions holding every term; ranking and snippets are computed
here, so both backends answer the same hits in the same order: provisions with all the words in a row first,
then by how densely they hold the terms, then in the order of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.search_words import fold, lemma, words

# Names of the search objects the migrations create; Alembic's autogenerate must leave them alone.
SEARCH_OBJECTS: Final = frozenset(
    {
        "provision_fts",
        "provision_fts_ai",
        "provision_fts_ad",
        "provision_fts_au",
        "ix_provision_text_fts",
        "ix_provision_search_forms",
        "ix_provision_search_lemmas",
    }
)
MARK: Final = "**"
CANDIDATES: Final = 5_000  # provisions ranked per query; beyond them the order is the text's
SNIPPET_WORDS: Final = 24
_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    """One term of a query: its words as keys, matched as written (``exact``) or as lemmas."""

    keys: tuple[str, ...]
    exact: bool

    @property
    def column(self) -> str:
        return "search_forms" if self.exact else "search_lemmas"

    def phrase(self) -> str:
        return " ".join(self.keys)


@dataclass(frozen=True)
class Match:
    """One matching provision: its id and a snippet with the matched words between ``**`` marks."""

    provision_id: int
    snippet: str


def is_search_object(name: str | None) -> bool:
    """True for tables, triggers and indexes that exist for search only (and are not in the models)."""
    return name is not None and (name in SEARCH_OBJECTS or name.startswith("provision_fts_"))


def query_terms(query: str) -> list[Term]:
    """The words and quoted phrases of a user's query, each a term that every hit must contain."""
    terms = []
    for phrase, word in _TERM.findall(query):
        found = [fold(w) for w in _WORD.findall(phrase or word)]
        if not found:
            continue
        if phrase:
            terms.append(Term(tuple(found), exact=True))
        else:
            terms.extend(Term((lemma(w),), exact=False) for w in found)
    if not terms:
        raise CharterwatchError(E.BAD_QUERY, query=query, reason="no words to search for")
    return terms


def fts5_query(terms: list[Term]) -> str:
    """An FTS5 MATCH expression that ANDs the terms, each a quoted phrase in its column, never an operator."""
    return " AND ".join(f'{t.column} : "{t.phrase()}"' for t in terms)


def match_provisions(session: Session, query: str, *, version_id: int | None, limit: int) -> list[Match]:
    """Provisions whose text contains every term of ``query``, best first, with a snippet."""
    terms = query_terms(query)
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        sql, params = _sqlite_sql(terms, version_id=version_id)
    elif dialect == "postgresql":
        sql, params = _postgres_sql(terms, version_id=version_id)
    else:
        raise CharterwatchError(E.BAD_QUERY, query=query, reason=f"search is not supported on {dialect}")
    try:
        rows = session.execute(text(sql), {**params, "limit": CANDIDATES}).all()
    except DBAPIError as e:
        raise CharterwatchError(E.BAD_QUERY, query=query, reason=str(e.orig).splitlines()[0]) from e
    ranked = _ranked(terms, [_Candidate(*row) for row in rows])[:limit]
    return [Match(provision_id=c.id, snippet=snippet(c.text, terms)) for c in ranked]


@dataclass(frozen=True)
class _Candidate:
    id: int
    version_id: int
    position: int
    text: str
    forms: str
    lemmas: str


def _ranked(terms: list[Term], found: list[_Candidate]) -> list[_Candidate]:
    """All the words in a row first; then a BM25-like density of the terms; then the text's order."""
    if not found:
        return []
    average = sum(len(c.lemmas.split()) for c in found) / len(found) or 1.0
    together = " ".join(t.phrase() for t in terms)

    def key(c: _Candidate) -> tuple[bool, float, int, int]:
        lemmas, forms = f" {c.lemmas} ", f" {c.forms} "
        in_a_row = f" {together} " in (forms if all(t.exact for t in terms) else lemmas)
        length = len(c.lemmas.split()) / average
        score = 0.0
        for t in terms:
            count = (forms if t.exact else lemmas).count(f" {t.phrase()} ")
            score += count * 2.2 / (count + 1.2 * (0.25 + 0.75 * length))
        return (not in_a_row, -round(score, 9), c.version_id, c.position)

    return sorted(found, key=key)


def snippet(provision_text: str, terms: list[Term]) -> str:
    """Up to ``SNIPPET_WORDS`` words around the first match, matched words between ``**`` marks."""
    found = list(words(provision_text))
    lemmas = {k for t in terms if not t.exact for k in t.keys}
    forms = {k for t in terms if t.exact for k in t.keys}
    hits = [i for i, w in enumerate(found) if w.lemma in lemmas or w.form in forms]
    if not found:
        return provision_text[:200]
    first = max(0, (hits[0] if hits else 0) - SNIPPET_WORDS // 3)
    last = min(len(found), first + SNIPPET_WORDS) - 1
    marked = set(hits)
    out, at = [], found[first].start
    for i in range(first, last + 1):
        word = found[i]
        out.append(provision_text[at : word.start])
        text_of_word = provision_text[word.start : word.end]
        out.append(f"{MARK}{text_of_word}{MARK}" if i in marked else text_of_word)
        at = word.end
    if last == len(found) - 1:
        out.append(provision_text[at:])
    body = "".join(out)
    return ("…" if first > 0 else "") + " ".join(body.split()) + ("…" if last < len(found) - 1 else "")


def _sqlite_sql(terms: list[Term], *, version_id: int | None) -> tuple[str, dict[str, Any]]:
    where = "AND p.version_id = :version_id" if version_id is not None else ""
    sql = f"""
        SELECT p.id, p.version_id, p.position, p.text, p.search_forms, p.search_lemmas
        FROM provision_fts JOIN provision AS p ON p.id = provision_fts.rowid
        WHERE provision_fts MATCH :match {where}
        ORDER BY p.version_id, p.position
        LIMIT :limit
    """
    return sql, {"match": fts5_query(terms), "version_id": version_id}


def _postgres_sql(terms: list[Term], *, version_id: int | None) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"version_id": version_id}
    parts = []
    for i, term in enumerate(terms):
        params[f"t{i}"] = term.phrase()
        parts.append(f"to_tsvector('simple', p.{term.column}) @@ phraseto_tsquery('simple', :t{i})")
    where = "AND p.version_id = :version_id" if version_id is not None else ""
    sql = f"""
        SELECT p.id, p.version_id, p.position, p.text, p.search_forms, p.search_lemmas
        FROM provision AS p
        WHERE {" AND ".join(parts)} {where}
        ORDER BY p.version_id, p.position
        LIMIT :limit
    """
    return sql, params
