"""Where a verdict rests, in words a lawyer can send: the right, its ICCPR paragraph, the ground, the rule, and the
General Comment and Siracusa paragraphs behind it.

The verdict itself comes from the audit (``rights.verdicts``); this module only explains it. It names the rule
the verdict follows (the ground is listed in the right's limitation clause, is not listed, is no Covenant ground
at all, ...) from the standards data, and cites the paragraphs ``data/basis.yaml`` records for the right, the
ground, the phrase and the rule. When the rule it reads does not give the verdict the audit recorded (a rule
changed, a data override), it says so by falling back to the audit's own reason, so a report never explains a
verdict by the wrong rule.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.model import GroundFinding
from charterwatch.rights.standards import PhraseEntry, Source, Standards, Verdict, _read, load_standards

Rule = Literal[
    "listed", "not_listed", "no_ground", "conditional", "law_only", "no_clause", "absolute", "general",
    "treaty_duty", "override", "recorded",
]  # fmt: skip
RULE_VERDICT: dict[str, Verdict] = {
    "listed": "permitted",
    "not_listed": "not_permitted",
    "no_ground": "not_permitted",
    "conditional": "conditional",
    "law_only": "conditional",
    "no_clause": "conditional",
    "absolute": "not_permitted",
    "treaty_duty": "permitted",
}  # "general" is permitted when every right it can limit lists the ground, else conditional (_by_article)
GENERAL_RIGHTS = ("12", "18", "19", "21", "22")  # the rights a clause on "all rights" can lawfully limit
VERDICT_WORDS = {"permitted": "permitted", "conditional": "conditional", "not_permitted": "not permitted"}
Paragraphs = dict[str, list[str]]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RightBasis(_Model):
    short: str
    paragraph: str
    reading: Paragraphs = {}
    legality: Paragraphs = {}


class GroundBasis(_Model):
    siracusa: list[str] = []
    by_right: dict[str, Paragraphs] = {}


class PhraseBasis(_Model):
    label: str
    iccpr: list[str] = []
    paragraphs: Paragraphs = {}


class BasisData(_Model):
    sources: dict[str, Source] = {}
    rights: dict[str, RightBasis]
    grounds: dict[str, GroundBasis]
    rules: dict[str, dict[str, list[str]]]
    phrases: dict[str, PhraseBasis]


@dataclass(frozen=True)
class Citation:
    """Paragraphs of one document: ``HRC General Comment 22, para 8``."""

    source: str
    name: str
    paragraphs: tuple[str, ...]

    def text(self) -> str:
        if self.source == "iccpr":
            return f"ICCPR {'arts' if len(self.paragraphs) > 1 else 'art.'} {', '.join(self.paragraphs)}"
        if not self.paragraphs:
            return self.name
        if self.paragraphs[0].startswith("principle"):
            return f"{self.name}, {', '.join(self.paragraphs)}"
        single = len(self.paragraphs) == 1 and "-" not in self.paragraphs[0]
        return f"{self.name}, {'para' if single else 'paras'} {', '.join(self.paragraphs)}"


@dataclass(frozen=True)
class Basis:
    """One verdict explained: which ground of which right is judged, by which rule, resting on what."""

    right: str  # ICCPR article, "*" for all rights
    right_name: str
    article: str  # "ICCPR art. 18(3)"
    ground: str  # the ground in plain words
    treaty_grounds: tuple[str, ...]  # the ICCPR grounds it is read as, by label
    verdict: Verdict
    rule: Rule
    why: str
    citations: tuple[Citation, ...]

    def cited(self) -> str:
        """The article, then the commentary paragraphs: what a footnote of an opinion would say."""
        treaty = [c for c in self.citations if c.source == "iccpr"]
        article = self.article
        if treaty:
            own = article.split(" ", 2)[-1].split(", ")
            extra = [p for p in treaty[0].paragraphs if p not in own]
            article = f"ICCPR arts {', '.join([*own, *extra])}" if extra else article
        return "; ".join([article, *(c.text() for c in self.citations if c.source != "iccpr")])

    def headline(self) -> str:
        """``national security: not permitted for freedom of religion or belief (ICCPR art. 18(3))``."""
        return f"{self.ground}: {VERDICT_WORDS[self.verdict]} for {self.right_name} ({self.article})"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["cited"] = self.cited()
        return data


@cache
def load_basis() -> BasisData:
    """The bundled ``data/basis.yaml`` (read once)."""
    try:
        data = _read("basis.yaml")
    except (OSError, ValueError) as e:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"basis.yaml: {str(e).splitlines()[0]}") from e
    return parse_basis(data, load_standards())


def parse_basis(data: dict[str, Any], standards: Standards) -> BasisData:
    """Validate basis data against the standards: known grounds, phrases and sources, every rule covered."""
    try:
        basis = BasisData.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"basis.yaml {where}: {first['msg']}") from e
    known = set(standards.sources) | set(basis.sources)
    cited = [s for p in basis.rights.values() for part in (p.reading, p.legality) for s in part]
    cited += [s for g in basis.grounds.values() for part in g.by_right.values() for s in part]
    cited += [s for r in basis.rules.values() for s in r if s != "iccpr"]
    cited += [s for p in basis.phrases.values() for s in p.paragraphs]
    problems = [f"unknown source {s}" for s in cited if s not in known]
    problems += [f"unknown ground {g}" for g in basis.grounds if g not in {x.id for x in standards.grounds}]
    phrase_ids = {x.id for x in standards.phrase_mapping}
    problems += [f"unknown phrase {p}" for p in basis.phrases if p not in phrase_ids]
    problems += [f"rule {r} has no entry" for r in RULE_VERDICT if r not in basis.rules]
    if problems:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"basis.yaml: {problems[0]}")
    return basis


def source_of(source_id: str) -> Source | None:
    return load_standards().sources.get(source_id) or load_basis().sources.get(source_id)


def source_name(source_id: str) -> str:
    """A short name for inline citations; the UN symbol goes to the list of standards cited."""
    source = source_of(source_id)
    if source is None:
        return source_id
    name = source.title.split(" (")[0].split(",")[0].strip()
    if source.doc and not name.startswith(("HRC General Comment", "Siracusa")):
        name = f"{name} ({source.doc.split(' ')[0].rstrip(',')})"
    return name


def ground_label(standards: Standards, key: str) -> str:
    """The plain name of a phrase or ICCPR ground (``state_security`` -> ``national (state) security``)."""
    phrase = load_basis().phrases.get(key)
    if phrase is not None:
        return phrase.label
    ground = next((g for g in standards.grounds if g.id == key), None)
    if ground is not None:
        return ground.label.split(" - ")[0].split(" (")[0]
    return key.removesuffix("_phrase").replace("_", " ")


def right_name(right: str) -> str:
    if right == "*":
        return "all rights and freedoms"
    entry = load_basis().rights.get(right)
    return entry.short if entry else f"the right in ICCPR art. {right}"


def article_of(right: str) -> str:
    """``ICCPR art. 18(3)``: the paragraph that admits limits on the right."""
    if right == "*":
        papers = [load_basis().rights[r].paragraph for r in GENERAL_RIGHTS]
        return f"ICCPR arts {', '.join(papers)}"
    entry = load_basis().rights.get(right)
    return f"ICCPR art. {entry.paragraph if entry else right}"


def basis_of(finding: GroundFinding, right: str) -> Basis:
    """The explanation of ``finding``'s verdict for ``right`` (an ICCPR article or ``*``)."""
    standards = load_standards()
    verdict = finding.verdicts.get(right, finding.verdict)
    entry = next((p for p in standards.phrase_mapping if p.id == finding.phrase_id), None)
    grounds = list(finding.ground_ids) if entry is not None else [finding.phrase_id]
    grounds = [g for g in grounds if any(x.id == g for x in standards.grounds)]
    label = ground_label(standards, finding.phrase_id)
    rule, why = _rule(standards, entry, grounds, right, finding, label)
    if rule in RULE_VERDICT and RULE_VERDICT[rule] != verdict:
        rule, why = "recorded", finding.reason
    return Basis(
        right=right,
        right_name=right_name(right),
        article=article_of(right),
        ground=label,
        treaty_grounds=tuple(ground_label(standards, g) for g in grounds),
        verdict=verdict,
        rule=rule,
        why=why,
        citations=_citations(standards, finding.phrase_id, grounds, right, rule),
    )


