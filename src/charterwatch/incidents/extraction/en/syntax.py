"""English triggers and their victims from a dependency parse (spaCy), by lemma and construction.

Word order cannot tell who suffered an action in "Police detained the founder of outlet X, Y, and fined
him": the parse can. A trigger is any form of a verb or noun in ``data/frames_en.yaml`` (every tense, voice,
infinitive and nominalisation, because the lemma is matched), or a light-verb frame ("was given 15 days",
"placed under house arrest", "opened a case against"). Its victims are the passive subject, the active
object, the owner or the of/against phrase of a noun, and the subject of "faced"/"received"; coordinated
lists give one victim each, and a common noun with a named apposition ("its founder, Y") gives the person.

Only sentences with a trigger stem are parsed. Without spaCy's model the word-order rules (``triggers_en``,
``victims_en``) stay in force: this component then changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from charterwatch.incidents.extraction.en.constructions import (
    among_those,
    colon_list,
    companions,
    guilty_subjects,
    named_in_phrase,
    taken_to_custody,
)
from charterwatch.incidents.extraction.en.syntax_layers import lemma_table, set_entities, set_lemmas
from charterwatch.incidents.extraction.frames import Frames
from charterwatch.incidents.extraction.frames import frames as shared_frames
from charterwatch.incidents.extraction.lexicon import Lexicon, lexicon
from charterwatch.incidents.extraction.pipeline import Mention, Sentence, State, Trigger, component
from charterwatch.lang.en.syntax import english_parser

_MODALS = frozenset({"could", "may", "might", "would", "will", "should", "can", "must", "shall"})
_NEGATORS = frozenset({"not", "never", "n't", "no"})
_PRONOUNS = {"he": False, "him": False, "she": False, "her": False, "they": True, "them": True}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@cache
def frames() -> Frames:
    return shared_frames("en")


@cache
def trigger_words() -> re.Pattern[str]:
    """The inflected forms of every frame word: a sentence without one is not parsed."""
    fr = frames()
    forms = sorted({f for w in [*fr.verbs, *fr.nouns, *fr.hold_nouns] for f in inflections(w.split()[0])})
    return re.compile(r"\b(?:" + "|".join(map(re.escape, [*forms, *fr.irregular_forms])) + r")\b", re.I)


# "received nine years", "was given 15 days", "handed a two-year term": a light verb with a term
_TERM = re.compile(r"\b(?:receiv|give|gave|hand|got|get)\w*\b[^.;]{0,60}?\b(?:days?|months?|years?)\b", re.I)


def _worth_parsing(text: str) -> bool:
    return bool(trigger_words().search(text) or _TERM.search(text))


# "in detention", "since his arrest", "two days before his arrest": a state, or an event told as a landmark
_STATES = frozenset(
    {"in", "during", "from", "while", "since", "upon", "under", "without", "before", "after", "until"}
)


def inflections(lemma: str) -> set[str]:
    """The regular English forms of a verb or noun lemma: enough to decide whether a sentence needs parsing."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", stem + "ings", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if len(lemma) <= 4 and lemma[-1] not in "aeiouwy":  # ban -> banned
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _headline_passive(token: Any) -> bool:
    """ "Blogger X detained in Taraz": a headline drops the auxiliary, so a participle with a subject and no
    object is a passive."""
    children = list(token.children)
    return (
        token.tag_ in ("VBD", "VBN")
        and any(c.dep_ == "nsubj" for c in children)
        and not any(c.dep_ in ("dobj", "dative") for c in children)
    )


def _negated(token: Any) -> bool:
    """ "was not detained", "released without charge"; and "in detention", "during his arrest": a state
    or a reference to an event told elsewhere, not the event itself."""
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in _STATES:
        return token.head.head.lemma_.lower() not in ("place", "put", "take")  # "placed under arrest"
    heads = [token, token.head] if token.dep_ in ("xcomp", "conj", "pobj", "dobj") else [token]
    return any(c.dep_ == "neg" or c.lower_ in _NEGATORS for h in heads for c in h.children if c.i < token.i)


