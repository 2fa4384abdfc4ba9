"""Russian victims across sentences: who a role noun, a plural or a "среди них" list stands for in the story.

The parse (syntax_ru.py) links each trigger to the words of its own sentence. A story then tells more than one
sentence can: a headline's "задержали активистку" is the "активистка X" of the body, "задержаны активисты"
sums up the people the story names, and "Среди них X и Y" names members of the group the sentence before
told of. These steps run on the parse's triggers, before coreference.
"""

from __future__ import annotations

from charterwatch.incidents.extraction.frames import Frames
from charterwatch.incidents.extraction.frames import frames as shared_frames
from charterwatch.incidents.extraction.lexicon import lexicon
from charterwatch.incidents.extraction.pipeline import Mention, State, Trigger, Word
from charterwatch.lang.numbers import count_in


def frames() -> Frames:
    return shared_frames("ru")


def groups_told_by_names(state: State, triggers: list[Trigger]) -> None:
    """ "В Казахстане задержаны активисты" over a story that names the detained: an uncounted plural is the
    summary of the named people of the same action, not another incident (a counted group stays: "23
    человека" may be more people than the story names)."""
    words = {w.start: w for w in state.syntax}
    named: dict[str, int] = {}
    for trigger in triggers:
        people = {(v.antecedent or v).text for v in trigger.victims if (v.antecedent or v).kind == "person"}
        named[trigger.action] = named.get(trigger.action, 0) + len(people)
    for trigger in triggers:
        if named.get(trigger.action, 0) < 2:
            continue
        trigger.victims = [v for v in trigger.victims if not _summary(state, words, v)]


def _summary(state: State, words: dict[int, Word], victim: Mention) -> bool:
    head = words.get(_last_token_start(state, victim))
    told = state.sentences[victim.sentence].words[victim.t0 : victim.t1]
    counted = count_in(victim.text.lower().split()) is not None or any(
        lexicon("ru").quantifiers.match(told, k) for k in range(len(told) - 1)
    )
    plural = head is not None and head.feats.get("Number") == "Plur"
    return victim.kind == "group" and victim.antecedent is None and plural and not counted


def _give_role(person: Mention, role_noun: Mention) -> None:
    """ "журналиста ..., гражданку X": the role noun that stands for a person tells the person's role."""
    if person.role is None and role_noun.role is not None:
        person.role, person.role_span = role_noun.role, (role_noun.start, role_noun.end)


def named_role_nouns(state: State, triggers: list[Trigger]) -> None:
    """ "задержали активистку" in a headline or lead, "активистка X" in the body: a singular role noun with no
    name is the person the same action names ("журналиста, гражданку X, депортируют", also when the story
    retells it: "суд выдворил журналиста"), else the one the story
    names with the same role word (so the same gender: "активиста" is not "активистка X"), told before it, else
    (a headline) just after it."""
    words = {w.start: w for w in state.syntax}
    paragraph_of = {s.index: s.paragraph for s in state.sentences}
    people = [m for m in state.mentions if m.kind == "person" and m.role]
    for trigger in triggers:
        for victim in trigger.victims:
            head = words.get(_last_token_start(state, victim))
            if victim.kind != "group" or not victim.role or victim.antecedent is not None or head is None:
                continue
            if head.feats.get("Number") != "Sing":
                continue
            named = [v for v in trigger.victims if v.kind == "person"]
            named = (
                named
                or [  # "X депортируют ... суд выдворил журналиста": the story retells its event
                    v
                    for t in triggers
                    if t.action == trigger.action
                    and t.start < trigger.start
                    and abs(paragraph_of[t.sentence] - paragraph_of[trigger.sentence]) <= 3
                    for v in t.victims
                    if v.kind == "person"
                ][-1:]
            )
            if named:
                victim.antecedent = named[0]
                _give_role(named[0], victim)
                continue
            near = [
                p
                for p in people
                if p.role == victim.role
                and p.role_span is not None
                and _lemma_at(words, state, p.role_span) == head.lemma
                and abs(paragraph_of[p.sentence] - paragraph_of[victim.sentence]) <= 3
            ]
            before = [p for p in near if p.start < victim.start]
            after = [p for p in near if p.start > victim.end]
            victim.antecedent = before[-1] if before else after[0] if after else None
            if victim.antecedent is not None:
                _give_role(victim.antecedent, victim)


def _last_token_start(state: State, mention: Mention) -> int:
    tokens = state.sentences[mention.sentence].tokens[mention.t0 : mention.t1]
    return tokens[-1].start if tokens else -1


def _lemma_at(words: dict[int, Word], state: State, span: tuple[int, int]) -> str | None:
    """The lemma of the last word of a role span ("гражданская активистка" -> активистка)."""
    inside = [w for start, w in words.items() if span[0] <= start < span[1]]
    return max(inside, key=lambda w: w.start).lemma if inside else None


def members_of_groups(
    state: State, triggers: list[Trigger], by_sentence: dict[int, list[Mention]]
) -> list[Trigger]:
    """ "Задержали правозащитников. Среди них юрист X и правозащитница Y.": the people a sentence opening
    with "среди них" or "в том числе" names share the action of the group the sentence before told of."""
    openers = frames().members_of
    found = []
    for sentence in state.sentences[1:]:
        words = sentence.words[:4]
        if not any(tuple(words[: len(o)]) == o for o in openers):
            continue
        group = next(
            (
                t
                for t in reversed(triggers)
                if t.sentence == sentence.index - 1
                and any(v.kind == "group" or (v.kind == "pronoun" and v.plural) for v in t.victims)
            ),
            None,
        )
        people = [m for m in by_sentence.get(sentence.index, []) if m.kind == "person"]
        if group is None or not people:
            continue
        member = Trigger(group.action, group.start, group.end, group.sentence, group.t0, group.t1, group.form)
        for person in people:
            person.case = person.case or "nomn"  # "среди них X": the names are the verbless clause's subjects
        member.victims = people
        found.append(member)
    return found