def _rule(
    standards: Standards,
    entry: PhraseEntry | None,
    grounds: list[str],
    right: str,
    finding: GroundFinding,
    label: str,
) -> tuple[Rule, str]:
    names = " and ".join(ground_label(standards, g) for g in grounds)
    if entry is not None:
        special = next((s for s in entry.phrase_verdicts if s.reason == finding.reason), None)
        if special is not None:
            return "override", special.reason
        if right in entry.verdict_by_right:
            return "override", entry.verdict_reason or finding.reason
        if entry.match == "none":
            return "no_ground", f"{_cap(label)} is not a limitation ground the Covenant admits for any right."
        if entry.match in ("conditional", "partial"):
            return _conditional(entry, names, right, label)
        if not grounds:
            duty = ", ".join(load_basis().phrases[entry.id].iccpr) if entry.id in load_basis().phrases else ""
            return (
                "treaty_duty",
                f"The Covenant itself requires this ban (art. {duty or entry.nearest_ground}).",
            )
    return _by_article(standards, grounds, right, names)


def _conditional(entry: PhraseEntry, names: str, right: str, label: str) -> tuple[Rule, str]:
    if entry.id == "law_defined_cases" or (not names and not entry.condition):
        return "law_only", (
            "The clause leaves the limits to the law without naming a ground or a test of necessity; the law "
            f"must itself name a ground of {article_of(right).removeprefix('ICCPR ')} and be necessary."
        )
    condition = entry.condition or first_sentence(entry.reasoning or "")
    if names and entry.match == "partial":
        return "conditional", f"{_cap(label)} overlaps {names} only in part: {condition}"
    if names:
        return "conditional", f"{_cap(label)} comes within {names} only on a condition: {condition}."
    return "conditional", f"Admissible only on a condition: {condition}."


