"""In-document coreference: "he", "her", "them", "the journalist" back to the victim they stand for.

Deliberately simple and conservative: a singular pronoun refers to the last victim (else the last person) named
within the last three paragraphs, a plural one to the last group, "the journalist" to the last person given that role. A pronoun
with nothing compatible stays unresolved and yields no incident, which costs recall rather than precision.
"""

from __future__ import annotations

from charterwatch.incidents.pipeline import Mention, State, component

WINDOW_PARAGRAPHS = 3


def antecedent(mention: Mention, earlier: list[Mention], paragraph_of: dict[int, int]) -> Mention | None:
    """The mention that ``mention`` (a pronoun or definite) refers to, searching ``earlier`` backwards.

    ``earlier`` holds the victims told so far first; callers fall back to every mention.
    """
    paragraph = paragraph_of[mention.sentence]
    for candidate in reversed(earlier):
        if paragraph - paragraph_of[candidate.sentence] > WINDOW_PARAGRAPHS:
            return None
        if candidate.modifier or candidate.start >= mention.start:
            continue
        if mention.kind == "definite":
            if candidate.kind in ("person", "organisation") and candidate.role == mention.role:
                return candidate
        elif mention.plural:
            if candidate.kind == "group":
                return candidate
            if candidate.kind in ("person", "organisation"):
                return None
        elif candidate.kind == "person":
            return candidate
    return None


@component("incidents.coref.v1")
def coref_v1(state: State) -> None:
    paragraph_of = {s.index: s.paragraph for s in state.sentences}
    candidates = [m for m in state.mentions if m.kind in ("person", "organisation", "group")]
    victims = [v for t in state.triggers for v in t.victims if v.kind in ("person", "organisation", "group")]
    victims.sort(key=lambda m: m.start)
    for trigger in state.triggers:
        for victim in trigger.victims:
            if victim.kind in ("pronoun", "definite") and victim.antecedent is None:
                told = [m for m in victims if m.start < victim.start]
                found = antecedent(victim, told, paragraph_of)
                if found is None:
                    found = antecedent(
                        victim, [m for m in candidates if m.start < victim.start], paragraph_of
                    )
                victim.antecedent = found
