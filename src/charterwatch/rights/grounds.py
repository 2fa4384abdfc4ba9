"""Rule ``iccpr_grounds.v2``: limitation clauses and their grounds, provision by provision.

For each paragraph (or undivided article) it lists the rights named, then reads sentence by sentence: a
sentence is a limitation clause when it restricts (a limiting or prohibiting cue not negated by a guarantee)
or delegates a named ground to the law, and names at least one ground. Each ground gets a verdict for every
right the clause limits. A reference to the law is the clawback pseudo-ground ``law_defined_cases`` when the
clause names no real ground, and stands beside the real grounds when it governs the cases or procedure ("in
the cases prescribed by law, for the purpose of ..."). The constructions are described in docs/rights.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from charterwatch.rights.clauses import SentenceCues, grounds_in, is_general, rights_in, sentence_cues
from charterwatch.rights.lemmas import Token, tokenize
from charterwatch.rights.lexicon import TEST_WORDS, Lexicon, lexicon
from charterwatch.rights.model import (
    Clause,
    ClauseKind,
    Evidence,
    GroundFinding,
    Location,
    ProvisionRights,
    RightMention,
)
from charterwatch.rights.phrases import Match, choose
from charterwatch.rights.rules import register
from charterwatch.rights.standards import Standards, load_standards
from charterwatch.rights.units import Unit, unit_sentences, units
from charterwatch.rights.verdicts import strictest, verdict_for
from charterwatch.texts.tree import ParsedText

RULE_NAME = "iccpr_grounds.v2"
LAW_PHRASE = "law_defined_cases"
_OFFICE_AT_START = 6  # words before an office-holder that still make it the sentence's subject
_CASES_BEFORE = 12  # words between "in the cases" and the "prescribed by law" that governs them


class IccprGrounds:
    """The registered rule object (stateless; the vocabulary is cached per language)."""

    name = RULE_NAME

    def analyse(self, parsed: ParsedText, *, version: str | None = None) -> list[ProvisionRights]:
        lex = lexicon(parsed.lang)
        if lex is None:
            return []
        standards = load_standards()
        found: list[ProvisionRights] = []
        earlier: dict[str | None, tuple[str, ...]] = {}  # rights named so far in each article
        for unit in units(parsed, version=version):
            article = unit.location.article
            result = _analyse_unit(unit, parsed.source_text, lex, standards, earlier.get(article, ()))
            earlier[article] = tuple(
                sorted({*earlier.get(article, ()), *(r.iccpr for r in result.rights)}, key=int)
            )
            found.append(result)
        return found


register(IccprGrounds())


def _evidence(source: str, start: int, end: int) -> Evidence:
    return Evidence(start, end, source[start:end])


def _analyse_unit(
    unit: Unit, source: str, lex: Lexicon, standards: Standards, earlier: tuple[str, ...]
) -> ProvisionRights:
    """One provision; ``earlier`` are the rights its article named before, for a clause on "these rights"."""
    tokens, sentences, own = unit_sentences(unit, lex.lang)
    read = [_Sentence.read(lex, tokens, lo, hi, own=own) for lo, hi in sentences]
    mentions = {m.pattern.key: m for s in read for m in s.rights if m.first >= own}
    refers_back = any(s.cues.has("refers_back") for s in read)
    unit_rights = (
        tuple(sorted(mentions, key=int)) or (earlier if refers_back else ()) or _title_rights(unit.title, lex)
    )
    clauses = [
        c for s in read if (c := _clause(s, unit, unit_rights, tokens, source, lex, standards)) is not None
    ]
    rights = tuple(RightMention(k, _evidence(source, *m.span(tokens))) for k, m in sorted(mentions.items()))
    return ProvisionRights(unit.location, rights, tuple(clauses))


def _title_rights(title: str, lex: Lexicon) -> tuple[str, ...]:
    """Rights an article's heading names, for a paragraph that names none ("Right to life" ... "deprived")."""
    if not title:
        return ()
    return tuple(sorted({m.pattern.key for m in choose(lex.rights.find(tokenize(title, lex.lang)))}, key=int))


@dataclass(frozen=True)
class _Sentence:
    lo: int
    hi: int
    own: int  # first word of the sentence itself; an item's lead-in words come before it
    cues: SentenceCues
    grounds: list[Match]
    rights: list[Match]

    @classmethod
    def read(cls, lex: Lexicon, tokens: Sequence[Token], lo: int, hi: int, *, own: int = 0) -> _Sentence:
        """One sentence; grounds before ``own`` belong to the lead-in, which reports them itself."""
        cues = sentence_cues(lex, tokens, lo, hi)
        grounds = [g for g in grounds_in(lex, tokens, lo, hi, cues) if g.first >= own]
        return cls(lo, hi, max(lo, own), cues, grounds, rights_in(lex, tokens, lo, hi, skip=grounds))


