"""Russian triggers and their victims from natasha's dependency parse (Universal Dependencies relations).

The word-order rules cannot see that in "задержаны активисты X и Y" the victims follow the verb, or that in
"суд арестовал журналиста на 10 суток" the arrest is administrative. The parse can: the victim is the
passive subject (``nsubj:pass``, or ``nsubj`` of a short participle), the object of an active verb
(``obj``, also before the verb: "Журналиста задержали"), the genitive of a noun ("задержание активиста"),
or the subject of "получить" ("получил 10 суток"); a name hung on a role noun ("активисты X и Y") and
coordinated names each give a victim; "в отношении X" and "против X" name the target in any voice, a
dative the one a fine or charge is given to. Triggers and light-verb frames ("назначил 10 суток", "признал
виновным", "возбудили уголовное дело") are lemmas in ``data/frames_ru.yaml``.

The word-order triggers stay wherever the parse linked no victim to the same words.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from charterwatch.incidents.extraction.frames import Frames
from charterwatch.incidents.extraction.frames import frames as shared_frames
from charterwatch.incidents.extraction.lexicon import lexicon
from charterwatch.incidents.extraction.pipeline import Mention, Sentence, State, Trigger, Word, component
from charterwatch.incidents.extraction.ru.story import (
    groups_told_by_names,
    members_of_groups,
    named_role_nouns,
)

_NEGATORS = frozenset({"не", "без"})
_DAYS = frozenset({"сутки"})
_YEARS = frozenset({"год", "лет", "месяц"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_PHRASE_STOPS = frozenset(
    {"nsubj", "nsubj:pass", "conj", "cc", "punct", "parataxis", "advcl", "mark", "ccomp"}
)
_NOT_OF_PEOPLE = frozenset({"closure", "blocking", "inspection"})
_ORGANISATION_ROLES = frozenset({"ngo", "trade_union", "media_outlet", "website"})
_COUNTING_NOUNS = frozenset({"ряд", "группа", "часть", "десяток", "сотня", "несколько"})
_CASES = {"Nom": "nomn", "Gen": "gent", "Acc": "accs", "Dat": "datv", "Ins": "ablt", "Loc": "loct"}
_NOT_VICTIMS = frozenset({"сутки", "год", "месяц", "день", "час", "тенге", "рубль", "мрп", "сумма", "штраф"})


def frames() -> Frames:
    return shared_frames("ru")


class RussianParse:
    def __init__(self, state: State, sentence: Sentence, words: list[Word], mentions: list[Mention]) -> None:
        self.state, self.sentence, self.words, self.mentions = state, sentence, words, mentions
        self.fr = frames()
        self.by_index = {w.index: w for w in words}
        self.children: dict[int, list[Word]] = {}
        for word in words:
            self.children.setdefault(word.head, []).append(word)

    def kids(self, word: Word, *rels: str) -> list[Word]:
        return [c for c in self.children.get(word.index, []) if not rels or c.rel in rels]

    def triggers(self) -> list[Trigger]:
        found = []
        for word in self.words:
            hit = self._action(word)
            if hit is None or self._blocked(word):
                continue
            action, form = hit
            victims: list[Mention] = []
            for head in self._arguments(word, form):
                role = self._role_of(head)
                for member in self._members(head):
                    mention = self._mention(member)
                    if mention is not None and mention.kind == "person" and role and mention.role is None:
                        mention.role, mention.role_span = (
                            role.role,
                            (role.start, role.end),
                        )  # "активистов X, Y"
                    if mention is not None and all(mention is not v for v in victims):
                        if mention.kind == "person":  # the parse knows the case better than the tagger
                            mention.case = self._told_case(member) or mention.case
                        victims.append(mention)
            if action in _NOT_OF_PEOPLE:  # a person is not closed or blocked: the parse strayed
                victims = [v for v in victims if _closable(v)]
            if victims:
                trigger = self._trigger(action, form, word)
                trigger.victims = victims
                trigger.phrase = self._phrase(word, victims)
                found.append(trigger)
        return found

    def _phrase(self, word: Word, victims: list[Mention]) -> tuple[int, int] | None:
        """The action with its manner, place, time and term: "задержали у здания акимата на три часа"."""
        kept = [word]
        todo = [c for c in self.kids(word) if c.rel not in _PHRASE_STOPS]
        while todo:
            child = todo.pop()
            kept.append(child)
            todo += [c for c in self.kids(child) if c.rel not in ("punct", "parataxis", "acl:relcl")]
        kept.sort(key=lambda w: w.start)
        at = kept.index(word)
        left, right = at, at  # the unbroken run of kept words around the action, cut at punctuation
        while (
            left > 0
            and kept[left - 1].index == kept[left].index - 1
            and word.index - kept[left - 1].index < 3
        ):
            left -= 1
        while right + 1 < len(kept) and kept[right + 1].index == kept[right].index + 1 and right - at < 14:
            right += 1
        start, end = kept[left].start, kept[right].end
        if any(v.start <= start and end <= v.end for v in victims):
            return None
        return start, end

    def _action(self, word: Word) -> tuple[str, str] | None:
        fr = self.fr
        if word.pos in ("VERB", "AUX") and (word.rel not in ("amod", "acl") or self._participle_phrase(word)):
            passive = word.feats.get("Voice") == "Pass" or word.feats.get("VerbForm") == "Part"
            action = fr.verbs.get(word.lemma)
            reflexive = word.lemma.endswith(("ся", "сь")) and word.feats.get("Voice") == "Pass"
            if action is None and reflexive:  # "обвиняются", not "пытается" (a middle voice of its own)
                action = fr.verbs.get(word.lemma[:-2])
            if action is None and word.lemma in fr.light_verbs:
                action = self._light_verb(word)
                return (action, "light") if action else None
            if action is None or (
                word.lemma in fr.passive_only and not passive and not self._person_object(word)
            ):
                return None
            return _refine(action, self, word), "passive" if passive else "active"
        if word.pos in ("NOUN", "PROPN") and word.lemma in fr.nouns:
            needed = fr.needs_modifier.get(word.lemma)
            if needed and not any(c.lemma in needed for c in self.kids(word, "amod")):
                return None
            return _administrative(fr.nouns[word.lemma], self, word), "nominal"
        return None

    def _participle_phrase(self, word: Word) -> bool:
        """ "приговорённой к восьми годам журналистке": a participle with its own complement tells an event
        of the noun it describes; a bare one ("задержанный журналист") only describes."""
        if word.feats.get("VerbForm") != "Part" or self.fr.verbs.get(word.lemma) in _NOT_OF_PEOPLE:
            return False  # "запрещённая в стране организация" is a status, not an event
        return bool(self.kids(word, "obl", "obj"))

    def _light_verb(self, word: Word) -> str | None:
        """ "назначил 10 суток ареста", "поместили в изолятор", "признал виновным", "возбудили дело"."""
        for child in self.kids(word, "obj", "obl", "xcomp", "nsubj:pass"):
            action = self.fr.hold_nouns.get(child.lemma)
            liability = action == "criminal_case" and child.lemma == "ответственность"
            if liability and any(c.lemma in self.fr.administrative for c in self.kids(child, "amod")):
                return "fine"  # administrative liability: a fine, unless the text tells an arrest
            if action == "sentence" and child.lemma == "виновный" and self._punished(word):
                return None  # "признал виновным и оштрафовал": the punishment tells the action
            if action:
                return _refine(_administrative(action, self, child), self, word)
        return None

    def _punished(self, word: Word) -> bool:
        """Whether a verb coordinated with ``word`` tells the punishment ("приговорил к", "оштрафовал")."""
        head = self.by_index.get(word.head)
        around = self.kids(word, "conj") + ([head] if head is not None and word.rel == "conj" else [])
        return any(self.fr.verbs.get(w.lemma) in ("fine", "sentence", "arrest") for w in around)

    def _person_object(self, word: Word) -> bool:
        """ "держали активистов": a verb that is an incident only when it holds a person."""
        return any(self._mention(m) is not None for o in self.kids(word, "obj") for m in self._members(o))

    def _blocked(self, word: Word) -> bool:
        if any(c.lemma in _NEGATORS for c in self.kids(word, "advmod", "case", "det")):
            return True
        head = self.by_index.get(word.head)
        return head is not None and head.lemma in self.fr.blockers

    def _targets(self, word: Word) -> list[Word]:
        """ "в отношении X", "против X" (and "на X" after "завести дело"): whom the action targets, whatever
        its voice."""
        found = [child for child in self.kids(word, "obl", "nmod") if self._targets_mark(child)]
        if not found and word.lemma in self.fr.on_targets:
            found = [
                child
                for child in self.kids(word, "obl")
                if child.feats.get("Animacy") == "Anim"
                and any(m.lemma == "на" for m in self.kids(child, "case"))
            ]
        return found

    def _targets_mark(self, word: Word) -> bool:
        marks = self.kids(word, "case", "fixed")
        marks += [f for m in marks for f in self.kids(m, "fixed")]
        return any(m.lemma in self.fr.targets for m in marks)

    def _arguments(self, word: Word, form: str) -> list[Word]:
        targets = self._targets(word)
        if targets:
            return targets
        head = self.by_index.get(word.head)
        if word.rel in ("amod", "acl") and head is not None and head.pos in ("NOUN", "PROPN"):
            return [head]  # the participle's noun: "журналистке, приговорённой к ..."
        held = self.fr.hold_nouns
        if form == "passive":
            found = [c for c in self.kids(word, *_SUBJECTS) if c.lemma not in held]
            if not found and word.rel == "conj" and word.head in self.by_index:
                return self._arguments(self.by_index[word.head], form)
            return found or [  # a name with no preposition that the parser hung as "obl" is the subject
                c
                for c in self.kids(word, "obl")
                if not self.kids(c, "case") and self._covering(c, ("person",))
            ]
        if form == "light" and word.feats.get("Voice") == "Pass":  # "был привлечён к ответственности"
            return self._arguments(word, "passive")
        if form in ("active", "light"):
            found = [
                c for c in self.kids(word, "obj") if c.lemma not in held and c.lemma not in self.fr.nouns
            ]
            found += self.kids(word, "iobj")
            if not found and word.rel == "conj" and word.head in self.by_index:
                found = self.kids(self.by_index[word.head], "obj", "iobj")
            if not found and form == "light":
                found = [c for c in self.kids(word, *_SUBJECTS) if c.lemma not in held]
            return found
        owners = [c for c in self.kids(word, "nmod") if c.feats.get("Case") == "Gen"]
        if owners:
            return owners
        head = self.by_index.get(word.head)  # "предъявили обвинение журналисту": the noun's verb
        if head is not None and word.rel in ("obj", "nsubj:pass") and head.pos == "VERB":
            return self._targets(head) or self.kids(head, "iobj")
        return []

    def _role_of(self, word: Word) -> Mention | None:
        """The role word a list of names hangs on ("активистов X, Y и Z": each of them an activist)."""
        return next(
            (
                m
                for m in self.mentions
                if m.kind in ("role", "group") and m.role and m.start <= word.start < m.end
            ),
            None,
        )

    def _members(self, word: Word) -> list[Word]:
        """The word and its conjuncts, each replaced by the names hung on it when it is a role noun ("активисты
        X и Y", "корреспондента X, редактора Y", "узника совести X"); "который" stands for the noun its clause
        describes ("активиста, которого задержали")."""
        if word.lemma == "который":
            clause = word
            while clause.rel != "acl:relcl" and clause.head in self.by_index:
                clause = self.by_index[clause.head]
            noun = self.by_index.get(clause.head) if clause.rel == "acl:relcl" else None
            return self._members(noun) if noun is not None and noun.lemma != "который" else []
        found: list[Word] = []
        for head in self._conjuncts(word):
            names = self._names_on(head)
            if head.pos == "PRON" and names:  # "он и его соратник, X,": the apposition slips to the pronoun
                names = [head, *names]
            for name in names or [head]:
                for member in [name, *(c for c in self.kids(name, "conj") if c.pos == "PROPN")]:
                    if all(member is not f for f in found):
                        found.append(member)
        return found

    def _conjuncts(self, word: Word) -> list[Word]:
        """The word and the nouns coordinated with it; after a counting noun ("ряд сотрудников и их
        руководителя") the coordination hangs on the counted noun."""
        out, todo = [word], [word]
        while todo:
            at = todo.pop()
            counted = self.kids(at, "nmod") if at.lemma in _COUNTING_NOUNS else []
            listed = [
                c for c in self.kids(at, "appos") if c.pos == "NOUN" and c.feats.get("Animacy") == "Anim"
            ]
            for child in [
                *self.kids(at, "conj"),
                *(c for n in counted for c in self.kids(n, "conj")),
                *listed,
            ]:
                if child.pos in ("PROPN", "NOUN") and child not in out:
                    out.append(child)
                    todo.append(child)
        return out

    def _names_on(self, word: Word) -> list[Word]:
        """The names a noun that is not itself a name carries as apposition or modifier."""
        if word.pos == "NOUN":
            names = [c for c in self.kids(word, "nmod", "appos") if c.pos == "PROPN"]
            return names or [  # "узников совести X и Y": the names slip under the noun's own modifier
                c
                for m in self.kids(word, "nmod")
                if m.pos == "NOUN"
                for c in self.kids(m, "nmod", "appos")
                if c.pos == "PROPN" and self._covering(c, ("person",))
            ]
        if word.pos == "PRON":
            return [
                c for c in self.kids(word, "appos") if c.pos == "PROPN" and self._covering(c, ("person",))
            ]
        if word.pos != "PROPN" or self._covering(word, ("person", "organisation")):
            return []
        return [
            c for c in self.kids(word, "nmod", "appos") if c.pos == "PROPN" and self._covering(c, ("person",))
        ]

    def _covering(self, word: Word, kinds: tuple[str, ...]) -> bool:
        return any(m.start <= word.start < m.end and m.kind in kinds for m in self.mentions)

    def _told_case(self, word: Word) -> str | None:
        """The case the sentence gives a name: a subject's nominative, an object's accusative, a role noun's
        own case for the names hung on it (natasha tags common nouns more surely than unknown names)."""
        at = word
        while at.rel in ("conj", "flat:name", "flat") and at.head in self.by_index:
            at = self.by_index[at.head]
        head = self.by_index.get(at.head)
        if at.rel in _SUBJECTS:
            return "nomn"
        if at.rel in ("nmod", "appos") and head is not None and head.pos in ("NOUN", "PROPN"):
            named_by_role = any(
                m.kind in ("role", "group") for m in self.mentions if m.start <= head.start < m.end
            )
            if at.rel == "appos" or named_by_role:  # the role noun's place in the clause, else its own case
                if head.rel in _SUBJECTS or head.rel == "obj":
                    return "nomn" if head.rel in _SUBJECTS else "accs"
                return _CASES.get(head.feats.get("Case", ""))
        if at.rel in ("obj", "iobj"):
            return "accs" if at.rel == "obj" else "datv"
        if at.rel in ("nmod", "obl") and not self.kids(at, "case"):
            return "gent" if at.rel == "nmod" else None
        if self._targets_mark(at):
            return "gent"
        return None

    def _mention(self, word: Word) -> Mention | None:
        if word.lemma in _NOT_VICTIMS:
            return None
        covering = [m for m in self.mentions if m.start <= word.start < max(m.end, m.start + 1)]
        for mention in covering:
            if mention.kind == "organisation" and self._agency(mention):
                return None  # "Бостандыкское районное управление внутренних дел": the police, not a victim
            if mention.kind in ("person", "organisation", "group", "pronoun"):
                return mention
            if mention.kind == "perpetrator":
                return None
        if word.pos == "PRON" and word.lemma in ("он", "она", "они"):
            return self._new("pronoun", word, word, plural=word.lemma == "они")
        if word.pos == "NOUN" and word.feats.get("Number") == "Plur":
            quantity = [
                c for c in self.kids(word, "nummod", "det", "amod", "nummod:gov") if c.start < word.start
            ]
            roles = [m for m in covering if m.kind == "role"]
            if quantity or roles:
                first = min([word, *quantity], key=lambda w: w.start)
                return self._new("group", first, word, plural=True, role=roles[0].role if roles else None)
        return None

    def _agency(self, mention: Mention) -> bool:
        """Whether an organisation's name holds a perpetrator's word (police, court, security service), also
        just after what the tagger took for the name ("районное управление | внутренних дел")."""
        words, agents = self.sentence.words, lexicon("ru").perpetrators
        return any(agents.match(words, k) for k in range(mention.t0, min(mention.t1 + 1, len(words))))

    def _new(self, kind: str, first: Word, last: Word, **extra: Any) -> Mention:
        tokens = self.sentence.tokens
        t0 = next((k for k, t in enumerate(tokens) if t.end > first.start), 0)
        t1 = next((k for k, t in enumerate(tokens) if t.start >= last.end), len(tokens))
        text = self.state.text[first.start : last.end]
        mention = Mention(kind, first.start, last.end, self.sentence.index, t0, max(t1, t0 + 1), text)
        for key, value in extra.items():
            setattr(mention, key, value)
        return mention

    def _trigger(self, action: str, form: str, word: Word) -> Trigger:
        tokens = self.sentence.tokens
        t0 = next((k for k, t in enumerate(tokens) if t.end > word.start), 0)
        form = "active" if form == "light" else form
        return Trigger(action, word.start, word.end, self.sentence.index, t0, t0 + 1, form)


def _administrative(action: str, parse: RussianParse, noun: Word) -> str:
    """ "административный арест": an arrest by an administrative court, counted in days."""
    if action == "arrest" and any(c.lemma in parse.fr.administrative for c in parse.kids(noun, "amod")):
        return "administrative_arrest"
    return action


def _refine(action: str, parse: RussianParse, word: Word) -> str:
    """ "арестовал на 10 суток", "приговорил к 15 суткам": days make an administrative arrest."""
    if action in ("arrest", "sentence"):
        objects = {c.lemma for c in parse.kids(word, "obl", "obj")}
        if objects & _DAYS:
            return "administrative_arrest"
        if action == "sentence" and "штраф" in objects:  # "приговорён к штрафу": the sentence is a fine
            return "fine"
    return action


@component("incidents.syntax.ru.v1", languages=("ru",))
def syntax_ru_v1(state: State) -> None:
    """Replaces the word-order triggers wherever the parse links a victim to the same words."""
    starts = frames().starts
    by_sentence: dict[int, list[Mention]] = {}
    for mention in state.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    kept: list[Trigger] = []
    starts_at = [w.start for w in state.syntax]
    for sentence in state.sentences:
        if not any(w in starts or w[:-2] in starts for w in sentence.words):  # "допрашивался" too
            continue
        lo, hi = bisect_left(starts_at, sentence.start), bisect_left(starts_at, sentence.end)
        words = state.syntax[lo:hi]
        kept += RussianParse(state, sentence, words, by_sentence.get(sentence.index, [])).triggers()
    for trigger in state.triggers:
        if trigger.action in _NOT_OF_PEOPLE:
            trigger.victims = [v for v in trigger.victims if _closable(v)]
    kept += [t for t in state.triggers if not any(t.start < k.end and k.start < t.end for k in kept)]
    kept += members_of_groups(state, kept, by_sentence)
    named_role_nouns(state, kept)
    groups_told_by_names(state, kept)
    state.triggers = sorted(kept, key=lambda t: t.start)


def _closable(victim: Mention) -> bool:
    """What can be closed, blocked or inspected: an organisation, or a group of them ("сайты"), not people."""
    return victim.kind == "organisation" or (victim.kind == "group" and victim.role in _ORGANISATION_ROLES)
