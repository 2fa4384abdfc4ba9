"""The words an aligned pair of articles inserted and deleted, with their lemmas and spans in the versions.

A comparison's redline is over the articles' norm text (``Provision.norm_text``: notes left out, whitespace
collapsed); uptake needs each changed word where it stands in the version's source, so that the evidence
can be shown and checked. ``NormMap`` keeps, for every word of the norm text, its offset in the source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from charterwatch.consult.words import content_words
from charterwatch.texts.compare.model import AlignedPair
from charterwatch.texts.tree import Provision

Side = Literal["inserted", "deleted"]
_NON_SPACE = re.compile(r"\S+")


@dataclass(frozen=True)
class ChangedWord:
    """A content word the new version inserted or the old one lost, where it stands in that version."""

    text: str
    lemma: str
    side: Side
    ref: str
    article: str
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "lemma": self.lemma,
            "side": self.side,
            "ref": self.ref,
            "article": self.article,
            "span": list(self.span),
        }


class NormMap:
    """The norm text of some articles joined by spaces, and the way back from its offsets to the source."""

    def __init__(self, articles: Sequence[Provision]) -> None:
        self.starts: list[int] = []  # offset of each word in the joined norm text
        self.sources: list[int] = []  # offset of the same word in the source
        self.articles: list[tuple[int, str]] = []  # norm offset where each article starts, and its number
        words: list[str] = []
        position = 0
        for article in articles:
            self.articles.append((position, str(article.num)))
            for node in _norm_nodes(article):
                for match in _NON_SPACE.finditer(node.text):
                    self.starts.append(position)
                    self.sources.append(node.text_span[0] + match.start())
                    words.append(match.group(0))
                    position += len(match.group(0)) + 1
        self.text = " ".join(words)

    def source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the norm text's ``[start, end)`` (which must not cross a word boundary)."""
        k = max(bisect.bisect_right(self.starts, start) - 1, 0)
        shift = self.sources[k] - self.starts[k] if self.starts else 0
        return start + shift, end + shift

    def article(self, start: int) -> str:
        k = max(bisect.bisect_right([a for a, _ in self.articles], start) - 1, 0)
        return self.articles[k][1] if self.articles else ""


def changed_words(
    pair: AlignedPair,
    old: NormMap,
    new: NormMap,
    *,
    lang: str,
    old_ref: str,
    new_ref: str,
) -> list[ChangedWord]:
    """The content words of the pair's redline: inserted ones located in ``new``, deleted ones in ``old``."""
    found: list[ChangedWord] = []
    at_old = at_new = 0
    for op in pair.redline:
        if op.op == "insert":
            found.extend(_located(op.text, at_new, new, "inserted", lang=lang, ref=new_ref))
        elif op.op == "delete":
            found.extend(_located(op.text, at_old, old, "deleted", lang=lang, ref=old_ref))
        if op.op != "delete":
            at_new += len(op.text)
        if op.op != "insert":
            at_old += len(op.text)
    return found


def _located(text: str, at: int, where: NormMap, side: Side, *, lang: str, ref: str) -> list[ChangedWord]:
    return [
        ChangedWord(w.text, w.lemma, side, ref, where.article(w.start), where.source(w.start, w.end))
        for w in content_words(text, lang, offset=at)
    ]


def _norm_nodes(provision: Provision) -> list[Provision]:
    """The nodes whose text makes up the norm text, in its order (as ``Provision.norm_text`` reads them)."""
    nodes = [provision] if provision.text else []
    for child in provision.norm_children():
        nodes.extend(_norm_nodes(child))
    return nodes