def _clause(
    sentence: _Sentence,
    unit: Unit,
    unit_rights: tuple[str, ...],
    tokens: Sequence[Token],
    source: str,
    lex: Lexicon,
    standards: Standards,
) -> Clause | None:
    cues = sentence.cues
    named = [m for m in sentence.grounds if standards.phrase_role(m.pattern.key) != "procedure"]
    procedures = tuple(sorted({m.pattern.key for m in sentence.grounds if m not in named}))
    real = [m for m in named if m.pattern.key != LAW_PHRASE]
    laws = [m for m in named if m.pattern.key == LAW_PHRASE]
    hands_over = _hands_cases_to_law(laws, cues)
    own_rights = tuple(sorted({m.pattern.key for m in sentence.rights}, key=int))
    delegates = bool(real) and bool(laws) and bool(own_rights or unit_rights)
    if not (cues.restricts or delegates):
        return None
    if cues.has("prohibit") and not cues.has("limit"):
        real = [m for m in real if standards.phrase_role(m.pattern.key) != "measure"]
    general = is_general(cues, named) and not own_rights
    rights = _rights(own_rights or unit_rights, real, general, cues.has("prohibit"), lex, standards)
    real = [m for m in real if _applies(m, rights, standards)]
    # The law pseudo-ground stands beside real grounds when the clause hands the cases or the procedure to the
    # law ("in the cases prescribed by law, for the purpose of ..."), not when it only asks for a law.
    grounds = sorted([*real, *hands_over[:1]], key=lambda m: m.first) if real else laws[:1]
    if not grounds or not rights:
        return None
    if not real and _immunity(sentence):
        return None
    kind: ClauseKind = (
        "clawback"
        if not real and not procedures
        else "general"
        if general
        else "prohibition"
        if cues.has("prohibit")
        else "specific"
    )
    clause_ev = _evidence(source, tokens[sentence.own].start, tokens[sentence.hi - 1].end)
    confidence = round(0.9 * (1.0 if cues.restricts else 0.85) * (1.0 if own_rights or general else 0.9), 2)
    findings = tuple(
        _finding(m, unit.location, kind, rights, clause_ev, tokens, source, standards, confidence)
        for m in grounds
    )
    return Clause(
        rule=RULE_NAME,
        location=unit.location,
        kind=kind,
        rights=rights,
        evidence=clause_ev,
        test_words={w: cues.has(w) for w in TEST_WORDS},
        conditions=procedures,
        grounds=findings,
        confidence=confidence,
    )


def _immunity(sentence: _Sentence) -> bool:
    """An office-holder's protection ("A judge may not be detained except in the cases provided by law"): the
    sentence opens with the office, and its exception to the law is a privilege of the office, not a limit on
    anyone's right. Office-holders' rules that name a real ground (judges may not join parties) stay clauses."""
    return any(m.first - sentence.own < _OFFICE_AT_START for m in sentence.cues.found["office_holder"])


def _hands_cases_to_law(laws: list[Match], cues: SentenceCues) -> list[Match]:
    """References to the law that come with the cases or procedure they govern ("in the cases ... by law")."""
    cases = [m.first for m in cues.found["cases"]]
    return [m for m in laws if any(m.first - _CASES_BEFORE <= c <= m.last for c in cases)]


def _rights(
    named: tuple[str, ...],
    grounds: list[Match],
    general: bool,
    bans: bool,
    lex: Lexicon,
    standards: Standards,
) -> tuple[str, ...]:
    """The rights a clause limits: those it names, all of them, or those its grounds or its ban imply."""
    if general:
        return ("*",)
    if named:
        return named
    implied = sorted({a for m in grounds for a in standards.phrase_applies_to(m.pattern.key)}, key=int)
    if implied:
        return tuple(implied)
    return tuple(lex.cues.fallback_rights) if bans and grounds else ()


def _applies(match: Match, rights: tuple[str, ...], standards: Standards) -> bool:
    scope = standards.phrase_applies_to(match.pattern.key)
    return not scope or rights == ("*",) or bool(set(scope) & set(rights))


def _finding(
    match: Match,
    location: Location,
    kind: ClauseKind,
    rights: tuple[str, ...],
    clause: Evidence,
    tokens: Sequence[Token],
    source: str,
    standards: Standards,
    confidence: float,
) -> GroundFinding:
    key = match.pattern.key
    judged = {r: verdict_for(standards, key, r, wording=match.pattern.text) for r in rights}
    verdict = strictest(v for v, _ in judged.values())
    reason = next(why for v, why in judged.values() if v == verdict)
    return GroundFinding(
        rule=RULE_NAME,
        location=location,
        phrase_id=key,
        ground_ids=tuple(standards.ground_ids_of(key)),
        match=standards.match_of(key),
        verdict=verdict,
        verdicts={r: v for r, (v, _) in judged.items()},
        reason=reason,
        evidence=_evidence(source, *match.span(tokens)),
        clause=clause,
        kind=kind,
        rights=rights,
        confidence=round(confidence * (1.0 if match.pattern.exact else 0.85), 2),
        sources=tuple(standards.sources_of(key)),
    )
