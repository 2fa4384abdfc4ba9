"""Was a proposal taken up? Whether the articles it targets in the old draft changed toward it in the new one.

A proposal asks for words to come in ("закрепить ..., guarantee X") or, with a verb of removal ("исключить",
"abolish"), for words of the article to go. Its content words that the old article lacks are what it wants
inserted; with a verb of removal, its words that the old article has (or, when it quotes, the quoted ones) are
what it wants deleted. Each such word, weighted by its rarity among the old draft's articles, counts toward
the proposal when the pair's redline moved it the wanted way (more inserted than deleted, or the reverse), and
away when it moved the other way. The weighted share toward is the *coverage*: at least ``REFLECTED`` makes
the article reflected, at least ``PARTLY`` partly; an article left unchanged, removed when the proposal wanted
to add, or changed in other words is not_reflected. A proposal that links to no article is ``unlinked``.
Definitions and figures: docs/consult.md, "Uptake".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from charterwatch.consult.changes import ChangedWord, NormMap, changed_words
from charterwatch.consult.linking import ArticleLink, link_articles
from charterwatch.consult.model import Proposal
from charterwatch.consult.words import Word, content_words, lemma, lemmas
from charterwatch.texts.compare.model import AlignedPair, Comparison
from charterwatch.texts.compare.redline import changed_words as count_changed
from charterwatch.texts.compare.redline import redline
from charterwatch.texts.tree import ParsedText, Provision

METHOD: Final = "consult.uptake.v1"
REFLECTED: Final = 0.5
PARTLY: Final = 0.15
NEAR_BEST: Final = 0.8  # similar links within this share of the best one are targets too
Status = Literal["reflected", "partly", "not_reflected", "unlinked"]
STATUSES: Final[tuple[Status, ...]] = ("reflected", "partly", "not_reflected", "unlinked")
Ask = Literal["add", "remove"]
_REMOVE: Final = {
    "ru": "исключить убрать отменить упразднить удалить ликвидировать отказаться",
    "en": "remove delete abolish repeal drop eliminate exclude scrap",
}
_REQUEST: Final = {
    "ru": "дополнить добавить закрепить записать гарантировать ввести предусмотреть включить изменить прописать",
    "en": "add include enshrine guarantee introduce insert ensure change amend say state write",
}
_QUOTED: Final = re.compile(r"«([^»]+)»|\"([^\"]+)\"|“([^”]+)”")
Translate = Callable[[str], frozenset[str]]


@dataclass
class ArticleUptake:
    """One targeted old article: what it became, and the words that moved toward or away from the proposal."""

    old: list[str]
    new: list[str]
    kind: str
    status: Status
    coverage: float
    link: ArticleLink
    wanted: list[str]
    toward: list[ChangedWord] = field(default_factory=list)
    away: list[ChangedWord] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "kind": self.kind,
            "status": self.status,
            "coverage": round(self.coverage, 3),
            "link": self.link.to_dict(),
            "wanted": self.wanted,
            "toward": [w.to_dict() for w in self.toward],
            "away": [w.to_dict() for w in self.away],
        }


@dataclass
class Uptake:
    """A proposal's verdict, its confidence in [0, 1], what it asked (add or remove) and the articles behind it."""

    proposal_id: str
    status: Status
    confidence: float
    ask: Ask
    articles: list[ArticleUptake]
    method: str = METHOD

    def evidence(self) -> list[ChangedWord]:
        """The changed words that moved toward the proposal, over all its articles."""
        return [w for article in self.articles for w in article.toward]

    def to_dict(self) -> dict[str, Any]:
        return {
            "proposal_id": self.proposal_id,
            "status": self.status,
            "confidence": round(self.confidence, 3),
            "ask": self.ask,
            "articles": [a.to_dict() for a in self.articles],
            "method": self.method,
        }


