"""In-document coreference: "he", "her", "them", "the journalist", "the activists" back to who they stand for.

Deliberately simple and conservative: a singular pronoun refers to the last victim (else the last person) named
within the last three paragraphs, "the journalist" to the last person given that role. A plural pronoun or a
definite plural ("the women", "блогеров" with no number before it) stands for the last set of two or more
people named together (one sentence), when that set is more recent than the last unnamed group and its roles
agree; the set gives one victim each, which is how monitors count. A mention with nothing compatible stays
unresolved and yields no incident (a pronoun) or keeps its own words (a group), which costs recall rather
than precision.
"""

from __future__ import annotations

from charterwatch.incidents.extraction.pipeline import Mention, State, Trigger, component
from charterwatch.lang.numbers import count_in

WINDOW_PARAGRAPHS = 3
_DEFINITE = frozenset({"the", "these", "those", "both", "оба", "обе", "эти", "этих"})
_COUNTED = frozenset({"несколько", "многие", "многих", "ряд", "десятки", "сотни", "около", "более", "менее"})


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


def definite_group(mention: Mention) -> bool:
    """ "the women", "these activists", "блогеров": a plural told as already known, not counted anew."""
    words = mention.text.lower().split()
    if mention.antecedent is not None:  # resolved already (a Russian singular role noun to its person)
        return False
    if not words or any(c.isdigit() for c in mention.text) or words[0] in _COUNTED:
        return False
    return words[0] in _DEFINITE or (len(words) == 1 and not words[0].isascii())


def named_set(mention: Mention, people: list[Mention], paragraph_of: dict[int, int]) -> list[Mention]:
    """The last two or more people named in one sentence before ``mention``, whose roles agree with it."""
    paragraph = paragraph_of[mention.sentence]
    by_sentence: dict[int, list[Mention]] = {}
    for person in people:
        if person.start < mention.start and not person.modifier:
            by_sentence.setdefault(person.sentence, []).append(person)
    for sentence in sorted(by_sentence, reverse=True):
        if paragraph - paragraph_of[sentence] > WINDOW_PARAGRAPHS:
            break
        named = _distinct(by_sentence[sentence])
        if len(named) >= 2:
            roles = {p.role for p in named if p.role}
            if mention.role and roles and mention.role not in roles:
                return []
            return named
    return []


_TOLD_BEFORE = frozenset({"all", "the", "both", "those", "these"})


def counted_set(mention: Mention, people: list[Mention], paragraph_of: dict[int, int]) -> list[Mention]:
    """ "All five", "the two activists", "both": the last N distinct people named before, when the story has
    named that many within the window (English counts; Russian sets are found by ``named_set``)."""
    words = mention.text.lower().split()
    if mention.kind not in ("group", "pronoun") or not words or words[0] not in _TOLD_BEFORE:
        return []
    size = 2 if words == ["both"] else count_in(words)
    if size is None or size < 2:
        return []
    paragraph = paragraph_of[mention.sentence]
    before = [
        p
        for p in people
        if p.start < mention.start and not p.modifier and paragraph - paragraph_of[p.sentence] <= 1
    ]
    named = _distinct(list(reversed(before)))
    if len(named) < size:
        return []
    chosen = named[:size]
    roles = {p.role for p in chosen if p.role}
    if mention.role and roles and mention.role not in roles:
        return []
    return sorted(chosen, key=lambda p: p.start)


def with_others(
    mention: Mention, mentions: list[Mention], paragraph_of: dict[int, int], text: str
) -> list[Mention]:
    """ "X and three other women ... Police detained the women": the named person and the counted rest."""
    if mention.kind == "pronoun" and mention.plural:  # "detained the women and fined them"
        same = [m for m in mentions if m.kind == "group" and m.sentence == mention.sentence]
        earlier = [m for m in same if m.start < mention.start]
        return with_others(earlier[-1], mentions, paragraph_of, text) if earlier else []
    words = mention.text.lower().split()
    before = text[max(0, mention.start - 6) : mention.start].lower().split()
    definite = (len(words) == 2 and words[0] in _DEFINITE) or (len(words) == 1 and before[-1:] == ["the"])
    if mention.kind != "group" or not definite:
        return []
    paragraph = paragraph_of[mention.sentence]
    for group in reversed([m for m in mentions if m.kind == "group" and m.start < mention.start]):
        if paragraph - paragraph_of[group.sentence] > 1:
            break
        told = group.text.lower().split()
        if told[-1] == words[-1] and "other" in told:
            people = [
                m
                for m in mentions
                if m.kind == "person" and m.sentence == group.sentence and m.end <= group.start
            ]
            return [*people[-1:], group] if people else []
    return []


def _distinct(people: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for person in people:
        key = (person.entity or person.text).lower()
        if key not in seen:
            seen.add(key)
            out.append(person)
    return out


def _expand_sets(state: State, trigger: Trigger, people: list[Mention], paragraph_of: dict[int, int]) -> None:
    """Replace a plural pronoun or definite group by the set of people it stands for."""
    groups = [m for m in state.mentions if m.kind == "group"]
    known = {id(p) for p in people}  # a count says how many to take back: any full name may be one
    named = [m for m in state.mentions if m.kind == "person" and (id(m) in known or len(m.text.split()) >= 2)]
    victims: list[Mention] = []
    for victim in trigger.victims:
        plural = (victim.kind == "pronoun" and victim.plural) or (
            victim.kind == "group" and definite_group(victim)
        )
        found = counted_set(victim, named, paragraph_of)
        if plural and not found:
            found = named_set(victim, people, paragraph_of)
        others = [] if found else with_others(victim, state.mentions, paragraph_of, state.text)
        last_group = max((g.start for g in groups if g.start < victim.start and g is not victim), default=-1)
        if others:  # the set names its own group: no later group can be what "the women" stands for
            victims += [p for p in others if all(p is not v for v in victims)]
        elif found and min(p.start for p in found) > last_group:
            for person in found:
                if person.role is None and victim.role:  # "the activists" says what these people are
                    person.role, person.role_span = victim.role, (victim.start, victim.end)
            victims += [p for p in found if all(p is not v for v in victims)]
        else:
            victims.append(victim)
    trigger.victims = victims


@component("incidents.coref.v1")
def coref_v1(state: State) -> None:
    paragraph_of = {s.index: s.paragraph for s in state.sentences}
    candidates = [m for m in state.mentions if m.kind in ("person", "organisation", "group")]
    victims_told = {id(v) for t in state.triggers for v in t.victims}
    # the people a set may stand for: a tagger's names (Russian), else names told as victims or with a role,
    # since English names are found by capitals and "United Arab Emirates" is no set of people
    tagged = state.language != "en"
    told_names = {
        (v.entity or v.text).lower() for t in state.triggers for v in t.victims if v.kind == "person"
    }
    people = [
        m
        for m in state.mentions
        if m.kind == "person"
        and (tagged or m.role or id(m) in victims_told or (m.entity or m.text).lower() in told_names)
    ]
    for trigger in state.triggers:
        _expand_sets(state, trigger, people, paragraph_of)
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