def _by_article(standards: Standards, grounds: list[str], right: str, names: str) -> tuple[Rule, str]:
    if right == "*":
        listed = [r for r in GENERAL_RIGHTS if _lists(standards, r, grounds)]
        unlisted = [r for r in GENERAL_RIGHTS if r not in listed]
        where = ", ".join(load_basis().rights[r].paragraph for r in listed) or "none of them"
        text = f"{_cap(names)} {'are grounds' if len(grounds) > 1 else 'is a ground'} under arts {where}"
        if unlisted:
            text += f", not under {', '.join(load_basis().rights[r].paragraph for r in unlisted)}"
        if not unlisted:
            return "general", text + "; every right it can limit admits it."
        return (
            "general",
            text + "; a clause on all rights takes the strictest verdict over them, capped at conditional.",
        )
    entry = standards.right(right)
    paragraph = article_of(right).removeprefix("ICCPR ")
    if entry is None or entry.limitation_clause is None:
        if entry is not None and entry.derogable is False:
            return "absolute", f"{_cap(right_name(right))} admits no limitation."
        return "no_clause", f"{_cap(paragraph)} names no grounds: only lawful, non-arbitrary limits."
    if not entry.limitation_clause.grounds:
        return "no_clause", f"{_cap(paragraph)} names no grounds: only lawful, non-arbitrary limits."
    if _lists(standards, right, grounds):
        return (
            "listed",
            f"{_cap(paragraph)} lists {names}; the limit must still be necessary and proportionate.",
        )
    missing = " and ".join(
        ground_label(standards, g) for g in grounds if g not in entry.limitation_clause.grounds
    )
    return "not_listed", f"{_cap(paragraph)} does not list {missing}, and its list of grounds is closed."


def _lists(standards: Standards, right: str, grounds: list[str]) -> bool:
    entry = standards.right(right)
    clause = entry.limitation_clause if entry else None
    return bool(grounds) and clause is not None and all(g in clause.grounds for g in grounds)


def _citations(
    standards: Standards, phrase_id: str, grounds: list[str], right: str, rule: Rule
) -> tuple[Citation, ...]:
    data = load_basis()
    parts: list[Paragraphs] = []
    right_entry = data.rights.get(right)
    phrase = data.phrases.get(phrase_id)
    if phrase is not None and phrase.iccpr:
        parts.append({"iccpr": phrase.iccpr})
    if right_entry is not None:
        parts.append(right_entry.legality if rule == "law_only" else right_entry.reading)
    if phrase is not None:
        own = standards.right(right)
        allowed = set(own.source) if own else None
        parts.append(
            {
                s: p
                for s, p in phrase.paragraphs.items()
                if not (allowed and s.startswith("gc") and s not in allowed)
            }
        )
    for ground in grounds:
        basis = data.grounds.get(ground)
        if basis is not None:
            parts.append(basis.by_right.get(right, {}))
            parts.append({"siracusa": basis.siracusa})
    parts.append(data.rules.get(rule, {}))
    merged: dict[str, list[str]] = {}
    for part in parts:
        for source, paras in part.items():
            merged.setdefault(source, [])
            merged[source] += [p for p in paras if p not in merged[source]]
    iccpr = merged.pop("iccpr", [])
    cited = [Citation("iccpr", "ICCPR", tuple(iccpr))] if iccpr else []
    cited += [
        Citation(s, source_name(s), tuple(sorted(p, key=_para_key)))
        for s, p in merged.items()
        if p or s != "siracusa"
    ]
    return tuple(cited)


def _para_key(paragraph: str) -> tuple[int, str]:
    digits = re.match(r"\d+", paragraph.removeprefix("principle "))
    return (int(digits.group(0)) if digits else 0, paragraph)


_ABBREVIATIONS = {"art", "arts", "para", "paras", "e.g", "i.e", "no", "v", "cf"}


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, not cut after "art." or "para." (the reasons cite articles)."""
    text = " ".join(text.split())
    for stop in re.finditer(r"\.\s+(?=[A-Z'\"(])", text):
        words = text[: stop.start()].split()
        if words and words[-1].lower() not in _ABBREVIATIONS:
            return text[: stop.start() + 1]
    return text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
