"""Which articles of a version a proposal speaks to: the numbers it names, then the articles its words match.

A number cited ("статья 26", "Article 5") is the strongest sign and links at score 1. Without one, a proposal
links to the articles whose words it shares: TF-IDF over lemmas (``words.py``), fitted on the version's
articles so that words found everywhere ("Республика", "law") weigh little, and cosine of the proposal with
each article. ``THRESHOLD`` and ``MIN_SHARED`` were set on real text (docs/consult.md, "Linking"): proposals
restating articles of Kazakhstan 1995 score well above them, Polis comments on local affairs below them, so
an unrelated proposal links to nothing. Similarity is only tried within one language; a proposal in another
language links by the numbers it names alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.preprocessing import normalize  # type: ignore[import-untyped]
from sqlalchemy.orm import object_session

from charterwatch.consult.articles import named_article_spans
from charterwatch.consult.model import Proposal
from charterwatch.consult.words import Word, content_words, lemmas
from charterwatch.errors import CharterwatchError, E
from charterwatch.store.models import Version
from charterwatch.texts.tree import ParsedText, Provision

METHOD: Final = "consult.linking.v1"
THRESHOLD: Final = 0.2  # cosine of a proposal with an article, at and above which they link
MIN_SHARED: Final = 2  # different lemmas a proposal must share with an article to link by similarity
TOP: Final = 3  # similar articles kept per proposal
EVIDENCE_WORDS: Final = 8
Span = tuple[int, int]
LinkHow = Literal["named", "similar"]


@dataclass(frozen=True)
class ArticleLink:
    """One article a proposal speaks to, and why: the citation's span, or the shared words and their spans.

    ``evidence`` are spans in the proposal's text; ``words`` are the matched lemmas, weightiest first (for a
    named link, the words it also shares, if any). ``score`` is 1 for a named article, the cosine otherwise.
    """

    ref: str
    eid: str
    num: str
    score: float
    how: LinkHow
    evidence: tuple[Span, ...]
    words: tuple[str, ...] = ()
    method: str = METHOD

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "eid": self.eid,
            "num": self.num,
            "score": round(self.score, 4),
            "how": self.how,
            "evidence": [list(span) for span in self.evidence],
            "words": list(self.words),
            "method": self.method,
        }


@dataclass
class _Index:
    """The version's articles as TF-IDF rows over lemmas."""

    articles: list[Provision]
    vectorizer: Any
    matrix: Any

    @classmethod
    def fit(cls, parsed: ParsedText) -> _Index:
        articles = [a for a in parsed.articles() if a.num and a.norm_text()]
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm=None)
        matrix = vectorizer.fit_transform([lemmas(a.norm_text(), parsed.lang) for a in articles])
        return cls(articles, vectorizer, normalize(matrix).tocsr())

    def vectors(self, lemma_lists: Sequence[list[str]]) -> Any:
        """Proposals' TF-IDF rows, scaled by their whole length: a word no article uses still counts in the
        norm (at the highest idf), so a long proposal that shares one word with an article stays far from it."""
        rows = self.vectorizer.transform(lemma_lists).tocsr()
        known = set(self.vectorizer.vocabulary_)
        rare = float(self.vectorizer.idf_.max())
        norms = []
        for row, lemma_list in enumerate(lemma_lists):
            unknown = Counter(w for w in lemma_list if w not in known)
            outside = sum(((1 + np.log(n)) * rare) ** 2 for n in unknown.values())
            inside = float(rows[row].multiply(rows[row]).sum())
            norms.append(np.sqrt(inside + outside) or 1.0)
        return sparse.diags(1 / np.asarray(norms)) @ rows


def link_articles(
    proposals: Sequence[Proposal],
    version: ParsedText | Version,
    *,
    ref: str | None = None,
    threshold: float = THRESHOLD,
    min_shared: int = MIN_SHARED,
    top: int = TOP,
) -> dict[str, list[ArticleLink]]:
    """Per proposal id, its linked articles: named ones first (in the order named), then similar, best first.

    ``version`` is a parsed text (give its ``ref``) or a stored version (its ref is its own).
    """
    parsed, ref = _parsed(version, ref)
    index = _Index.fit(parsed)
    by_num = {a.num: a for a in index.articles}
    same_language = [p for p in proposals if p.language == parsed.lang]
    similar = _similar(
        same_language, index, parsed.lang, ref, threshold=threshold, min_shared=min_shared, top=top
    )
    links: dict[str, list[ArticleLink]] = {}
    for proposal in proposals:
        found = similar.get(proposal.id, [])
        matched = {link.num: link for link in found}
        named = [
            _named(by_num[num], spans, ref, matched.get(num))
            for num, spans in named_article_spans(proposal.text).items()
            if num in by_num
        ]
        names = {link.num for link in named}
        links[proposal.id] = named + [link for link in found if link.num not in names][:top]
    return links


def _similar(
    proposals: Sequence[Proposal],
    index: _Index,
    lang: str,
    ref: str,
    *,
    threshold: float,
    min_shared: int,
    top: int,
) -> dict[str, list[ArticleLink]]:
    if not proposals or not index.articles:
        return {}
    words = [content_words(p.text, lang) for p in proposals]
    vectors = index.vectors([[w.lemma for w in ws] for ws in words]).tocsr()
    scores = np.asarray((vectors @ index.matrix.T).toarray(), dtype=np.float64)
    present = (vectors > 0).astype(np.float64) @ (index.matrix > 0).astype(np.float64).T
    scores[np.asarray(present.toarray()) < min_shared] = 0.0
    vocabulary = index.vectorizer.get_feature_names_out()
    found: dict[str, list[ArticleLink]] = {}
    for row, proposal in enumerate(proposals):
        links = []
        for column in np.argsort(-scores[row], kind="stable")[:top]:
            score = float(scores[row, column])
            if score < threshold or score == 0:
                break
            shared = _shared(vectors[row], index.matrix[column], vocabulary)
            article = index.articles[column]
            evidence = _spans(words[row], set(shared))
            links.append(ArticleLink(ref, article.eid, str(article.num), score, "similar", evidence, shared))
        found[proposal.id] = links
    return found


def _shared(proposal: Any, article: Any, vocabulary: Any) -> tuple[str, ...]:
    """The lemmas both rows hold, by their share of the cosine, largest first."""
    weights = proposal.multiply(article).tocoo()
    order = np.argsort(-weights.data, kind="stable")[:EVIDENCE_WORDS]
    return tuple(str(vocabulary[weights.col[k]]) for k in order)


def _spans(words: Sequence[Word], lemmas_wanted: set[str]) -> tuple[Span, ...]:
    return tuple((w.start, w.end) for w in words if w.lemma in lemmas_wanted)


def _named(article: Provision, spans: list[Span], ref: str, similar: ArticleLink | None) -> ArticleLink:
    evidence = tuple(spans) + (similar.evidence if similar else ())
    words = similar.words if similar else ()
    return ArticleLink(ref, article.eid, str(article.num), 1.0, "named", evidence, words)


def _parsed(version: ParsedText | Version, ref: str | None) -> tuple[ParsedText, str]:
    if isinstance(version, ParsedText):
        if ref is None:
            raise ValueError("a parsed text needs its ref")
        return version, ref
    from charterwatch.texts.storage import load_version, version_ref

    session = object_session(version)
    if session is None:
        raise CharterwatchError(E.VERSION_NOT_FOUND, ref=ref or str(version.id))
    return load_version(session, version), ref or version_ref(version)


def _identity(lemma_list: list[str]) -> list[str]:
    return lemma_list
