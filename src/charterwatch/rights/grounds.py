"""Rule ``iccpr_grounds.v2``: limitation clauses and their grounds, provision by provision.

For each paragraph (or undivided article) it lists the rights named, then reads sentence by sentence: a
sentence is a limitation clause when it restricts (a limiting or prohibiting cue not negated by a guarantee)
or delegates a named ground to the law, and names at least one ground. Each ground gets a verdict for every
right the clause limits; a bare reference to the law is reported as the clawback pseudo-ground
``law_defined_cases`` only when the clause names no real ground.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from charterwatch.rights.clauses import (
    SentenceCues,
    grounds_in,
    is_general,
    rights_in,
    sentence_cues,
    sentence_ranges,
)
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
from charterwatch.rights.verdicts import strictest, verdict_for
from charterwatch.texts.tree import ParsedText, Provision

RULE_NAME = "iccpr_grounds.v2"
LAW_PHRASE = "law_defined_cases"
_OFFICE_AT_START = 6  # words before an office-holder that still make it the sentence's subject
_CASES_BEFORE = 12  # words between "in the cases" and the "prescribed by law" that governs them


_LEAD_IN_MARKS = ("—", "–", "-", ":")


@dataclass(frozen=True)
class _Unit:
    provision: Provision
    location: Location
    heading: str  # the own words of the provisions above it ("The Senate shall have the following powers:")
    lead_in: Provision | None = None  # the provision whose words this item completes ("does not extend to—")
    title: str = ""  # the article's heading, which often names its right ("Right to life")


def units(parsed: ParsedText, *, version: str | None) -> list[_Unit]:
    """Every provision with words of its own, located by article and paragraph as printed."""
    found: list[_Unit] = []
    for article in parsed.articles():
        _collect(article, article, None, [], version, found)
    return found


def _is_lead_in(node: Provision) -> bool:
    """A provision that ends in a dash or colon introduces its items: each item finishes its last sentence."""
    return node.kind in ("article", "paragraph", "subparagraph") and node.text.rstrip().endswith(
        _LEAD_IN_MARKS
    )


def _collect(
    article: Provision,
    node: Provision,
    paragraph: str | None,
    above: list[str],
    version: str | None,
    found: list[_Unit],
    lead_in: Provision | None = None,
) -> None:
    if node.kind == "paragraph" or (node.kind == "subparagraph" and paragraph is None):
        paragraph = node.num
    if node.kind in ("article", "paragraph", "subparagraph") and node.text.strip():
        location = Location(version, article.num, paragraph, node.eid)
        found.append(_Unit(node, location, " ".join(above), lead_in, article.heading or ""))
    lead = node if _is_lead_in(node) else None
    for child in node.norm_children():
        if child.kind != "article":
            _collect(article, child, paragraph, [*above, node.text], version, found, lead)


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
    unit: _Unit, source: str, lex: Lexicon, standards: Standards, earlier: tuple[str, ...]
) -> ProvisionRights:
    """One provision; ``earlier`` are the rights its article named before, for a clause on "these rights"."""
    node = unit.provision
    lead = lead_tokens(unit, lex.lang)
    tokens = [*lead, *tokenize(node.text, lex.lang, offset=node.text_span[0])]
    sentences = [
        (lo + len(lead), hi + len(lead))
        for lo, hi in sentence_ranges(tokens[len(lead) :], node.text, node.text_span[0])
    ]
    if lead and sentences:  # the item's first sentence begins with the words that introduce it
        sentences[0] = (0, sentences[0][1])
    read = [_Sentence.read(lex, tokens, lo, hi, own=len(lead)) for lo, hi in sentences]
    mentions = {m.pattern.key: m for s in read for m in s.rights if m.first >= len(lead)}
    refers_back = any(s.cues.has("refers_back") for s in read)
    unit_rights = (
        tuple(sorted(mentions, key=int)) or (earlier if refers_back else ()) or _title_rights(unit.title, lex)
    )
    clauses = [
        c for s in read if (c := _clause(s, unit, unit_rights, tokens, source, lex, standards)) is not None
    ]
    rights = tuple(RightMention(k, _evidence(source, *m.span(tokens))) for k, m in sorted(mentions.items()))
    return ProvisionRights(unit.location, rights, tuple(clauses))


def lead_tokens(unit: _Unit, lang: str) -> list[Token]:
    """The last sentence of the provision that introduces this item, or nothing."""
    lead = unit.lead_in
    if lead is None:
        return []
    tokens = tokenize(lead.text, lang, offset=lead.text_span[0])
    ranges = sentence_ranges(tokens, lead.text, lead.text_span[0])
    return tokens[ranges[-1][0] :] if ranges else []


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
    unit: _Unit,
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
