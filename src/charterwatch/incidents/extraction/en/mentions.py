"""English mentions that can be victims or agents: names, organisations, unnamed groups, pronouns, police.

Capitalised runs become people or organisations (organisation words, acronyms and web addresses tell which);
role words ("blogger", "trade union leaders") give the role of the name next to them or, standing alone,
describe an unnamed group ("at least eight journalists", "a man"). A surname or acronym seen again refers to
the full name first given, so later sentences link to the same victim.
"""

from __future__ import annotations

import re

from charterwatch.incidents.extraction.en.groups import find_groups
from charterwatch.incidents.extraction.lexicon import Lexicon, gazetteer, lexicon
from charterwatch.incidents.extraction.pipeline import (
    Mention,
    PlaceMention,
    Sentence,
    State,
    component,
    strip_possessive,
)

_DOMAIN = re.compile(r"^[A-Za-z][\w-]*\.(?:kz|ru|kg|uz|tj|tm|org|com|net|info|media|news|asia|eu)$")
_ACRONYM = re.compile(r"^[A-ZА-Я][A-Za-zА-Яа-я]*[A-ZА-Я][A-Za-zА-Яа-я]*$")
_POSSESSIVE = re.compile(r"['’]s$")
_PRONOUNS = {
    "he": False,
    "she": False,
    "him": False,
    "her": False,
    "his": False,
    "they": True,
    "them": True,
    "their": True,
}
_CONNECTORS = frozenset({"of", "for", "on", "the", "and", "de", "al"})
_PLURAL_OTHER = frozenset({"people", "men", "women", "persons", "individuals", "youth", "police"})
_OUTLET_WORDS = frozenset(
    {"newspaper", "outlet", "agency", "site", "website", "channel", "portal", "magazine", "weekly"}
)
_PATRONYMICS = frozenset({"kyzy", "kyzi", "uulu", "uly", "ogly", "ogli", "qizi", "kizi", "qyzy"})
_NOT_NOUNS = frozenset({
    "and", "or", "to", "for", "with", "in", "on", "at", "from", "by", "as", "after", "before", "that", "which",
    "who", "of", "over", "under", "into", "without", "the", "a", "an", "was", "were", "is", "are", "has", "had",
    "have", "be", "been", "being",
})  # fmt: skip
_CALENDAR = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
})  # fmt: skip


def _acronym(text: str) -> bool:
    return sum(c.isupper() for c in text) > 1


def _is_cap(text: str) -> bool:
    return text[:1].isupper() or ("." in text and bool(_DOMAIN.match(text)))


