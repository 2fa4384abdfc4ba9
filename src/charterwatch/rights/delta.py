"""The rights delta between two versions: what the new text changes in limits, safeguards and rights named.

``delta(old_audit, new_audit, comparison)`` reads two audits over the comparison's article alignment:

- **grounds added or removed** per right (ICCPR article, ``*`` for clauses on all rights), over the whole text,
  so a clause that only moved is no change;
- **limitations broadened or narrowed** per aligned article pair and right: more or fewer grounds, a clawback
  replacing a specific clause, test words gained or lost, a limitation clause appearing or disappearing;
- **safeguards added, removed or changed** (who appoints the ombudsman);
- **rights dropped or added**: an ICCPR right named in one version and nowhere in the other, and the named
  guarantees of ``data/concerns.yaml`` (the right to strike) found in one version only.

Every change keeps the evidence of both sides: the words (``old`` / ``new``) where the thing exists, and the
clause or paragraph around them (``old_clause`` / ``new_clause``). Where a side lacks the thing, its clause is
the counterpart passage: the paragraph of the aligned article that shares most words with the other side, so
a report can quote what the text says instead. Passing the parsed texts (``old=``, ``new=``) enables those
counterparts and the named guarantees; every quote is ``source_text[start:end]``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.audit import Audit
from charterwatch.rights.grounds import units
from charterwatch.rights.lemmas import Token, tokenize
from charterwatch.rights.model import Clause, Evidence, GroundFinding, Location, Safeguard
from charterwatch.rights.phrases import Matcher, compile_pattern
from charterwatch.rights.standards import Standards, Verdict, load_standards, load_yaml
from charterwatch.texts.compare.model import Comparison
from charterwatch.texts.tree import ParsedText

ChangeKind = Literal[
    "ground_added",
    "ground_removed",
    "limitation_broadened",
    "limitation_narrowed",
    "limitation_changed",
    "safeguard_added",
    "safeguard_removed",
    "safeguard_changed",
    "right_dropped",
    "right_added",
]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "ground_added",
    "ground_removed",
    "limitation_broadened",
    "limitation_narrowed",
    "limitation_changed",
    "safeguard_added",
    "safeguard_removed",
    "safeguard_changed",
    "right_dropped",
    "right_added",
)
DATA_FILE = "concerns.yaml"
_MIN_WORD = 3  # shorter words (prepositions) do not count when looking for a counterpart paragraph


@dataclass(frozen=True)
class Passage:
    """Words of one version: which version, where (article, paragraph as printed, eId) and the span."""

    ref: str
    article: str | None
    paragraph: str | None
    eid: str
    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, ref: str, location: Location, evidence: Evidence) -> Passage:
        return cls(
            ref,
            location.article,
            location.paragraph,
            location.eid,
            evidence.start,
            evidence.end,
            evidence.quote,
        )


@dataclass(frozen=True)
class Change:
    """One change between the versions, with the evidence of both sides."""

    kind: ChangeKind
    right: str | None  # ICCPR article, "*" for all rights, None for a safeguard
    subject: str  # a ground key, safeguard id, guarantee id or ICCPR article
    label: str
    detail: str  # what changed, in words built from the findings
    verdict: Verdict | None = None  # a ground's verdict for the right
    old: Passage | None = None  # the words in the old version, where the thing exists there
    new: Passage | None = None
    old_clause: Passage | None = None  # the clause around them, or the counterpart passage
    new_clause: Passage | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RightsDelta:
    old_ref: str
    new_ref: str
    method: str  # the comparison's aligner
    changes: tuple[Change, ...]

    def of_kind(self, *kinds: ChangeKind) -> list[Change]:
        return [c for c in self.changes if c.kind in kinds]

    def summary(self) -> dict[str, int]:
        return {kind: n for kind in CHANGE_KINDS if (n := len(self.of_kind(kind)))}

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_ref": self.old_ref,
            "new_ref": self.new_ref,
            "method": self.method,
            "summary": self.summary(),
            "changes": [c.to_dict() for c in self.changes],
        }


# Named guarantees: rights narrower than an ICCPR article whose loss the delta reports.


class Guarantee(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str
    iccpr: str | None = None  # the ICCPR article it belongs to, if any
    standard: str
    phrases: dict[str, list[str]]  # language -> phrases


def read_data() -> dict[str, Any]:
    """``data/concerns.yaml``: the named guarantees and the concerns."""
    try:
        text = resources.files("charterwatch.rights").joinpath("data", DATA_FILE).read_text("utf-8")
        data = load_yaml(text)
    except (OSError, yaml.YAMLError) as e:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"{DATA_FILE}: {str(e).splitlines()[0]}") from e
    if not isinstance(data, dict):
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"{DATA_FILE} is not a mapping")
    return data


@cache
def guarantee_specs() -> tuple[Guarantee, ...]:
    try:
        return tuple(Guarantee.model_validate(g) for g in read_data().get("guarantees", []))
    except ValidationError as e:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"{DATA_FILE}: {str(e).splitlines()[0]}") from e


@lru_cache(maxsize=2048)
def phrase_matcher(key: str, phrases: tuple[str, ...], lang: str) -> _Phrases:
    """A matcher for data phrases (same syntax as the standards), cached per phrase list and language."""
    compiled = [p for p in (compile_pattern(key, text, lang) for text in phrases) if p is not None]
    return _Phrases(
        Matcher(compiled, stopwords=frozenset({"the", "a", "an"})), tuple(p.slots for p in compiled)
    )


@dataclass(frozen=True)
class _Phrases:
    matcher: Matcher
    slots: tuple[tuple[frozenset[str], ...], ...]  # per pattern, the lemmas each word may have

    def may_match(self, lemmas: frozenset[str]) -> bool:
        """False when some word of every pattern is missing from ``lemmas`` (a quick test before matching)."""
        return any(all(slot & lemmas for slot in slots) for slots in self.slots)


# The versions' paragraphs, tokenised on demand, to find counterparts and phrases.


@dataclass
class _Paragraph:
    location: Location
    start: int
    end: int
    text: str
    lang: str

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.text, self.lang, offset=self.start)

    @cached_property
    def lemmas(self) -> frozenset[str]:
        return frozenset(lemma for t in self.tokens for lemma in t.lemmas)

    @cached_property
    def keys(self) -> frozenset[str]:
        return _keys(self.text, self.lang)


@dataclass
class VersionText:
    """One side of the delta: its ref and, when the parsed text is given, its paragraphs by article."""

    ref: str
    parsed: ParsedText | None
    by_article: dict[str | None, list[_Paragraph]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.parsed is None:
            return
        for unit in units(self.parsed, version=self.ref):
            start, end = unit.provision.text_span
            paragraph = _Paragraph(unit.location, start, end, unit.provision.text, self.parsed.lang)
            self.by_article.setdefault(unit.location.article, []).append(paragraph)

    @property
    def paragraphs(self) -> Iterable[_Paragraph]:
        return (p for paragraphs in self.by_article.values() for p in paragraphs)

    def paragraph_evidence(self, location: Location) -> Evidence | None:
        """The whole paragraph at ``location`` (None without the parsed text)."""
        for paragraph in self.by_article.get(location.article, []):
            if paragraph.location.eid == location.eid:
                return Evidence(paragraph.start, paragraph.end, paragraph.text)
        return None

    def contains(self, passage: Passage | None, words: str) -> bool:
        """Whether ``words`` (from either version) occur in ``passage``, word by word with short gaps."""
        if passage is None or self.parsed is None:
            return False
        phrases = self._words(words)
        paragraph = next(
            (p for p in self.by_article.get(passage.article, []) if p.location.eid == passage.eid), None
        )
        if paragraph is not None and (paragraph.start, paragraph.end) == (passage.start, passage.end):
            return phrases.may_match(paragraph.lemmas) and bool(phrases.matcher.find(paragraph.tokens))
        return bool(phrases.matcher.find(tokenize(passage.quote, self.parsed.lang, offset=passage.start)))

    def anywhere(self, words: str) -> bool:
        """Whether ``words`` occur in any paragraph of this version."""
        phrases = self._words(words)
        return any(phrases.may_match(p.lemmas) and phrases.matcher.find(p.tokens) for p in self.paragraphs)

    def _words(self, words: str) -> _Phrases:
        lang = self.parsed.lang if self.parsed else "en"
        return phrase_matcher("words", (" …2 ".join(t.text for t in tokenize(words, lang)),), lang)

    def passage(self, paragraph: _Paragraph) -> Passage:
        return Passage.of(
            self.ref, paragraph.location, Evidence(paragraph.start, paragraph.end, paragraph.text)
        )

    def counterpart(
        self, articles: Sequence[str], like: Evidence, lang: str, *, around: Evidence | None = None
    ) -> Passage | None:
        """The paragraph of ``articles`` most like ``like`` (words of the other version).

        Cosine over lemmas, the words of ``like`` weighing twice those of the paragraph ``around`` it, so the
        sentence decides and its paragraph breaks ties.
        """
        weights = {k: 1.0 for k in _keys(around.quote if around else "", lang)}
        weights.update({k: 2.0 for k in _keys(like.quote, lang)})
        norm = math.sqrt(sum(w * w for w in weights.values()))
        best, best_score = None, 0.0
        for article in articles:
            for paragraph in self.by_article.get(article, []):
                shared = sum(weights.get(k, 0.0) for k in paragraph.keys)
                score = shared / (norm * math.sqrt(len(paragraph.keys))) if shared else 0.0
                if score > best_score:
                    best, best_score = paragraph, score
        return self.passage(best) if best is not None else None


def _keys(text: str, lang: str) -> frozenset[str]:
    """One key per word: its shortest lemma (so a word's forms count once); short words left out."""
    return frozenset(
        min(t.lemmas, key=lambda w: (len(w), w)) for t in tokenize(text, lang) if len(t.text) >= _MIN_WORD
    )


def delta(
    old_audit: Audit,
    new_audit: Audit,
    comparison: Comparison,
    *,
    old: ParsedText | None = None,
    new: ParsedText | None = None,
) -> RightsDelta:
    """The changes from ``old_audit`` to ``new_audit`` over ``comparison`` (made from the same two versions).

    With the parsed texts, a side that lacks something gets its counterpart passage, and the named guarantees
    are looked for; without them, only the audits' own evidence is quoted.
    """
    sides = _Sides(
        VersionText(comparison.old_ref, old),
        VersionText(comparison.new_ref, new),
        comparison,
        new_audit.lang,
    )
    standards = load_standards()
    changes = [
        *_grounds(old_audit, new_audit, sides, standards),
        *_limitations(old_audit, new_audit, sides, standards),
        *_safeguards(old_audit.safeguards, new_audit.safeguards, sides),
        *_rights(old_audit, new_audit, sides, standards),
        *_guarantees(sides),
    ]
    return RightsDelta(comparison.old_ref, comparison.new_ref, comparison.method, tuple(changes))


@dataclass
class _Sides:
    old: VersionText
    new: VersionText
    comparison: Comparison
    lang: str

    @cached_property
    def to_new(self) -> dict[str, list[str]]:
        return self.comparison.renumbering()

    @cached_property
    def to_old(self) -> dict[str, list[str]]:
        mapping: dict[str, list[str]] = {}
        for pair in self.comparison.pairs:
            for num in pair.new:
                mapping.setdefault(num, []).extend(pair.old)
        return mapping

    def in_new(self, location: Location | None, evidence: Evidence | None) -> Passage | None:
        """What the new version says where the old one said ``evidence`` (compared as its whole paragraph)."""
        if location is None or evidence is None or location.article is None:
            return None
        around = self.old.paragraph_evidence(location)
        return self.new.counterpart(self.to_new.get(location.article, []), evidence, self.lang, around=around)

    def in_old(self, location: Location | None, evidence: Evidence | None) -> Passage | None:
        if location is None or evidence is None or location.article is None:
            return None
        around = self.new.paragraph_evidence(location)
        return self.old.counterpart(self.to_old.get(location.article, []), evidence, self.lang, around=around)


# Grounds per right over the whole text.


def ground_keys(standards: Standards, phrase_id: str) -> tuple[str, ...]:
    """What a finding counts as: the treaty grounds of a direct mapping, else the phrase itself.

    So "state security" and "national security" are one ground, and "health and morality" is public health
    plus public morals, while a phrase with no or a conditional counterpart ("constitutional order") stays.
    """
    grounds = standards.ground_ids_of(phrase_id)
    if standards.match_of(phrase_id) == "direct" and grounds:
        return tuple(grounds)
    return (phrase_id,)


def key_label(standards: Standards, key: str) -> str:
    if any(g.id == key for g in standards.grounds):
        return standards.ground(key).label
    return key.removesuffix("_phrase").replace("_", " ")


def grounds_by_right(audit: Audit, standards: Standards) -> dict[tuple[str, str], list[GroundFinding]]:
    """(right, ground key) -> the findings, in document order."""
    found: dict[tuple[str, str], list[GroundFinding]] = {}
    for finding in audit.findings:
        for right in finding.rights:
            for key in ground_keys(standards, finding.phrase_id):
                found.setdefault((right, key), []).append(finding)
    return found


def _grounds(old_audit: Audit, new_audit: Audit, sides: _Sides, standards: Standards) -> list[Change]:
    before, after = grounds_by_right(old_audit, standards), grounds_by_right(new_audit, standards)
    changes: list[Change] = []
    for right, key in sorted(after.keys() - before.keys(), key=_right_order):
        finding = after[(right, key)][0]
        at = _where_list(f.location for f in after[(right, key)])
        counterpart = sides.in_old(finding.location, finding.clause)
        detail = (
            f"now limits {_right_name(right)} ({at}); no clause of the old version names it for this right"
        )
        if sides.old.contains(counterpart, finding.evidence.quote):
            detail += f" (its words were in {_where_passage(counterpart)}, not read as a limitation there)"
        changes.append(
            Change(
                "ground_added",
                right,
                key,
                key_label(standards, key),
                detail,
                finding.verdicts.get(right, finding.verdict),
                new=Passage.of(sides.new.ref, finding.location, finding.evidence),
                new_clause=Passage.of(sides.new.ref, finding.location, finding.clause),
                old_clause=counterpart,
            )
        )
    for right, key in sorted(before.keys() - after.keys(), key=_right_order):
        finding = before[(right, key)][0]
        at = _where_list(f.location for f in before[(right, key)])
        counterpart = sides.in_new(finding.location, finding.clause)
        detail = f"limited {_right_name(right)} in the old version ({at}); no clause of the new one names it"
        if sides.new.contains(counterpart, finding.evidence.quote):
            detail += f" (its words remain in {_where_passage(counterpart)}, not read as a limitation there)"
        changes.append(
            Change(
                "ground_removed",
                right,
                key,
                key_label(standards, key),
                detail,
                finding.verdicts.get(right, finding.verdict),
                old=Passage.of(sides.old.ref, finding.location, finding.evidence),
                old_clause=Passage.of(sides.old.ref, finding.location, finding.clause),
                new_clause=counterpart,
            )
        )
    return changes


def _right_order(item: tuple[str, str]) -> tuple[int, str]:
    right, key = item
    return (int(right) if right.isdigit() else 0, key)


def _right_name(right: str) -> str:
    return "all rights" if right == "*" else f"ICCPR art. {right}"


def _where_list(locations: Iterable[Location]) -> str:
    seen = dict.fromkeys(where(loc) for loc in locations)
    return ", ".join(seen)


def where(location: Location | None) -> str:
    """ "art. 23(4)" for a location, "—" when there is none."""
    if location is None or location.article is None:
        return "—"
    return f"art. {location.article}" + (f"({location.paragraph})" if location.paragraph else "")


# Limitation clauses per aligned article pair and right.


@dataclass(frozen=True)
class _Limits:
    clauses: tuple[Clause, ...]
    keys: frozenset[str]
    kinds: frozenset[str]
    tests: frozenset[str]  # test words present in some clause

    @classmethod
    def of(cls, clauses: Sequence[Clause], standards: Standards) -> _Limits:
        keys = frozenset(k for c in clauses for g in c.grounds for k in ground_keys(standards, g.phrase_id))
        tests = frozenset(w for c in clauses for w, present in c.test_words.items() if present)
        return cls(tuple(clauses), keys, frozenset(c.kind for c in clauses), tests)


def _clauses_by_article(audit: Audit) -> dict[str, dict[str, list[Clause]]]:
    """article -> right -> clauses limiting it there."""
    found: dict[str, dict[str, list[Clause]]] = {}
    for clause in audit.clauses:
        if clause.location.article is None:
            continue
        for right in clause.rights:
            found.setdefault(clause.location.article, {}).setdefault(right, []).append(clause)
    return found


def _limitations(old_audit: Audit, new_audit: Audit, sides: _Sides, standards: Standards) -> list[Change]:
    before, after = _clauses_by_article(old_audit), _clauses_by_article(new_audit)
    changes: list[Change] = []
    for pair in sides.comparison.pairs:
        rights_old = {r: c for num in pair.old for r, c in before.get(num, {}).items()}
        rights_new = {r: c for num in pair.new for r, c in after.get(num, {}).items()}
        for right in sorted(rights_old.keys() | rights_new.keys(), key=lambda r: _right_order((r, ""))):
            old_clauses = [c for num in pair.old for c in before.get(num, {}).get(right, [])]
            new_clauses = [c for num in pair.new for c in after.get(num, {}).get(right, [])]
            change = _limitation(
                right,
                _Limits.of(old_clauses, standards),
                _Limits.of(new_clauses, standards),
                sides,
                standards,
            )
            if change is not None:
                changes.append(change)
    return changes


def _limitation(right: str, old: _Limits, new: _Limits, sides: _Sides, standards: Standards) -> Change | None:
    broader: list[str] = []
    narrower: list[str] = []
    added, removed = sorted(new.keys - old.keys), sorted(old.keys - new.keys)
    if not old.clauses:
        broader.append("a limitation clause where the old article had none")
    elif not new.clauses:
        counterpart = sides.in_new(old.clauses[0].location, old.clauses[0].evidence)
        kept = [g.evidence.quote for c in old.clauses for g in c.grounds]
        if any(sides.new.contains(counterpart, words) for words in kept):
            broader.append("no limitation clause read for this right, though the grounds' words remain")
            narrower.append("(wording or rights named changed)")
        else:
            narrower.append("no limitation clause where the old article had one")
    else:
        if added:
            broader.append("grounds added: " + ", ".join(key_label(standards, k) for k in added))
        if removed:
            narrower.append("grounds removed: " + ", ".join(key_label(standards, k) for k in removed))
        if "clawback" in new.kinds - old.kinds and "specific" in old.kinds - new.kinds:
            broader.append("a clawback (only 'by law') replaces a specific clause")
        if "specific" in new.kinds - old.kinds and "clawback" in old.kinds - new.kinds:
            narrower.append("a specific clause replaces a clawback")
        if lost := sorted(old.tests - new.tests):
            broader.append("test words lost: " + ", ".join(lost))
        if gained := sorted(new.tests - old.tests):
            narrower.append("test words gained: " + ", ".join(gained))
    if not broader and not narrower:
        return None
    kind: ChangeKind = (
        "limitation_changed"
        if broader and narrower
        else "limitation_broadened"
        if broader
        else "limitation_narrowed"
    )
    first_old = _first_with(old.clauses, removed, standards)
    first_new = _first_with(new.clauses, added, standards)
    old_clause: Passage | None
    new_clause: Passage | None
    if first_new is not None and (added or first_old is None):  # the new clause is the news: quote it
        new_clause = Passage.of(sides.new.ref, first_new.location, first_new.evidence)
        old_clause = sides.in_old(*_at(first_new)) or _passage(sides.old.ref, first_old)
    else:
        old_clause = _passage(sides.old.ref, first_old)
        new_clause = sides.in_new(*_at(first_old)) or _passage(sides.new.ref, first_new)
    at = f"{_where_passage(old_clause)} → {_where_passage(new_clause)}"
    return Change(
        kind,
        right,
        right,
        _right_name(right),
        f"{at}: " + "; ".join([*broader, *narrower]),
        old_clause=old_clause,
        new_clause=new_clause,
    )


def _first_with(clauses: Sequence[Clause], keys: Sequence[str], standards: Standards) -> Clause | None:
    """The first clause naming one of ``keys``, else the first clause."""
    for clause in clauses:
        if any(k in keys for g in clause.grounds for k in ground_keys(standards, g.phrase_id)):
            return clause
    return clauses[0] if clauses else None


def _passage(ref: str, clause: Clause | None) -> Passage | None:
    return Passage.of(ref, clause.location, clause.evidence) if clause else None


def _at(clause: Clause | None) -> tuple[Location | None, Evidence | None]:
    return (clause.location, clause.evidence) if clause else (None, None)


# Safeguards.


def _safeguards(old: Sequence[Safeguard], new: Sequence[Safeguard], sides: _Sides) -> list[Change]:
    changes: list[Change] = []
    after = {s.safeguard: s for s in new}
    for before in old:
        now = after.get(before.safeguard)
        if now is None:
            continue
        details = _details_change(before.details, now.details)
        if before.present == now.present and not details:
            continue
        kind: ChangeKind = (
            "safeguard_changed"
            if before.present == now.present
            else "safeguard_removed"
            if before.present
            else "safeguard_added"
        )
        state = {True: "present", False: "absent"}
        detail = f"{state[before.present]} ({where(before.location)}) → {state[now.present]} ({where(now.location)})"
        changes.append(
            Change(
                kind,
                None,
                before.safeguard,
                before.label,
                detail + (f"; {details}" if details else ""),
                old=_safeguard_words(sides.old.ref, before),
                new=_safeguard_words(sides.new.ref, now),
                old_clause=None if before.evidence else sides.in_old(now.location, now.evidence),
                new_clause=None if now.evidence else sides.in_new(before.location, before.evidence),
            )
        )
    return changes


def _safeguard_words(ref: str, safeguard: Safeguard) -> Passage | None:
    if safeguard.location is None or safeguard.evidence is None:
        return None
    return Passage.of(ref, safeguard.location, safeguard.evidence)


def _details_change(before: dict[str, str], after: dict[str, str]) -> str:
    keys = sorted(before.keys() | after.keys())
    return "; ".join(
        f"{k.replace('_', ' ')}: {before.get(k, '—')} → {after.get(k, '—')}"
        for k in keys
        if before.get(k) != after.get(k)
    )


# Rights named in one version only: ICCPR articles, and the named guarantees.


def _rights(old_audit: Audit, new_audit: Audit, sides: _Sides, standards: Standards) -> list[Change]:
    def mentions(audit: Audit) -> dict[str, tuple[Location, Evidence]]:
        found: dict[str, tuple[Location, Evidence]] = {}
        for provision in audit.provisions:
            for mention in provision.rights:
                found.setdefault(mention.iccpr, (provision.location, mention.evidence))
        return found

    before, after = mentions(old_audit), mentions(new_audit)
    changes: list[Change] = []
    for right in sorted(before.keys() - after.keys(), key=int):
        location, evidence = before[right]
        if sides.new.anywhere(evidence.quote):
            continue  # the words are there; the audit just did not count them as naming the right
        changes.append(
            Change(
                "right_dropped",
                right,
                right,
                _right_title(standards, right),
                f"named in the old version ({where(location)}), nowhere in the new one",
                old=Passage.of(sides.old.ref, location, evidence),
                new_clause=sides.in_new(location, evidence),
            )
        )
    for right in sorted(after.keys() - before.keys(), key=int):
        location, evidence = after[right]
        if sides.old.anywhere(evidence.quote):
            continue
        changes.append(
            Change(
                "right_added",
                right,
                right,
                _right_title(standards, right),
                f"named in the new version ({where(location)}), nowhere in the old one",
                new=Passage.of(sides.new.ref, location, evidence),
                old_clause=sides.in_old(location, evidence),
            )
        )
    return changes


def _right_title(standards: Standards, right: str) -> str:
    entry = standards.right(right)
    return f"ICCPR art. {right}: {entry.name}" if entry else f"ICCPR art. {right}"


def find_phrases(version: VersionText, key: str, phrases: Sequence[str]) -> list[Passage]:
    """Every paragraph span where one of ``phrases`` occurs (the version's parsed text is needed)."""
    if version.parsed is None:
        return []
    compiled = phrase_matcher(key, tuple(phrases), version.parsed.lang)
    found: list[Passage] = []
    for paragraph in version.paragraphs:
        if not compiled.may_match(paragraph.lemmas):
            continue
        for match in compiled.matcher.find(paragraph.tokens):
            start, end = match.span(paragraph.tokens)
            found.append(
                Passage.of(
                    version.ref,
                    paragraph.location,
                    Evidence(start, end, version.parsed.source_text[start:end]),
                )
            )
    return found


def paragraph_of(version: VersionText, passage: Passage) -> Passage | None:
    """The whole paragraph a passage lies in."""
    for paragraph in version.by_article.get(passage.article, []):
        if paragraph.location.eid == passage.eid:
            return version.passage(paragraph)
    return None


def _guarantees(sides: _Sides) -> list[Change]:
    if sides.old.parsed is None or sides.new.parsed is None:
        return []
    changes: list[Change] = []
    for spec in guarantee_specs():
        old_lang, new_lang = sides.old.parsed.lang, sides.new.parsed.lang
        before = find_phrases(sides.old, spec.id, spec.phrases.get(old_lang, []))
        after = find_phrases(sides.new, spec.id, spec.phrases.get(new_lang, []))
        if not spec.phrases.get(old_lang) or not spec.phrases.get(new_lang) or bool(before) == bool(after):
            continue
        if before:
            words = before[0]
            context = paragraph_of(sides.old, words)
            changes.append(
                Change(
                    "right_dropped",
                    spec.iccpr,
                    spec.id,
                    spec.label,
                    f"guaranteed in the old version ({_where_passage(words)}), in no words of the new one",
                    old=words,
                    old_clause=context,
                    new_clause=sides.in_new(_location(words), _evidence(context or words)),
                )
            )
        else:
            words = after[0]
            context = paragraph_of(sides.new, words)
            changes.append(
                Change(
                    "right_added",
                    spec.iccpr,
                    spec.id,
                    spec.label,
                    f"guaranteed in the new version ({_where_passage(words)}), in no words of the old one",
                    new=words,
                    new_clause=context,
                    old_clause=sides.in_old(_location(words), _evidence(context or words)),
                )
            )
    return changes


def _location(passage: Passage) -> Location:
    return Location(passage.ref, passage.article, passage.paragraph, passage.eid)


def _evidence(passage: Passage) -> Evidence:
    return Evidence(passage.start, passage.end, passage.quote)


def _where_passage(passage: Passage | None) -> str:
    return where(_location(passage)) if passage else "—"
