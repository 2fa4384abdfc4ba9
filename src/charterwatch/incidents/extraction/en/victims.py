"""Links each English trigger to its victims (and its agent) by the trigger's voice.

No parser: the subject of a passive verb is the nearest victim-like mention before it in the same clause, the
object of an active verb the first one after it, and a noun takes the owner ("his arrest", "CITUK's closure"),
the "of"/"against" phrase ("criminal cases against X") or the subject of "faced"/"faces". A list ("X, Y and
Z", "activists, including X and Y") links every member.
"""

from __future__ import annotations

from charterwatch.incidents.extraction.lexicon import Lexicon, lexicon
from charterwatch.incidents.extraction.pipeline import Mention, Sentence, State, Trigger, component

VICTIM_KINDS = frozenset({"person", "organisation", "group", "pronoun", "definite"})
_LIST_GAP = frozenset({",", "and", "as", "well", "including", "–", "-", "(", ")", "the", "a", "an", "its", "their",
                       "his", "her", "homes", "home", "office", "offices", "of", "premises", "another", "both"})  # fmt: skip
_OWNED = frozenset({"home", "homes", "office", "offices", "house", "apartment", "flat", "premises", "website",
                    "account", "accounts", "page", "editorial"})  # fmt: skip


class Linker:
    def __init__(self, sentence: Sentence, mentions: list[Mention], lex: Lexicon) -> None:
        self.sentence = sentence
        self.words = sentence.words
        self.lex = lex
        self.breaks = lex.words("clause_breaks")
        self.stops = lex.words("object_stops")
        self.leaders = lex.words("leader_words")
        self.mentions = [m for m in mentions if m.kind in VICTIM_KINDS and not m.modifier]
        self.perpetrators = [m for m in mentions if m.kind == "perpetrator"]
        self.role_tokens = {i for m in mentions if m.kind == "role" for i in range(m.t0, m.t1)}
        self.relative_clauses = _relative_clauses(self.words)

    def link(self, trigger: Trigger) -> None:
        if trigger.form == "passive" or self._reduced_passive(trigger):
            trigger.victims = self._subject(trigger.t0)
            trigger.perpetrator = self._agent_after(trigger.t1)
        elif trigger.form == "active":
            trigger.victims = self._object(self._skip_access(trigger.t1))
            trigger.perpetrator = self._agent_before(trigger.t0)
        else:
            trigger.victims = self._nominal(trigger)
            trigger.perpetrator = self._agent_after(trigger.t1)

    def _skip_access(self, t1: int) -> int:
        """ "blocked access to (the website of) X": the victim is X."""
        return t1 + 2 if self.words[t1 : t1 + 2] == ["access", "to"] else t1

    def _reduced_passive(self, trigger: Trigger) -> bool:
        return trigger.form == "active" and self.words[trigger.t1 : trigger.t1 + 1] == ["by"]

    def _subject(self, t0: int) -> list[Mention]:
        """The nearest victim-like mention before ``t0`` in the same clause, with the list it closes."""
        inside = self.relative_clauses if t0 not in self.relative_clauses else set()
        before = [m for m in self.mentions if m.t1 <= t0 and m.t0 not in inside]
        for mention in reversed(before):
            gap = [w for k, w in enumerate(self.words[mention.t1 : t0], mention.t1) if k not in inside]
            opener = 1 if gap[:1] == [","] else 0
            relative = gap[opener : opener + 1] in (["who"], ["which"])
            named = mention.kind in ("person", "organisation")
            if relative and named and not any(w in self.breaks for w in gap[opener + 1 :]):
                return [mention]  # "X, who was detained on 5 May, ...": X
            if any(w in self.breaks for w in gap):
                return []
            if mention.kind == "pronoun" and mention.possessive:
                continue
            return self._list(mention, before, backwards=True)
        return []

    def _object(self, t1: int) -> list[Mention]:
        after = [m for m in self.mentions if m.t0 >= t1]
        for mention in after:
            gap = [w for k, w in enumerate(self.words[t1 : mention.t0], t1) if k not in self.role_tokens]
            if len(gap) > 8 or any(w in self.stops for w in gap):
                return []
            if mention.kind == "definite" and self.words[mention.t1 : mention.t1 + 1] == ["of"]:
                continue  # "the website of X": X is the victim
            if mention.possessive and self.words[mention.t1 : mention.t1 + 1] and not self._owns(mention):
                if mention.kind == "pronoun":
                    continue  # "the home of her colleague, journalist X": X is the victim
                return []
            return self._list(mention, after, backwards=False) + self._including(mention, after)
        return []

    def _including(self, first: Mention, after: list[Mention]) -> list[Mention]:
        """ "detained 20 protesters in Almaty on Saturday, including activist X": X too."""
        words = self.words
        if "including" not in words[first.t1 :]:
            return []
        k = words.index("including", first.t1)
        if any(w in self.breaks for w in words[first.t1 : k]):
            return []
        rest = [m for m in after if m.t0 > k and m.kind in ("person", "organisation")]
        if not rest or any(w in self.stops for w in words[k + 1 : rest[0].t0] if w not in (",",)):
            return []
        members = self._list(rest[0], [m for m in after if m.t0 > k], backwards=False)
        return [m for m in members if m not in self._list(first, after, backwards=False)]

    def _owns(self, mention: Mention) -> bool:
        """ "Kharlamov's home": a search of what someone owns is done to them."""
        following = self.words[mention.t1 : mention.t1 + 2]
        return any(w in _OWNED for w in following)

    def _list(self, first: Mention, pool: list[Mention], *, backwards: bool) -> list[Mention]:
        members = [first]
        ordered = list(reversed(pool)) if backwards else pool
        index = ordered.index(first)
        for mention in ordered[index + 1 :]:
            last = members[-1]
            lo, hi = (mention.t1, last.t0) if backwards else (last.t1, mention.t0)
            if backwards and any(k in self.role_tokens for k in range(lo, hi)):
                break  # "trade union leaders, X and Y": the role heads the list
            gap = [w for k, w in enumerate(self.words[lo:hi], lo) if k not in self.role_tokens]
            if len(gap) > 10 or not all(
                w in _LIST_GAP or w in self.leaders or w.endswith("-based") for w in gap
            ):
                break
            if not any(w in (",", "and", "including", "(", "–") for w in gap) or mention.kind == "pronoun":
                break
            if mention.entity is None or all(m.entity != mention.entity for m in members):
                members.append(mention)
        return [m for m in members if not (m.kind == "pronoun" and m.possessive and m.plural)]

    def _nominal(self, trigger: Trigger) -> list[Mention]:
        t0, t1, words = trigger.t0, trigger.t1, self.words
        owner = [m for m in self.mentions if m.t1 in (t0, t0 - 1) and (m.possessive or m.kind == "pronoun")]
        if owner and (owner[-1].possessive or words[owner[-1].t0] in ("his", "her", "their")):
            return owner[-1:]
        suffer = self._suffer_verb(t0)
        if suffer is not None:
            return self._subject(suffer)
        if words[t1 : t1 + 1] == ["of"]:
            return self._object(t1 + 1)
        if "against" in words[t1 : t1 + 9]:
            k = words.index("against", t1)
            if not any(w in self.breaks for w in words[t1:k]):
                return self._object(k + 1)
        return []

    def _suffer_verb(self, t0: int) -> int | None:
        """The start of "faced", "faces", "is facing", "being subjected to" up to three words before ``t0``."""
        for k in range(t0 - 1, max(t0 - 5, -1), -1):
            hit = self.lex.suffer_verbs.match(self.words, k)
            if hit and k + hit[0] <= t0:
                if self.words[k] == "facing" and (
                    k == 0 or self.words[k - 1] not in ("is", "are", "was", "were")
                ):
                    return None
                return k
            if self.words[k] in self.breaks:
                return None
        return None

    def _agent_after(self, t1: int) -> Mention | None:
        for m in self.perpetrators:
            if t1 <= m.t0 <= t1 + 4 and any(w in ("by", "from") for w in self.words[t1 : m.t0]):
                return m
        return None

    def _agent_before(self, t0: int) -> Mention | None:
        before = [m for m in self.perpetrators if m.t1 <= t0 and t0 - m.t1 <= 4]
        return before[-1] if before else None


def _relative_clauses(words: list[str]) -> set[int]:
    """Token indices inside ", who ... ,", ", which ... ," and ", a/the ... ," (an apposition): their nouns are
    not the main clause's subject."""
    inside: set[int] = set()
    for k, word in enumerate(words):
        appositive = word in ("a", "an", "the") and k > 1 and words[k - 1] == "," and words[k - 2] != "and"
        if (word in ("who", "which", "whose", "whom") or appositive) and k > 0 and words[k - 1] == ",":
            end = words.index(",", k) if "," in words[k:] else len(words)
            inside.update(range(k, end))
    return inside


@component("incidents.victims.en.v1", languages=("en",))
def victims_en_v1(state: State) -> None:
    lex = lexicon("en")
    by_sentence: dict[int, list[Mention]] = {}
    for mention in state.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for trigger in state.triggers:
        sentence = state.sentences[trigger.sentence]
        Linker(sentence, by_sentence.get(sentence.index, []), lex).link(trigger)
