"""English action triggers: the verbs and nouns that tell that something was done to someone.

A trigger records its voice, because the voice says where the victim is: before a passive verb ("Kaliev was
detained"), after an active one ("police detained three people"), or around a noun ("his arrest", "charges
against X", "X faced inspections"). Negated and adjectival uses ("released without charge", "arrested
journalist X") are not incidents. Sentences that tell a pattern ("are regularly detained") are marked generic.
"""

from __future__ import annotations

from charterwatch.incidents.extraction.lexicon import Lexicon, lexicon
from charterwatch.incidents.extraction.pipeline import Sentence, State, Trigger, component

_VOICE_STOPS = frozenset({";", ":", "while", "whereas", "who", "which", "that", "but", "”", "“", "(", ")"})
_DETERMINERS = frozenset({"a", "an", "the", "this", "those", "these", "such"})
_PREPOSITIONS = frozenset({"to", "by", "in", "at", "from", "before"})
_ATTRIBUTIVE = frozenset(
    {"of", "for", "with", "about", "on", "against"}
)  # "in support of arrested journalist X"


def voice(sentence: Sentence, t0: int, lex: Lexicon) -> str:
    """ "passive" when a form of *be* governs the verb, also across "was summoned to court and sentenced"."""
    words = sentence.words
    aux, adverbs = lex.words("auxiliaries"), lex.words("adverbs")
    j = t0 - 1
    while j >= 0 and words[j] in adverbs:
        j -= 1
    if j >= 0 and words[j] in aux:
        return "passive"
    if j < 0 or words[j] not in ("and", "or"):
        return "active"
    for k in range(j - 1, max(j - 9, -1), -1):
        word, token = words[k], sentence.tokens[k]
        if word in aux:
            return "passive"
        starts_name = token.text[0].isupper() and k > 0
        governed = words[k - 1] in _PREPOSITIONS or (
            words[k - 1] in _DETERMINERS and words[k - 2] in _PREPOSITIONS
        )
        perpetrator = lex.perpetrators.match(words, k) is not None and not governed
        if word in _VOICE_STOPS or starts_name or perpetrator:
            break
    return "active"


def find_triggers(sentence: Sentence, lex: Lexicon) -> list[Trigger]:
    words = sentence.words
    negations, passive_only = lex.words("negations"), lex.words("passive_only")
    pays = "pay" in words and any(w.startswith(("compensation", "damage")) for w in words)
    found: list[Trigger] = []
    i = 0
    starts = lex.verbs.by_first.keys() | lex.nouns.by_first.keys() | lex.words("lawsuit_orders")
    while i < len(words):
        if words[i] not in starts:
            i += 1
            continue
        verb = lex.verbs.match(words, i)
        noun = None if verb else lex.nouns.match(words, i)
        if verb is None and noun is None and pays and words[i] in lex.words("lawsuit_orders"):
            verb = (1, "lawsuit")
        hit = verb or noun
        if hit is None:
            i += 1
            continue
        n, action = hit
        before = words[max(0, i - 2) : i]
        skip = any(w in negations for w in before) or _hypothetical(words, i, lex)
        form = "nominal"
        if verb:
            form = voice(sentence, i, lex)
            adjectival = bool(before) and (before[-1] in _DETERMINERS or before[-1] in _ATTRIBUTIVE)
            phrase = " ".join(words[i : i + n])
            skip = skip or adjectival or (form == "active" and phrase in passive_only)
        if not skip:
            tokens = sentence.tokens
            found.append(
                Trigger(action, tokens[i].start, tokens[i + n - 1].end, sentence.index, i, i + n, form)
            )
        i += n
    return found


def _hypothetical(words: list[str], i: int, lex: Lexicon) -> bool:
    """ "she could face criminal charges": a threat, not (yet) an action."""
    window = " ".join(words[max(0, i - 4) : i])
    return any(cue in window for cue in lex.raw["hypothetical_cues"])


def is_generic(sentence: Sentence, lex: Lexicon) -> bool:
    words = sentence.words
    cues = lex.generic_cues
    return any(cues.match(words, i) for i, word in enumerate(words) if word in cues.by_first)


@component("incidents.triggers.en.v1", languages=("en",))
def triggers_en_v1(state: State) -> None:
    lex = lexicon("en")
    for sentence in state.sentences:
        sentence.generic = is_generic(sentence, lex)
        if not sentence.heading:
            state.triggers += find_triggers(sentence, lex)