class MentionFinder:
    """Finds the mentions of one text, sentence by sentence, keeping the aliases seen so far."""

    def __init__(self, state: State, lex: Lexicon) -> None:
        self.state = state
        self.lex = lex
        self.aliases: dict[str, tuple[str, str]] = {}  # surname or acronym -> (full name, kind)
        self.not_names = lex.words("not_names") | _CALENDAR
        self.not_names |= {w.upper() for phrases in lex.raw["currencies"].values() for w in phrases}
        self.places = gazetteer()
        self.places_by_sentence: dict[int, list[PlaceMention]] = {}
        for place in state.places:
            self.places_by_sentence.setdefault(place.sentence, []).append(place)

    def sentence(self, sentence: Sentence) -> list[Mention]:
        words = sentence.words
        places = self.places_by_sentence.get(sentence.index, [])
        self.in_place = [any(p.start <= t.start < p.end for p in places) for t in sentence.tokens]
        covered = [False] * len(words)
        found: list[Mention] = []
        for kind, table in (("role", self.lex.roles), ("perpetrator", self.lex.perpetrators)):
            i, first_words = 0, table.by_first
            while i < len(words):
                if covered[i] or words[i] not in first_words:
                    i += 1
                    continue
                text = sentence.tokens[i].text
                shut = text[0].isupper() and i > 0 and words[i - 1] not in '•-–“"‘' and not _acronym(text)
                hit = None if covered[i] or (kind == "role" and shut) else table.match(words, i)
                if hit is None or (kind == "perpetrator" and sentence.tokens[i].text[0].isupper() and i > 0):
                    i += 1
                    continue
                n, value = hit
                found.append(self._mention(sentence, kind, i, i + n, role=value if kind == "role" else None))
                covered[i : i + n] = [True] * n
                i += n
        found += self._names(sentence, covered)
        found += self._pronouns(sentence, covered)
        return sorted(found, key=lambda m: m.t0)

    def _mention(self, sentence: Sentence, kind: str, t0: int, t1: int, **extra: object) -> Mention:
        tokens = sentence.tokens
        end = tokens[t1 - 1].end
        possessive = bool(_POSSESSIVE.search(tokens[t1 - 1].text))
        if possessive:
            end -= 2
        mention = Mention(
            kind, tokens[t0].start, end, sentence.index, t0, t1, self.state.text[tokens[t0].start : end]
        )
        mention.possessive = possessive
        for key, value in extra.items():
            setattr(mention, key, value)
        if kind == "role":
            last = strip_possessive(tokens[t1 - 1].lower)  # "the journalist's home": one journalist
            mention.plural = last in _PLURAL_OTHER or (last.endswith("s") and not last.endswith("ss"))
        return mention

    def _names(self, sentence: Sentence, covered: list[bool]) -> list[Mention]:
        tokens, found, i = sentence.tokens, [], 0
        while i < len(tokens):
            if (
                covered[i]
                or self.in_place[i]
                or not _is_cap(tokens[i].text)
                or not tokens[i].text[0].isalpha()
            ):
                i += 1
                continue
            j = i + 1
            while j < len(tokens) and not covered[j] and not _POSSESSIVE.search(tokens[j - 1].text):
                if _is_cap(tokens[j].text) and tokens[j].text[0].isalpha():
                    j += 1
                elif (
                    tokens[j].lower in _CONNECTORS
                    and j + 1 < len(tokens)
                    and _is_cap(tokens[j + 1].text)
                    and tokens[j + 1].text not in _CALENDAR
                ):
                    if tokens[j].lower == "and" and not self._org_role([t.text for t in tokens[i:j]]):
                        break
                    j += 2
                else:
                    break
            if j < len(tokens) and tokens[j].lower in _PATRONYMICS:
                j += 1  # "Makhabat Tazhibek kyzy"
            k = self._split_outlet(sentence, i, j, covered)
            for a, b in ((i, k), (k, j)) if k else ((i, j),):
                mention = self._classify(sentence, a, b)
                if mention is not None:
                    found.append(mention)
            i = j
        return found

    def _split_outlet(self, sentence: Sentence, i: int, j: int, covered: list[bool]) -> int | None:
        """ "the newspaper Nasha Gazeta Olga Kuzmina": after an outlet word, the last two names are a person."""
        before = sentence.words[i - 1] if i > 0 else ""
        outlet = covered[i - 1] if i > 0 else False
        if outlet and before in _OUTLET_WORDS and j - i >= 4:
            return j - 2
        return None

    def _org_role(self, words: list[str]) -> str | None:
        for role, names in self.lex.raw["org_words_in_names"].items():
            if any(_POSSESSIVE.sub("", w) in names for w in words):
                return str(role)
        return None

    def _classify(self, sentence: Sentence, i: int, j: int) -> Mention | None:
        words = [_POSSESSIVE.sub("", t.text) for t in sentence.tokens[i:j]]
        if any(w in self.lex.raw["perpetrator_words_in_names"] for w in words):
            return self._mention(sentence, "perpetrator", i, j)
        org_role = self._org_role(words)
        while i < j - 1 and words[0] in ("The", "A", "An"):
            i, words = i + 1, words[1:]
        if org_role is None:
            while i < j and (
                words[0] in self.not_names or self.in_place[i] or words[0].lower() in _CONNECTORS
            ):
                i, words = i + 1, words[1:]
            cut = [k for k, w in enumerate(words) if w in self.not_names or self.in_place[i + k]]
            if cut:
                i, words = i + cut[-1] + 1, words[cut[-1] + 1 :]
            if not words or " ".join(words) in self.places or words[0][0].isdigit():
                return None
        name = " ".join(words)
        if name.lower() in self.lex.perpetrators.by_first and len(words) == 1:
            return self._mention(sentence, "perpetrator", i, j)
        single = len(words) == 1
        if org_role or (single and (_ACRONYM.match(name) or _DOMAIN.match(name))):
            role = org_role or ("media_outlet" if _DOMAIN.match(name) else None)
            key = self.aliases.get(name, (name, "organisation"))[0]
            mention = self._mention(sentence, "organisation", i, j, entity=key, role=role)
            if org_role:
                mention.role_span = (mention.start, mention.end)
            self._acronym(sentence, j, key)
            return mention
        if single and name in self.aliases:
            key, kind = self.aliases[name]
            return self._mention(sentence, kind, i, j, entity=key)
        for word in words if not single else ():
            if len(word) > 2:
                self.aliases.setdefault(word, (name, "person"))
        return self._mention(sentence, "person", i, j, entity=name)

    def _acronym(self, sentence: Sentence, j: int, key: str) -> None:
        """ "The Confederation ... (CITUK)": the acronym in brackets names the same organisation."""
        tokens = sentence.tokens
        if j + 2 < len(tokens) and tokens[j].text == "(" and tokens[j + 2].text == ")":
            self.aliases[tokens[j + 1].text] = (key, "organisation")

    def _pronouns(self, sentence: Sentence, covered: list[bool]) -> list[Mention]:
        found = []
        for i, token in enumerate(sentence.tokens):
            if token.lower in _PRONOUNS and not covered[i]:
                mention = self._mention(sentence, "pronoun", i, i + 1, plural=_PRONOUNS[token.lower])
                following = sentence.tokens[i + 1].lower if i + 1 < len(sentence.tokens) else ""
                owner = token.lower == "her" and following.isalpha() and following not in _NOT_NOUNS
                mention.possessive = token.lower in ("his", "their") or owner
                found.append(mention)
        return found


@component("incidents.mentions.en.v1", languages=("en",))
def mentions_en_v1(state: State) -> None:
    lex = lexicon("en")
    finder = MentionFinder(state, lex)
    for sentence in state.sentences:
        mentions = finder.sentence(sentence)
        find_groups(sentence, mentions, lex, state.text)
        state.mentions += mentions