@dataclass
class Drafts:
    """Two drafts and their comparison (old → new), with what uptake derives from them once."""

    old: ParsedText
    new: ParsedText
    comparison: Comparison
    _old_lemmas: dict[str, set[str]] = field(default_factory=dict, init=False)
    _df: Counter[str] = field(default_factory=Counter, init=False)

    def __post_init__(self) -> None:
        for article in self.old.articles():
            found = lemmas(article.norm_text(), self.old.lang)
            self._old_lemmas[str(article.num)] = set(found)
            self._df.update(set(found))

    def weight(self, forms: frozenset[str]) -> float:
        """How rare a word is among the old draft's articles: ln((1 + n) / (1 + df)); a word without a
        translation (no forms) weighs as one the draft never uses: it is asked for, but cannot be seen to move."""
        df = min((self._df[f] for f in forms), default=0)
        return math.log((1 + len(self._old_lemmas)) / (1 + df))

    def old_lemmas(self, nums: Sequence[str]) -> set[str]:
        return set().union(*(self._old_lemmas.get(n, set()) for n in nums))

    def pair_for(self, num: str) -> AlignedPair | None:
        """The old article's fate as one pair (the pieces of a split joined into one)."""
        pairs = [p for p in self.comparison.pairs if num in p.old]
        if len(pairs) <= 1:
            return pairs[0] if pairs else None
        old = sorted({n for p in pairs for n in p.old}, key=pairs[0].old.index)
        new = [n for p in pairs for n in p.new]
        before, after = self._text(self.old, old), self._text(self.new, new)
        ops = redline(before, after)
        deleted, inserted = count_changed(ops)
        return AlignedPair(
            pairs[0].kind, new, old, pairs[0].similarity, 0, 0, deleted, inserted, ops, before != after
        )

    @staticmethod
    def _text(parsed: ParsedText, nums: Sequence[str]) -> str:
        return " ".join(a.norm_text() for n in nums if (a := parsed.article(n)) is not None)


def assess(
    proposals: Sequence[Proposal],
    drafts: Drafts,
    *,
    links: dict[str, list[ArticleLink]] | None = None,
    translate: dict[str, Translate] | None = None,
) -> list[Uptake]:
    """The uptake of each proposal, in order. ``links`` are to the OLD draft (made here when not given);
    ``translate`` maps a language to a function from its lemmas to the old draft's lemmas (``lexicon.py``)."""
    comparison = drafts.comparison
    if links is None:
        links = link_articles(proposals, drafts.old, ref=comparison.old_ref)
    lang = drafts.old.lang
    found = []
    for proposal in proposals:
        targets = _targets(links.get(proposal.id, []))
        if not targets:
            found.append(Uptake(proposal.id, "unlinked", 0.0, "add", []))
            continue
        convert = (translate or {}).get(proposal.language) if proposal.language != lang else None
        ask, concepts = _concepts(proposal, convert)
        assessed = [_article(drafts, link, ask, concepts, lang=lang) for link in targets]
        articles = [a for a in assessed if a is not None]
        if not articles:
            found.append(Uptake(proposal.id, "unlinked", 0.0, ask, []))
            continue
        named = targets[0].how == "named"
        status = _combined([a.status for a in articles]) if named else _best(articles).status
        chosen = articles if named else [_best(articles)]
        found.append(Uptake(proposal.id, status, _confidence(status, chosen), ask, chosen))
    return found


def _targets(links: Sequence[ArticleLink]) -> list[ArticleLink]:
    named = [link for link in links if link.how == "named"]
    if named:
        return named
    best = max((link.score for link in links), default=0.0)
    return [link for link in links if link.score >= NEAR_BEST * best]


@dataclass(frozen=True)
class _Concept:
    label: str
    forms: frozenset[str]
    quoted: bool


