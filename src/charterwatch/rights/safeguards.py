"""Rule ``iccpr_safeguards.v2``: the safeguards a constitution has or lacks, each with its article and words.

The wordings live in ``data/safeguards.yaml``. Most safeguards are a matter of one phrase; the ombudsman's
independence is read from who appoints the office: a parliamentary body appointing, electing or consenting
(also in the heading of a list of a chamber's powers) makes it present, the executive alone makes it absent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.lemmas import Token, tokenize
from charterwatch.rights.model import Evidence, Location, Safeguard
from charterwatch.rights.phrases import Matcher, compile_pattern
from charterwatch.rights.rules import register
from charterwatch.rights.standards import load_yaml
from charterwatch.rights.units import unit_sentences, units
from charterwatch.texts.tree import ParsedText

RULE_NAME = "iccpr_safeguards.v2"
Phrases = dict[str, list[str]]  # language -> phrases


class SafeguardSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str
    standard: str
    source: list[str]
    present: Phrases = {}
    absent: Phrases = {}
    office: Phrases = {}
    appoint: Phrases = {}
    parliament: Phrases = {}
    executive: Phrases = {}


class _SafeguardFile(BaseModel):
    safeguards: list[SafeguardSpec]


@cache
def safeguard_specs() -> tuple[SafeguardSpec, ...]:
    try:
        text = resources.files("charterwatch.rights").joinpath("data", "safeguards.yaml").read_text("utf-8")
        return tuple(_SafeguardFile.model_validate(load_yaml(text)).safeguards)
    except (OSError, yaml.YAMLError, ValidationError) as e:
        raise CharterwatchError(
            E.STANDARDS_INVALID, reason=f"safeguards.yaml: {str(e).splitlines()[0]}"
        ) from e


@cache
def _matcher(spec_id: str, field: str, lang: str) -> Matcher:
    spec = next(s for s in safeguard_specs() if s.id == spec_id)
    phrases: Phrases = getattr(spec, field)
    compiled = (compile_pattern(field, p, lang) for p in phrases.get(lang, []))
    return Matcher([p for p in compiled if p is not None], stopwords=frozenset({"the", "a", "an"}))


@dataclass(frozen=True)
class _Sentence:
    location: Location
    tokens: Sequence[Token]
    lo: int
    hi: int
    heading: Sequence[Token]  # the words of the enclosing provisions that introduce this one
    own: int  # the sentence's own first word; words before it come from the item's lead-in

    def find(self, matcher: Matcher) -> list[tuple[int, int]]:
        return [m.span(self.tokens) for m in matcher.find(self.tokens, lo=self.lo, hi=self.hi)]

    def evidence(self, source: str) -> Evidence:
        """The whole sentence, as the gold quotes it (without the lead-in of an item)."""
        start, end = self.tokens[self.own].start, self.tokens[self.hi - 1].end
        return Evidence(start, end, source[start:end])

    def in_heading(self, matcher: Matcher) -> bool:
        return bool(matcher.find(self.heading))


def _sentences(parsed: ParsedText, version: str | None) -> list[_Sentence]:
    """Every sentence; an item's first one begins with the words that introduce it ("The State shall not—")."""
    found: list[_Sentence] = []
    for unit in units(parsed, version=version):
        tokens, sentences, own = unit_sentences(unit, parsed.lang)
        heading = tokenize(unit.heading, parsed.lang)
        for lo, hi in sentences:
            found.append(_Sentence(unit.location, tokens, lo, hi, heading, max(lo, own)))
    return found


class IccprSafeguards:
    name = RULE_NAME

    def safeguards(self, parsed: ParsedText, *, version: str | None = None) -> list[Safeguard]:
        sentences = _sentences(parsed, version)
        return [self._one(spec, sentences, parsed) for spec in safeguard_specs()]

    def _one(self, spec: SafeguardSpec, sentences: list[_Sentence], parsed: ParsedText) -> Safeguard:
        lang, source = parsed.lang, parsed.source_text
        if spec.office:
            return _ombudsman(spec, sentences, lang, source)
        for field in ("present", "absent"):
            matcher = _matcher(spec.id, field, lang)
            for sentence in sentences:
                spans = sentence.find(matcher)
                if spans:
                    start, end = spans[0]
                    words = {"words": source[start:end]}
                    return _result(
                        spec, field == "present", sentence.location, sentence.evidence(source), 0.9, words
                    )
        return _result(spec, False, None, None, 0.6, _looked_for(spec.present.get(lang, [])))


def _ombudsman(spec: SafeguardSpec, sentences: list[_Sentence], lang: str, source: str) -> Safeguard:
    office, appoint = _matcher(spec.id, "office", lang), _matcher(spec.id, "appoint", lang)
    parliament, executive = _matcher(spec.id, "parliament", lang), _matcher(spec.id, "executive", lang)
    for sentence in sentences:
        if not sentence.find(office) or not sentence.find(appoint):
            continue
        by_parliament = bool(sentence.find(parliament)) or sentence.in_heading(parliament)
        by_executive = bool(sentence.find(executive)) or sentence.in_heading(executive)
        details = {
            "appointed_by": "parliament" if by_parliament else "executive" if by_executive else "unclear"
        }
        if by_parliament and by_executive:
            details["proposed_by"] = "executive"
        return _result(spec, by_parliament, sentence.location, sentence.evidence(source), 0.8, details)
    return _result(spec, False, None, None, 0.5, _looked_for(spec.office.get(lang, [])))


def _looked_for(phrases: list[str]) -> dict[str, str]:
    """What an absent safeguard was searched for, so a reader can check the text for other wordings."""
    return {"looked_for": "; ".join(p.replace("…", "...") for p in phrases)} if phrases else {}


def _result(
    spec: SafeguardSpec,
    present: bool,
    location: Location | None,
    evidence: Evidence | None,
    confidence: float,
    details: dict[str, str] | None = None,
) -> Safeguard:
    return Safeguard(
        rule=RULE_NAME,
        safeguard=spec.id,
        label=spec.label,
        present=present,
        location=location,
        evidence=evidence,
        details=details or {},
        standard=spec.standard,
        sources=tuple(spec.source),
        confidence=confidence,
    )


register(IccprSafeguards())
