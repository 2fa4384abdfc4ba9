"""Russian: natasha's offline tagger (morphology and names) feeding the same pipeline as English.

natasha ships its models inside its PyPI package, so nothing is downloaded at run time. Sentences keep their
offsets; their ``words`` become lemmas, so the Russian vocabulary (``data/lexicon_ru.yaml``) is written once
per word, not once per case form. Victims are found as in English, with one Russian habit added: the object
put before an impersonal verb ("Журналиста задержали", "Его обвинили").
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from functools import cache
from typing import Any

from charterwatch.incidents.extraction.en.victims import Linker
from charterwatch.incidents.extraction.lexicon import gazetteer, lexicon
from charterwatch.incidents.extraction.pipeline import (
    Mention,
    Morph,
    PlaceMention,
    Sentence,
    State,
    Trigger,
    Word,
    component,
)
from charterwatch.incidents.extraction.ru.syntax import frames

_PRONOUNS = {"он": False, "она": False, "они": True}
_CASES = {"Nom": "nomn", "Gen": "gent", "Acc": "accs", "Dat": "datv", "Ins": "ablt", "Loc": "loct"}


@cache
def _tagger() -> tuple[Any, Any, Any, Any]:
    from natasha import (  # type: ignore[import-untyped]
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        Segmenter,
    )

    embedding = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab()


@cache
def _syntax_parser() -> Any:
    from natasha import NewsEmbedding, NewsSyntaxParser

    return NewsSyntaxParser(NewsEmbedding())


def _parse_trigger_sentences(sentences: list[Sentence], words: list[Word]) -> None:
    """Dependency relations for the sentences that hold a trigger word: the parse is the slowest step. The
    sentences are the pipeline's own, split at line ends too, so a headline without a full stop is not parsed
    as the subject of its lead."""
    lex = lexicon("ru")
    starts = lex.verbs.by_first.keys() | lex.nouns.by_first.keys() | frames().starts
    at = [w.start for w in words]
    chosen = []
    for sentence in sentences:
        first, last = bisect_left(at, sentence.start), bisect_left(at, sentence.end)
        if any(w.lemma in starts or w.lemma[:-2] in starts for w in words[first:last]):
            chosen.append((first, words[first:last]))
    markups = _syntax_parser().map([[w.text for w in told] for _, told in chosen])
    for (first, _), markup in zip(chosen, markups, strict=True):
        for k, token in enumerate(markup.tokens):
            head = int(token.head_id)
            words[first + k].rel = token.rel
            words[first + k].head = first + head - 1 if head > 0 else -1


def _nameable(text: str) -> str:
    """``text`` with letters Unicode has no name for replaced one for one (offsets kept): pymorphy's shape
    check asks every letter its name and raises on them."""
    if text.isascii():
        return text
    return "".join(c if not c.isalpha() or _named(c) else "?" for c in text)


def _named(letter: str) -> bool:
    try:
        return bool(unicodedata.name(letter))
    except ValueError:
        return False


@component("incidents.morph.ru.v1", languages=("ru",))
def morph_ru_v1(state: State) -> None:
    from natasha import Doc

    segmenter, morph_tagger, ner_tagger, vocab = _tagger()
    tagged = Doc(_nameable(state.text))
    tagged.segment(segmenter)
    tagged.tag_morph(morph_tagger)
    tagged.tag_ner(ner_tagger)
    words: list[Word] = []
    for token in tagged.tokens:
        token.lemmatize(vocab)
        feats = dict(token.feats or {})
        lemma = token.lemma.lower()
        state.morph[token.start] = Morph(lemma, token.pos, feats.get("Case"), feats.get("VerbForm"))
        words.append(Word(len(words), token.text, lemma, token.pos, "", -1, token.start, token.stop, feats))
    state.syntax = words
    _parse_trigger_sentences(state.sentences, words)
    for span in tagged.spans:
        span.normalize(vocab)
        state.entities.append((span.type, span.start, span.stop, span.normal or span.text))
    for sentence in state.sentences:
        sentence.words = [
            state.morph[t.start].lemma if t.start in state.morph else t.lower for t in sentence.tokens
        ]
    _places(state)


def _places(state: State) -> None:
    """Names the tagger calls places, found in the gazetteer by their nominative ("в Шымкенте" -> Шымкент)."""
    known = gazetteer()
    starts = {p.start for p in state.places}
    for kind, start, end, normal in state.entities:
        place = known.get(normal)
        if kind == "LOC" and place is not None and start not in starts:
            sentence = next(s.index for s in state.sentences if s.start <= start < s.end)
            state.places.append(PlaceMention(start, end, sentence, place.name, place.kind, place.country))
    state.places.sort(key=lambda p: p.start)


def _token_range(sentence: Sentence, start: int, end: int) -> tuple[int, int] | None:
    inside = [k for k, t in enumerate(sentence.tokens) if start <= t.start < end]
    return (inside[0], inside[-1] + 1) if inside else None


@component("incidents.mentions.ru.v1", languages=("ru",))
def mentions_ru_v1(state: State) -> None:
    lex = lexicon("ru")
    for sentence in state.sentences:
        found: list[Mention] = []
        covered: set[int] = set()
        for kind, start, end, normal in state.entities:
            span = _token_range(sentence, start, end) if sentence.start <= start < sentence.end else None
            if span is None or kind not in ("PER", "ORG"):
                continue
            mention_kind = "person" if kind == "PER" else "organisation"
            told = lex.roles.match(sentence.words, span[0]) if kind == "PER" else None
            if told is not None and span[0] + told[0] < span[1]:  # "Блогеры Рустам Каримов": a capital role
                start = sentence.tokens[span[0] + told[0]].start
                span = (span[0] + told[0], span[1])
                normal = normal.split(maxsplit=told[0])[-1]
            found.append(
                Mention(mention_kind, start, end, sentence.index, *span, state.text[start:end], entity=normal)
            )
            covered.update(range(*span))
        words = sentence.words
        for k, word in enumerate(words):
            if k in covered:
                continue
            role, agent = lex.roles.match(words, k), lex.perpetrators.match(words, k)
            hit = agent if agent and (role is None or agent[0] >= role[0]) else role
            if hit is not None:
                n, value = hit
                kind = "perpetrator" if hit is agent else "role"
                tokens = sentence.tokens[k : k + n]
                mention = Mention(kind, tokens[0].start, tokens[-1].end, sentence.index, k, k + n, "")
                mention.text = state.text[mention.start : mention.end]
                mention.role = value if kind == "role" else None
                found.append(mention)
                covered.update(range(k, k + n))
            elif word in _PRONOUNS:
                token = sentence.tokens[k]
                found.append(Mention("pronoun", token.start, token.end, sentence.index, k, k + 1, token.text,
                                     plural=_PRONOUNS[word]))  # fmt: skip
        found.sort(key=lambda m: m.t0)
        _roles_and_groups(sentence, found, state)
        state.mentions += found


def _roles_and_groups(sentence: Sentence, mentions: list[Mention], state: State) -> None:
    """A role word right before a name is its role; standing alone it is an unnamed victim."""
    lex = lexicon("ru")
    names = [m for m in mentions if m.kind in ("person", "organisation")]
    for role in [m for m in mentions if m.kind == "role"]:
        named = next((n for n in names if 0 <= n.t0 - role.t1 <= 1), None)
        if named is not None:
            named.role, named.role_span = role.role, (role.start, role.end)
            told = state.morph.get(sentence.tokens[role.t1 - 1].start)
            if named.kind == "person" and told is not None and told.case in _CASES:
                named.case = _CASES[told.case]  # "активистка X": the name agrees with its role noun
            continue
        t0 = role.t0
        while t0 > 0 and sentence.words[t0 - 1] in lex.words("group_adjectives"):
            t0 -= 1
        if t0 > 0 and (lex.quantifiers.match(sentence.words, t0 - 1) or sentence.words[t0 - 1].isdigit()):
            t0 -= 1
        token = sentence.tokens[t0]
        role.kind, role.start, role.t0 = "group", token.start, t0
        role.text = state.text[role.start : role.end]


@component("incidents.triggers.ru.v1", languages=("ru",))
def triggers_ru_v1(state: State) -> None:
    lex = lexicon("ru")
    for sentence in state.sentences:
        if sentence.heading:
            continue
        words = sentence.words
        sentence.generic = any(lex.generic_cues.match(words, k) for k in range(len(words)))
        k = 0
        while k < len(words):
            verb = lex.verbs.match(words, k)
            hit = verb or lex.nouns.match(words, k)
            if hit is None or (k > 0 and words[k - 1] in lex.words("negations")):
                k += 1
                continue
            n, action = hit
            tokens = sentence.tokens[k : k + n]
            form = "nominal"
            if verb:
                morph = state.morph.get(tokens[0].start)
                passive = morph is not None and morph.verb_form == "Part"
                form = "passive" if passive or (k > 0 and words[k - 1] == "быть") else "active"
            state.triggers.append(
                Trigger(action, tokens[0].start, tokens[-1].end, sentence.index, k, k + n, form)
            )
            k += n


class RussianLinker(Linker):
    def __init__(self, sentence: Sentence, mentions: list[Mention], morph: dict[int, Morph]) -> None:
        super().__init__(sentence, mentions, lexicon("ru"))
        self.morph = morph

    def link(self, trigger: Trigger) -> None:
        super().link(trigger)
        if trigger.form == "active" and not trigger.victims:
            before = [m for m in self.mentions if m.t1 <= trigger.t0 and trigger.t0 - m.t1 <= 2]
            if before and self.morph_case(before[-1]) in ("Acc", "Gen"):
                trigger.victims = [before[-1]]  # "Его обвинили", "Журналиста задержали"

    def morph_case(self, mention: Mention) -> str | None:
        token = self.sentence.tokens[mention.t0]
        found = self.morph.get(token.start)
        return found.case if found else None


@component("incidents.victims.ru.v1", languages=("ru",))
def victims_ru_v1(state: State) -> None:
    by_sentence: dict[int, list[Mention]] = {}
    for mention in state.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for trigger in state.triggers:
        sentence = state.sentences[trigger.sentence]
        RussianLinker(sentence, by_sentence.get(sentence.index, []), state.morph).link(trigger)