def _concepts(proposal: Proposal, translate: Translate | None) -> tuple[Ask, list[_Concept]]:
    """What the proposal asks (add or remove) and its content words as sets of the old draft's lemmas."""
    lang = proposal.language
    words = content_words(proposal.text, lang)
    removing = {lemma(w, lang) for w in _REMOVE.get(lang, "").split()}
    request = removing | {lemma(w, lang) for w in _REQUEST.get(lang, "").split()}
    ask: Ask = "remove" if any(w.lemma in removing for w in words) else "add"
    quotes = [m.span() for m in _QUOTED.finditer(proposal.text)]
    concepts: dict[str, _Concept] = {}
    for word in words:
        if word.lemma in request or word.lemma in concepts:
            continue
        forms = translate(word.lemma) if translate else frozenset({word.lemma})
        concepts[word.lemma] = _Concept(word.lemma, forms, _inside(word, quotes))
    return ask, list(concepts.values())


def _inside(word: Word, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= word.start < end for start, end in spans)


def _article(
    drafts: Drafts, link: ArticleLink, ask: Ask, concepts: Sequence[_Concept], *, lang: str
) -> ArticleUptake | None:
    pair = drafts.pair_for(link.num)
    if pair is None:
        return None
    present = drafts.old_lemmas(pair.old)
    existing = [c for c in concepts if c.forms & present]
    fresh = [c for c in concepts if not c.forms & present]
    if ask == "remove" and any(c.quoted for c in existing):
        existing = [c for c in existing if c.quoted]
    looked = fresh + existing if ask == "remove" else fresh or existing
    wanted = [c.label for c in looked]
    if pair.kind == "removed" or not pair.text_changed:
        gone = pair.kind == "removed" and ask == "remove"
        status: Status = "reflected" if gone else "not_reflected"
        return ArticleUptake(pair.old, pair.new, pair.kind, status, 1.0 if gone else 0.0, link, wanted)
    words = changed_words(
        pair,
        NormMap(_articles(drafts.old, pair.old)),
        NormMap(_articles(drafts.new, pair.new)),
        lang=lang,
        old_ref=drafts.comparison.old_ref,
        new_ref=drafts.comparison.new_ref,
    )
    net = Counter(w.lemma for w in words if w.side == "inserted")
    net.subtract(w.lemma for w in words if w.side == "deleted")
    toward_forms: set[str] = set()
    away_forms: set[str] = set()
    score = total = 0.0
    for concept in looked:
        weight = drafts.weight(concept.forms)
        total += weight
        moved = sum(net[f] for f in concept.forms)
        sign = -1 if ask == "remove" and concept in existing else 1
        if moved * sign > 0:
            score += weight
            toward_forms |= concept.forms
        elif moved * sign < 0:
            away_forms |= concept.forms
    coverage = score / total if total else 0.0
    status = "reflected" if coverage >= REFLECTED else "partly" if coverage >= PARTLY else "not_reflected"
    toward = [w for w in words if w.lemma in toward_forms]
    away = [w for w in words if w.lemma in away_forms]
    return ArticleUptake(pair.old, pair.new, pair.kind, status, coverage, link, wanted, toward, away)


def _articles(parsed: ParsedText, nums: Sequence[str]) -> list[Provision]:
    return [a for n in nums if (a := parsed.article(n)) is not None]


_RANK: Final[dict[Status, int]] = {"reflected": 3, "partly": 2, "not_reflected": 1, "unlinked": 0}


def _best(articles: Sequence[ArticleUptake]) -> ArticleUptake:
    return max(articles, key=lambda a: (_RANK[a.status], a.coverage))


def _combined(statuses: Sequence[Status]) -> Status:
    """Several named articles: reflected only if all are, not_reflected only if none moved toward it."""
    if all(s == "reflected" for s in statuses):
        return "reflected"
    if all(s == "not_reflected" for s in statuses):
        return "not_reflected"
    return "partly"


def _confidence(status: Status, articles: Sequence[ArticleUptake]) -> float:
    """How sure the link is (1 for a named article, cosine / 0.4 capped at 1 for a similar one) times how
    clear the verdict is (the coverage when reflected, its distance from 0 when not, 0.6 when partly)."""
    sure = min(min(a.link.score for a in articles) / 0.4, 1.0)
    coverage = sum(a.coverage for a in articles) / len(articles)
    clear = coverage if status == "reflected" else 1 - coverage if status == "not_reflected" else 0.6
    return round(sure * clear, 3)
