"""The provisions a rights rule reads, and the words that introduce them.

A rule reads every paragraph, undivided article and item with words of its own. An item of a list completes the
sentence its lead-in opens ("The right to freedom of expression does not extend to—" / "(a) propaganda for
war;"), so its first sentence is read together with the lead-in's last one; what it quotes stays its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from charterwatch.rights.clauses import sentence_ranges
from charterwatch.rights.lemmas import Token, tokenize
from charterwatch.rights.model import Location
from charterwatch.texts.tree import ParsedText, Provision

_LEAD_IN_MARKS = ("—", "–", "-", ":")


@dataclass(frozen=True)
class Unit:
    """One provision with words of its own, where it is, and the words around it that a reading needs."""

    provision: Provision
    location: Location
    heading: str  # the own words of the provisions above it ("The Senate shall have the following powers:")
    lead_in: Provision | None = None  # the provision whose words this item completes ("does not extend to—")
    title: str = ""  # the article's heading, which often names its right ("Right to life")


def units(parsed: ParsedText, *, version: str | None) -> list[Unit]:
    """Every provision with words of its own, located by article and paragraph as printed."""
    found: list[Unit] = []
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
    found: list[Unit],
    lead_in: Provision | None = None,
) -> None:
    if node.kind == "paragraph" or (node.kind == "subparagraph" and paragraph is None):
        paragraph = node.num
    if node.kind in ("article", "paragraph", "subparagraph") and node.text.strip():
        location = Location(version, article.num, paragraph, node.eid)
        found.append(Unit(node, location, " ".join(above), lead_in, article.heading or ""))
    lead = node if _is_lead_in(node) else None
    for child in node.norm_children():
        if child.kind != "article":
            _collect(article, child, paragraph, [*above, node.text], version, found, lead)


def lead_tokens(unit: Unit, lang: str) -> list[Token]:
    """The last sentence of the provision that introduces this item, or nothing."""
    lead = unit.lead_in
    if lead is None:
        return []
    tokens = tokenize(lead.text, lang, offset=lead.text_span[0])
    ranges = sentence_ranges(tokens, lead.text, lead.text_span[0])
    return tokens[ranges[-1][0] :] if ranges else []


def unit_sentences(unit: Unit, lang: str) -> tuple[list[Token], list[tuple[int, int]], int]:
    """The unit's words (after its lead-in's), its sentences as token ranges, and the index of its own first word.

    The first sentence of an item starts at the lead-in (index 0); the others are the item's own.
    """
    node = unit.provision
    lead = lead_tokens(unit, lang)
    tokens = [*lead, *tokenize(node.text, lang, offset=node.text_span[0])]
    own = len(lead)
    sentences = [
        (lo + own, hi + own) for lo, hi in sentence_ranges(tokens[own:], node.text, node.text_span[0])
    ]
    if lead and sentences:
        sentences[0] = (0, sentences[0][1])
    return tokens, sentences, own