def _hypothetical(token: Any, fr: Frames) -> bool:
    """ "could be arrested", "faces up to five years", "threatened with arrest", "demanded his release"."""
    if token.dep_ == "acl" and token.head.lemma_ in fr.blockers:  # "her intention to bring a suit"
        return True
    verb = token
    while (
        verb.dep_ in ("pobj", "dobj", "prep", "xcomp", "acomp", "attr", "nsubj", "nsubjpass", "conj")
        and verb is not verb.head
    ):
        verb = verb.head
        if verb.lemma_ in fr.blockers:
            return True
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in (*token.children, *verb.children))


def _passive(token: Any) -> bool:
    children = list(token.children)
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
        return True
    own_subject = any(c.dep_ in _SUBJECT_DEPS for c in children)
    if token.dep_ == "conj" and not own_subject and token.head.pos_ in ("VERB", "AUX"):
        return _passive(token.head)  # "were found guilty and fined": one auxiliary for both
    return bool(token.dep_ == "acl" and token.tag_ == "VBN")  # "a journalist detained on Monday"


class SentenceParse:
    """One parsed sentence: finds its triggers and links each to the mentions of the pipeline."""

    def __init__(
        self, state: State, sentence: Sentence, doc: Any, mentions: list[Mention], lex: Lexicon, skip: int = 0
    ) -> None:
        self.state, self.sentence, self.doc, self.lex, self.fr = state, sentence, doc, lex, frames()
        self.mentions = mentions
        self.base = sentence.start + skip  # the doc's offset 0 in the text
        self.rejected: list[tuple[int, int]] = []  # words the parse read as negated or hypothetical

    def triggers(self) -> list[Trigger]:
        found: list[Trigger] = []
        for token in self.doc:
            hit = self._action(token)
            if hit is None:
                continue
            action, form, head = hit
            if _negated(token) or _hypothetical(token, self.fr):
                start = self.base + token.idx
                self.rejected.append((start, start + len(token.text)))
                continue
            trigger = self._trigger(action, form, token)
            trigger.victims = self._victims(head, form, token, action)
            trigger.perpetrator = self._agent(head, form)
            trigger.phrase = self._phrase(token, trigger.victims)
            found.append(trigger)
        return found

    def _action(self, token: Any) -> tuple[str, str, Any] | None:
        fr, lemma = self.fr, _lemma(token, self.fr)
        if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBD", "VBG"):
            if token.dep_ == "amod":  # "the detained journalist": a description, not an event told here
                return None
            if lemma == "find" and any(c.lower_ == "guilty" for c in token.children) and token.tag_ != "VBG":
                return "sentence", "passive" if _passive(token) else "active", token
            action = fr.verbs.get(lemma) or fr.verbs.get(f"{lemma} {_particle(token)}")
            if action is None and lemma in fr.light_verbs:
                return self._light_verb(token)
            if action is None:
                return None
            passive = _passive(token) or (self.sentence.heading and _headline_passive(token))
            if lemma in fr.passive_only and not passive:
                return None
            finite_passive = any(c.dep_ == "auxpass" for c in token.children)  # not "people accused of X"
            if lemma in fr.state_agent and not self._state_subject(token) and not finite_passive:
                return None
            return _refine(action, token), "passive" if passive else "active", token
        if token.pos_ in ("NOUN", "PROPN") and lemma in fr.nouns:
            action = fr.nouns[lemma]
            needed = fr.needs_modifier.get(lemma)
            if needed and not any(c.lemma_.lower() in needed for c in token.children):
                return None
            return _refine(action, token), "nominal", token
        return None

    def _state_subject(self, verb: Any) -> bool:
        """Whether the subject of ``verb`` is the state: police, a court, prosecutors, a security service."""
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            start = self.base + subject.idx
            if any(m.kind == "perpetrator" and m.start <= start < m.end for m in self.mentions):
                return True
        return False

    def _light_verb(self, token: Any) -> tuple[str, str, Any] | None:
        """ "placed under house arrest", "was given 15 days", "received a fine", "taken into custody"."""
        if token.lemma_.lower() in ("take", "bring") and taken_to_custody(token, self.fr.custody_places):
            return "detention", "passive" if _passive(token) else "active", token
        for child in token.children:
            objects = [child] if child.dep_ in ("dobj", "attr") else []
            if child.dep_ == "prep":
                objects = [g for g in child.children if g.dep_ == "pobj"]
            for obj in objects:
                lemma = obj.lemma_.lower()
                action = self.fr.hold_nouns.get(lemma) or self.fr.nouns.get(lemma)
                if action is None and lemma in ("day", "year", "month"):
                    action = "administrative_arrest" if lemma == "day" else "sentence"
                if action:
                    return _refine(action, obj), "passive" if _passive(token) else "active", token
        return None

    def _trigger(self, action: str, form: str, token: Any) -> Trigger:
        start, end = self.base + token.idx, self.base + token.idx + len(token.text)
        t0 = next((k for k, t in enumerate(self.sentence.tokens) if t.end > start), 0)
        t1 = next(
            (k for k, t in enumerate(self.sentence.tokens) if t.start >= end), len(self.sentence.tokens)
        )
        return Trigger(action, start, end, self.sentence.index, t0, max(t1, t0 + 1), form)

    def _victims(self, head: Any, form: str, token: Any, action: str = "") -> list[Mention]:
        heads = _listed_members(head) or self._argument_heads(head, form, token)
        if heads and form != "nominal":
            heads += companions(head)
        victims: list[Mention] = []
        for candidate in [u for h in heads for u in _unwrap(h)]:
            listed = colon_list(candidate, self.mentions, self.base) or named_in_phrase(
                candidate, self.mentions, self.base
            )
            if listed and not action_of_things(token, self.fr):  # people are not closed or blocked
                victims += [m for m in listed if all(m is not v for v in victims)]
                continue
            for member in _one_person(_members(_named_apposition(candidate))):
                mention = self._mention(_named_apposition(self._owner(member)))
                if mention is not None and mention.kind == "pronoun" and member.tag_ == "PRP$":
                    mention = self._reflexive(member, token) or mention
                if mention is not None and mention.kind == "person" and action_of_things(token, self.fr):
                    if member.ent_type_ == "PERSON":
                        continue  # a person is not closed, blocked or inspected: the parse strayed
                    mention = replace(mention, kind="organisation")  # a title: "Ashyq Alan" is a newspaper
                if mention is not None and mention.kind == "organisation" and action in _PEOPLE_ONLY:
                    mention = self._member_of(member)  # "journalists of outlet X arrested": not X
                if mention is not None and all(mention is not v for v in victims):
                    victims.append(mention)
        return victims

    def _member_of(self, organisation: Any) -> Mention | None:
        """The people an organisation is named for ("six journalists of outlet X"), when the parse hung the
        action on the organisation: an outlet is not detained or sentenced, its people are."""
        owner = organisation.head
        if organisation.dep_ == "pobj" and owner.lower_ == "of" and owner.head.pos_ in ("NOUN", "NUM"):
            found = self._mention(owner.head)
            return found if found is not None and found.kind != "organisation" else None
        return None

    def _argument_heads(self, head: Any, form: str, token: Any) -> list[Any]:
        if form == "passive":
            among = among_those(head)
            if among:
                return among
            subjects = [c for c in head.children if c.dep_ in ("nsubjpass", "nsubj")]
            relative = [s for s in subjects if s.lower_ in ("who", "which", "that", "whom")]
            if (not subjects or relative) and head.dep_ in ("acl", "relcl"):
                return [head.head]  # "a blogger detained on Monday", "X, who was detained on Monday"
            if not subjects and head.dep_ == "xcomp":  # "X appeared to have been detained"
                return [c for c in head.head.children if c.dep_ in _SUBJECT_DEPS]
            if not subjects and head.dep_ == "conj":
                return self._argument_heads(head.head, "passive" if _passive(head.head) else "active", token)
            if not subjects and head.dep_ in ("pcomp", "advcl"):  # "... before being detained"
                return _clause_subject(head)
            return subjects
        if form == "active":
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if head.lemma_.lower() == "find":
                objects += guilty_subjects(head)
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("against", "on")):
                objects += [g for g in prep.children if g.dep_ == "pobj"]
            if not objects and head.dep_ == "conj":
                objects = [c for c in head.head.children if c.dep_ == "dobj"]
            receives = head.lemma_.lower() in ("receive", "get", "face", "undergo", "suffer", "serve")
            if receives:  # light verb: the subject receives ("X received a fine")
                return [c for c in head.children if c.dep_ in _SUBJECT_DEPS]
            return objects
        return self._nominal_heads(token)

    def _nominal_heads(self, token: Any) -> list[Any]:
        """Owner, of/against phrase, or the subject of the verb the noun is the object of."""
        plaintiff = token.lemma_.lower() in ("lawsuit", "suit")  # "X's lawsuit against Y": Y suffers it
        heads = [] if plaintiff else [c for c in token.children if c.dep_ == "poss"]
        for prep in (c for c in token.children if c.dep_ == "prep"):
            if prep.lower_ in ("of", "against", "on", "into", "at", "for") and (
                prep.lower_ != "for" or token.lemma_ in ("warrant",)
            ):
                heads += [g for g in prep.children if g.dep_ == "pobj"]
        if heads:
            return heads
        verb = token.head
        if token.dep_ == "pobj" and verb.dep_ == "prep":  # "placed under arrest"
            verb = verb.head
            if verb.pos_ == "VERB":
                return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            return []
        if token.dep_ in ("dobj", "attr") and verb.lemma_.lower() in (
            "face", "receive", "get", "undergo", "suffer", "serve", "endure",
        ):  # fmt: skip
            return [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        return []

    def _reflexive(self, pronoun: Any, trigger: Any) -> Mention | None:
        """ "X was notified of its closure", "X said his arrest...": the owner is the clause's subject."""
        for subject in _clause_subject(trigger):
            if subject.i == pronoun.i or subject.tag_ in ("PRP", "PRP$"):
                continue
            mention = self._mention(_named_apposition(subject))
            wanted = "organisation" if pronoun.lower_ == "its" else "person"
            if mention is not None and mention.kind == wanted:
                return mention
        return None

    def _phrase(self, token: Any, victims: list[Mention]) -> tuple[int, int] | None:
        """The action with its manner, place, time and agent: "briefly detained outside the mosque"."""
        left = min([token, *(c for c in token.lefts if c.dep_ in ("advmod", "neg"))], key=lambda t: t.i)
        right = token
        for child in token.rights:
            if child.dep_ in _PHRASE_STOPS or child.is_punct:
                break
            right = max([right, *child.subtree], key=lambda t: t.i)
        if right.i - left.i > _PHRASE_WORDS:
            right = self.doc[left.i + _PHRASE_WORDS]
        start, end = self.base + left.idx, self.base + right.idx + len(right.text)
        if any(v.start <= start and end <= v.end for v in victims):
            return None
        return start, end

    def _agent(self, head: Any, form: str) -> Mention | None:
        """Who acted: the by-phrase of a passive or a noun, the subject of an active verb."""
        if form == "active":
            agents = [c for c in head.children if c.dep_ == "nsubj"]
        else:
            agents = [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for agent in agents:
            start = self.base + agent.idx
            for mention in self.mentions:
                if mention.kind == "perpetrator" and mention.start <= start < mention.end:
                    return mention
        return None

    def _owner(self, token: Any) -> Any:
        """ "searched X's home" -> X; "the offices of outlet X" -> X."""
        if token.lemma_.lower() in self.fr.owned:
            owners = [c for c in token.children if c.dep_ == "poss"]
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                owners += [g for g in prep.children if g.dep_ == "pobj"]
            if owners:
                return owners[0]
        return token

    def _mention(self, token: Any) -> Mention | None:
        """The pipeline's mention at ``token`` (a name, role, group or pronoun), else one made from the parse."""
        if token.ent_type_ in _NOT_VICTIMS or token.lemma_.lower() in _TIME_WORDS:
            return None
        start = self.base + token.idx
        covering = [m for m in self.mentions if m.start <= start < max(m.end, m.start + 1)]
        named = [m for m in covering if m.kind in ("person", "organisation", "group", "pronoun", "definite")]
        if named:
            mention = named[0]
            place_or_time = mention.kind == "person" and token.ent_type_ in _NOT_PEOPLE
            return mention if not mention.modifier and not place_or_time else None
        if token.lower_ in _PRONOUNS or token.lower_ in ("his", "their", "its"):
            return self._new("pronoun", token, token, plural=token.lower_ in ("they", "them", "their"))
        if token.ent_type_ == "PERSON":
            span = _entity(token)
            return self._new("person", span[0], span[-1], entity=" ".join(t.text for t in span))
        if _counted_pronoun(token):  # "all five were taken", "both were fined"
            first = min(
                [token, *(c for c in token.children if c.dep_ in ("det", "predet"))], key=lambda t: t.i
            )
            return self._new("pronoun", first, token, plural=True)  # who: coref.counted_set
        if token.pos_ == "NOUN" and token.tag_ == "NNS":
            return self._group(token)
        if token.pos_ == "NOUN" and any(c.lower_ == "the" for c in token.children):
            roles = [m for m in covering if m.kind == "role"]
            if roles:
                return self._new("definite", token, token, role=roles[0].role)
        return None

    def _group(self, token: Any) -> Mention | None:
        """A plural noun phrase counted or made definite ("at least 40 protesters", "the women")."""
        marks = [c for c in token.children if c.dep_ in ("nummod", "det", "quantmod", "amod", "compound")]
        if not any(c.dep_ in ("nummod", "det") or c.like_num for c in marks) and not any(
            m.kind == "role" for m in self.mentions if m.start <= self.base + token.idx < m.end
        ):
            return None
        if token.lemma_.lower() in self.fr.owned or any(
            m.kind == "perpetrator" for m in self.mentions if m.start <= self.base + token.idx < m.end
        ):
            return None
        left = min([token, *[c for c in marks if c.i < token.i]], key=lambda t: t.i)
        left = min([left, *[g for c in marks for g in c.subtree if g.i < token.i]], key=lambda t: t.i)
        if left.dep_ == "det" and left.lower_ in ("the", "these", "those"):
            left = left.nbor() if left.i + 1 <= token.i else left
        roles = [m for m in self.mentions if m.kind == "role" and m.start <= self.base + token.idx < m.end]
        return self._new("group", left, token, plural=True, role=roles[0].role if roles else None)

    def _new(self, kind: str, first: Any, last: Any, **extra: Any) -> Mention:
        start, end = self.base + first.idx, self.base + last.idx + len(last.text)
        tokens = self.sentence.tokens
        t0 = next((k for k, t in enumerate(tokens) if t.end > start), 0)
        t1 = next((k for k, t in enumerate(tokens) if t.start >= end), len(tokens))
        mention = Mention(
            kind, start, end, self.sentence.index, t0, max(t1, t0 + 1), self.state.text[start:end]
        )
        for key, value in extra.items():
            setattr(mention, key, value)
        if kind == "person" and mention.role is None:
            mention.role = _role_nearby(self.mentions, mention)
            if mention.role:
                role = next(m for m in self.mentions if m.kind == "role" and m.role == mention.role)
                mention.role_span = (role.start, role.end)
        return mention


def _counted_pronoun(token: Any) -> bool:
    """A number or "both" standing for people told before ("all five", "the two", "both")."""
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj") or (
        token.i + 1 < len(token.doc) and token.nbor().lower_ == "of"
    ):
        return False
    if token.lower_ == "both":
        return True
    return token.pos_ == "NUM" and any(c.lower_ in ("all", "the", "those", "these") for c in token.children)


def action_of_things(token: Any, fr: Frames) -> bool:
    lemma = _lemma(token, fr)
    return fr.verbs.get(lemma, fr.nouns.get(lemma)) in _THINGS_ONLY


def _lemma(token: Any, fr: Frames) -> str:
    """spaCy's lemma, or the word less its inflection where the small model errs ("fined" -> "fin")."""
    lemma = str(token.lemma_).lower()
    if lemma in fr.verbs or lemma in fr.nouns or lemma in fr.light_verbs:
        return lemma
    word = str(token.lower_)
    for ending, repl in (
        ("ied", "y"),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(ending) and (word[: -len(ending)] + repl) in fr.verbs:
            return word[: -len(ending)] + repl
    return lemma


_DATELINE = re.compile(r"^[A-Z][A-Z.' -]+(?:,\s*[A-Z][\w .]+)?\s*(?:\([^)]*\))?\s*(?:--|—|–|-)\s*")


def dateline_length(text: str) -> int:
    """ "ALMATY, Kazakhstan -- A journalist was...": the dateline is no part of the sentence's grammar."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def _particle(token: Any) -> str:
    return next((c.lower_ for c in token.children if c.dep_ == "prt"), "")


def _refine(action: str, token: Any) -> str:
    """ "sentenced to 10 days" is an administrative arrest; "found guilty" a sentence."""
    if action == "sentence":
        for t in token.subtree:
            if t.lemma_.lower() == "day" and t.i > token.i:
                return "administrative_arrest"
            if t.lemma_.lower() in ("year", "month") and t.i > token.i:
                return "sentence"
    return action


# actions only people suffer: an organisation named as their victim is the parse's mistake
_PEOPLE_ONLY = frozenset({"detention", "arrest", "administrative_arrest", "sentence", "ill_treatment"})
_TITLE_CASE_WORDS = frozenset({"In", "Of", "For", "To", "On", "At", "By", "With", "From", "After", "Over"})
_THINGS_ONLY = frozenset({"closure", "blocking", "inspection"})
_PHRASE_STOPS = frozenset({"conj", "cc", "advcl", "relcl", "ccomp", "parataxis", "mark", "punct"})
_PHRASE_WORDS = 14
_NOT_VICTIMS = frozenset(
    {"DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL", "GPE", "LOC"}
)
_NOT_PEOPLE = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME", "FAC", "EVENT", "LANGUAGE", "LAW"})
_TIME_WORDS = frozenset({"day", "hour", "month", "year", "week", "time", "evening", "morning", "night"})


def _unwrap(token: Any) -> list[Any]:
    """ "access to X" -> X; "a number of websites, including X and Y" -> the websites, X and Y."""
    lemma = token.lemma_.lower()
    inner = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if lemma == "access" and inner:
        return [u for i in inner for u in _unwrap(i)]
    if lemma in ("number", "group", "dozen", "couple", "handful", "score") and inner:
        token = inner[0]
    listed = [
        g
        for c in token.subtree
        if c.dep_ == "prep" and c.lower_ in ("including", "like")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return listed or [token]


def _listed_members(verb: Any) -> list[Any]:
    """ "detained 20 protesters on Saturday, including X": "including" hung on the verb names the members."""
    return [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("including",)
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _named_apposition(token: Any) -> Any:
    """ "its founder, Y" and "three friends, X, Y and Z": the named apposition stands for the noun."""
    if token.pos_ != "NOUN":
        return token
    named = [
        c
        for c in token.children
        if c.dep_ == "appos" and (c.ent_type_ in ("PERSON", "ORG") or c.pos_ == "PROPN")
    ]
    if not named:  # "the editor of the X newspaper, Y": the parser may hang Y on the noun after "of"
        owners = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        named = [a for o in owners for a in o.children if a.dep_ == "appos" and a.ent_type_ == "PERSON"]
    if not named:  # "the outlet X"
        named = [c for c in token.children if c.dep_ == "compound" and c.ent_type_ == "ORG"]
    return named[0] if named else token


def _clause_subject(verb: Any) -> list[Any]:
    """The subject of the nearest clause above a non-finite one ("X unfurled it before being detained")."""
    head = verb
    for _ in range(6):
        if head.head is head:
            break
        head = head.head
        subjects = [c for c in head.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            return subjects
    return []


def _one_person(members: list[Any]) -> list[Any]:
    """ "Nobel laureate and political prisoner X": descriptions coordinated with one name are that person."""
    named = [m for m in members if m.pos_ == "PROPN" or _named_apposition(m) is not m]
    if len(named) == 1 and all(m.pos_ == "NOUN" and m.tag_ == "NN" for m in members if m not in named):
        return [_named_apposition(named[0])]
    return members


def _members(token: Any) -> list[Any]:
    """ "X, Y and Z": every conjunct of the head."""
    found, todo = [], [token]
    while todo:
        t = todo.pop(0)
        found.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return found


def _entity(token: Any) -> list[Any]:
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return list(ent)
    return [token]


def _role_nearby(mentions: list[Mention], person: Mention) -> str | None:
    roles = [m for m in mentions if m.kind == "role" and abs(m.end - person.start) < 4]
    return roles[0].role if roles else None


@component("incidents.syntax.en.v1", languages=("en",))
def syntax_en_v1(state: State) -> None:
    """Replaces the word-order triggers of each sentence that parses with the parse's triggers."""
    if english_parser() is None:
        return
    fr, lex = frames(), lexicon("en")
    by_sentence: dict[int, list[Mention]] = {}
    for mention in state.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    # headlines and captions too: they are evidence, and dedup folds them into the body's telling
    chosen = [s for s in state.sentences if _worth_parsing(state.text[s.start : s.end])]
    if not chosen:
        return
    from charterwatch.lang.en.syntax import parse

    skips = [dateline_length(state.text[s.start : s.end]) for s in chosen]
    texts = (state.text[s.start + skip : s.end] for s, skip in zip(chosen, skips, strict=True))
    kept: list[Trigger] = []
    rejected: list[tuple[int, int]] = []
    words = {*fr.verbs, *fr.nouns, *fr.light_verbs, *fr.hold_nouns, *fr.owned, *fr.custody_places}
    table = lemma_table(tuple(sorted(words)))
    for sentence, skip, doc in zip(chosen, skips, parse(texts), strict=True):
        mentions = by_sentence.get(sentence.index, [])
        for mention in mentions:  # "ALMATY, Kazakhstan --" names where the story was filed, nobody's victim
            if mention.start < sentence.start + skip and mention.kind in ("person", "organisation"):
                mention.kind = "other"
        _confirm_people(mentions, doc, sentence.start + skip, state)
        set_lemmas(doc, table)
        set_entities(doc, state, mentions, sentence.start + skip)
        parsed = SentenceParse(state, sentence, doc, mentions, lex, skip)
        kept += parsed.triggers()
        rejected += parsed.rejected
    # the word-order rules stay as the fallback where the parse linked no victim to the same words
    told = [t for t in kept if t.victims]
    # nor where the parse read the words as negated or hypothetical ("he can be sentenced")
    told += [
        t
        for t in state.triggers
        if not any(_overlap(t, k) for k in told) and not any(t.start < e and s < t.end for s, e in rejected)
    ]
    for trigger in told:  # "Newspaper Banned In First Of Dozens": a title-case run of words is no name
        trigger.victims = [v for v in trigger.victims if not _TITLE_CASE_WORDS & set(v.text.split())]
    for trigger in told:  # an organisation is not detained or sentenced, whatever the word order says
        if trigger.action in _PEOPLE_ONLY:
            trigger.victims = [v for v in trigger.victims if v.kind != "organisation"]
        elif trigger.action in _THINGS_ONLY:  # nor a person closed: one capitalised word is a title
            trigger.victims = [
                replace(v, kind="organisation") if v.kind == "person" else v
                for v in trigger.victims
                if v.kind != "person" or len(v.text.split()) == 1
            ]
    told = [t for t in told if t.victims]
    # an action told of nobody in particular still dates the story ("the convictions on 28 November")
    told += [t for t in kept if not t.victims and not any(_overlap(t, k) for k in told)]
    state.triggers = sorted(told, key=lambda t: t.start)


def _confirm_people(mentions: list[Mention], doc: Any, base: int, state: State) -> None:
    """A capitalised word that is a place, a date or no name at all ("Today", "Two", "You") is no person."""
    for mention in mentions:
        if mention.kind != "person" or mention.start < base:
            continue
        tokens = [t for t in doc if mention.start <= base + t.idx < mention.end]
        placed = any(p.start <= mention.start < p.end for p in state.places)
        dated = any(d.start <= mention.start < d.end for d in state.dates)
        if tokens and (placed or dated or all(t.pos_ not in ("PROPN", "X") for t in tokens)):
            mention.kind = "other"


def _overlap(a: Trigger, b: Trigger) -> bool:
    return a.start < b.end and b.start < a.end
