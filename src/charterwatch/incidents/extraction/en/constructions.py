"""English constructions that name victims where the small parser's tree alone does not.

spaCy's small model gets the skeleton of a news sentence right and its lists wrong: "three other women:
A, B and C" hangs the names on the wrong noun, "blogger A and activist B" becomes a chain of modifiers. These
helpers read the constructions that carry victims from the parse's skeleton plus the pipeline's own name
mentions:

- ``found X guilty``: X is the subject of "guilty", not an object of "find";
- ``Among those held were X and Y``: the victims are the subject of the clause "among" opens;
- ``took her to a police station``, ``were taken to the police``: custody, told by where someone is taken;
- ``along with X`` / ``together with X`` on the action's verb: more victims of the same action;
- ``N people: X, Y and Z``: the names after a colon are the members of the counted noun;
- a subject or object phrase with no verb in it that holds two or more named people: each of them.
"""

from __future__ import annotations

import re
from typing import Any

from charterwatch.incidents.extraction.pipeline import Mention

_LIST_GAP = re.compile(r"^\s*(?:,|and|,\s*and|&)?\s*$")
_LIST_END = frozenset({";", ".", "(", "—", "–"})
COMPANIONS = frozenset({"along", "together"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "attr"})


def guilty_subjects(verb: Any) -> list[Any]:
    """ "found X and Y guilty of ...": the people "guilty" is said of."""
    found: list[Any] = []
    for child in verb.children:
        if child.lower_ == "guilty":
            found += [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
    return found


def among_those(verb: Any) -> list[Any]:
    """ "Among those held by the police were X and Y": the clause's subject, when the participle describes
    "those" (or "the people") in an "among" phrase."""
    described = verb.head
    if verb.dep_ != "acl" or described.dep_ != "pobj" or described.head.lower_ != "among":
        return []
    clause = described.head.head
    return [c for c in clause.children if c.dep_ in _SUBJECT_DEPS and c is not described]


def taken_to_custody(verb: Any, places: frozenset[str]) -> bool:
    """ "took her to a police station", "were taken to the police": custody told by the place."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into")):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            if place.lemma_.lower() in places or place.lower_ in places:
                return True
    return False


def companions(verb: Any) -> list[Any]:
    """ "detained X along with three other women", "together with her husband": more victims."""
    found: list[Any] = []
    for prep in (c for c in verb.children if c.dep_ in ("prep", "advmod") and c.lower_ in COMPANIONS):
        for inner in (g for g in prep.children if g.dep_ == "prep" and g.lower_ == "with"):
            found += [g for g in inner.children if g.dep_ == "pobj"]
    return found


def colon_list(token: Any, mentions: list[Mention], base: int) -> list[Mention]:
    """ "three other women: A, B and C": the named people listed after the colon, in order."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].text != ":" or token.tag_ not in ("NNS", "CD"):
        return []
    start = base + doc[token.i + 1].idx + 1
    stop = base + next((t.idx for t in doc[token.i + 2 :] if t.text in _LIST_END), len(doc.text))
    people = sorted((m for m in mentions if _full_name(m) and start <= m.start < stop), key=lambda m: m.start)
    listed: list[Mention] = []
    for person in people:
        if listed and not _LIST_GAP.match(_gap(doc, base, listed[-1].end, person.start)):
            break
        if not listed and not _LIST_GAP.match(_gap(doc, base, start, person.start)):
            break
        listed.append(person)
    return listed if len(listed) >= 2 else []


def named_in_phrase(token: Any, mentions: list[Mention], base: int) -> list[Mention]:
    """ "blogger A and rights activist B": every named person of a verbless coordinated phrase."""
    subtree = list(token.subtree)
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in subtree) or not any(
        t.dep_ == "cc" for t in subtree
    ):
        return []
    if any(t.lower_ in ("of", "by", "for", "at") for t in subtree):
        return []  # "the founder of X and Y": the phrase is about one person's ties
    lo, hi = base + subtree[0].idx, base + subtree[-1].idx + len(subtree[-1].text)
    people = [m for m in mentions if _full_name(m) and lo <= m.start < hi and not m.modifier]
    names = {(m.entity or m.text).lower() for m in people}
    return sorted(people, key=lambda m: m.start) if len(names) >= 2 else []


def _full_name(mention: Mention) -> bool:
    """A person named by two words or more: one capitalised word in a list ("Charitable, Educational and
    Human Rights Society") is more often part of a title than a person."""
    return mention.kind == "person" and len((mention.entity or mention.text).split()) >= 2


def _gap(doc: Any, base: int, start: int, end: int) -> str:
    return str(doc.text[start - base : end - base])
