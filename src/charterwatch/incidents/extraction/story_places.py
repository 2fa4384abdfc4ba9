"""Where a trigger happened: the place of its sentence, else of its paragraph, else of its story.

A monitor reads a story's place the way its reporter set it: a place in the trigger's own sentence; a sentence
without one continues the paragraph; failing that the dateline city ("ALMATY, Kazakhstan --", "АЛМАТЫ, 5 марта
—") or the town the story has been telling of. A country alone is no place, and a place another phrase governs
("relatives who live in China", "the unrest in Zhanaozen", "a welder from Zhanaozen", "told reporters in
Astana") is not where this incident happened.
"""

from __future__ import annotations

import re
from collections import Counter

from charterwatch.incidents.extraction.geo import lookup
from charterwatch.incidents.extraction.pipeline import PlaceMention, Sentence, State, Trigger

# Words that open another clause or another person's phrase: a place after them is not where the incident was
# ("relatives who live in China", "родственники, которые живут в Китае", "his family held in China").
_OTHER_PHRASE = frozenset(
    {
        "who",
        "whose",
        "whom",
        "which",
        ";",
        "while",
        "whereas",
        "although",
        "but",
        "который",
        "чей",
        "где",
        "хотя",
        "но",
    }
)
_KIN = frozenset(
    {
        "relatives",
        "relative",
        "family",
        "parents",
        "children",
        "son",
        "daughter",
        "wife",
        "husband",
        "brother",
        "sister",
        "mother",
        "father",
        "родственник",
        "семья",
        "родитель",
        "сын",
        "дочь",
        "жена",
        "муж",
        "брат",
        "сестра",
        "мать",
        "отец",
    }
)
_DATELINE = re.compile(r"[ \t]*(?:[,(][^\n.]{0,40}?)?\s*(?:--|—|–)")


def _in_other_phrase(sentence: Sentence, place: PlaceMention, trigger: Trigger) -> bool:
    """Whether a relative clause or a kinsman's phrase lies between the trigger and a place told after it."""
    if place.start < trigger.start:
        return False
    words = sentence.words
    for k, token in enumerate(sentence.tokens):
        if trigger.end <= token.start < place.start and (words[k] in _OTHER_PHRASE or words[k] in _KIN):
            return True
    return False


def dateline(state: State, places: list[PlaceMention]) -> PlaceMention | None:
    """The city a story is filed from: "ALMATY, Kazakhstan --" or "АЛМАТЫ, 5 марта —" opening a line."""
    for place in places:
        line_start = state.text.rfind("\n", 0, place.start) + 1
        if place.kind == "country" or state.text[line_start : place.start].strip():
            continue
        upper = state.text[place.start : place.end].isupper()
        follows = state.text[place.end : place.end + 60]
        if _DATELINE.match(follows) or (upper and follows.startswith(",")):
            return place
    return None


# "a news conference held in Dushanbe", "the unrest in Zhanaozen", "беспорядки в Жанаозене": a place another
# verb or another event's noun governs is not where this incident happened.
_PASSING = frozenset(
    {
        "held",
        "based",
        "born",
        "located",
        "living",
        "lives",
        "headquartered",
        "registered",
        "reporters",
        "journalists",
        "told",
        "said",
        "speaking",
        "briefing",
    }
)
_OTHER_EVENTS = frozenset(
    {
        "unrest",
        "disturbances",
        "disturbance",
        "riots",
        "riot",
        "events",
        "tragedy",
        "massacre",
        "clashes",
        "violence",
        "shooting",
        "anniversary",
        "беспорядок",
        "беспорядки",
        "событие",
        "события",
        "трагедия",
        "расстрел",
        "волнение",
        "волнения",
        "годовщина",
    }
)
_LINKS = frozenset({"in", "at", "of", "the", "town", "city", "village", "в", "во", "на", "город", "поселок"})


_TITLE_AFTER = re.compile(r"[\"»”]\s*\([^()]*$")


def _in_title(state: State, place: PlaceMention) -> bool:
    """ "the newspaper "Uralsk Week"", «Голос Уральска», "Uralskaya Nedelya" (Uralsk Week): part of a name."""
    sentence = state.sentences[place.sentence]
    before = state.text[sentence.start : place.start]
    quoted = (
        before.count('"') % 2 == 1
        or before.count("«") > before.count("»")
        or before.count("“") > before.count("”")
    )
    return quoted or bool(_TITLE_AFTER.search(before))


def _of_another_phrase(state: State, place: PlaceMention) -> bool:
    """Whether a name, a participle of another verb, another event's noun or a person's origin governs the
    place."""
    if _in_title(state, place):
        return True
    sentence = state.sentences[place.sentence]
    k = next((k for k, t in enumerate(sentence.tokens) if t.start >= place.start), len(sentence.tokens))
    window = sentence.words[max(0, k - 6) : k]
    if len(window) >= 2 and window[-1] == "from" and not window[-2].endswith("ed"):
        return True  # "an oil worker from Janaozen": where the person comes from ("deported from" is a move)
    while window and window[-1] in _LINKS:
        window.pop()
        if window and (window[-1] in _OTHER_EVENTS or window[-1] in _PASSING):
            return True
    return False


# A story lends its place only when it tells of at most two places and one of them is most of its towns.
_MANY_PLACES = 2
_DOMINANT = 0.6


def _gazetteer_name(place: PlaceMention) -> str:
    """The gazetteer's name of a mention (Nur-Sultan and Астане are both Astana)."""
    found = lookup(place.name.split())
    return found[1].name if found else place.name


def _story_place(state: State, trigger: Trigger, local: list[PlaceMention]) -> PlaceMention | None:
    """The dateline's city; else, in a story of one or two places, the town (failing one, the region) it names
    most often before the trigger, when that is most of its towns (the latest of equals); else, for a headline
    or lead sentence, the first place of its own or the next paragraph (a lead often names the place only
    further down; further on, another story may have begun). A report that tells of many towns lends none: its
    events are each where their own sentence or paragraph says. A place told in passing is not the story's."""
    filed = dateline(state, local)
    if filed is not None:
        return filed
    body = [p for p in local if not state.sentences[p.sentence].heading]
    before = [p for p in body if p.start < trigger.start]
    towns = [p for p in before if p.kind == "city"] or before  # the story's town rather than its region
    if len({_gazetteer_name(p) for p in body}) > _MANY_PLACES:
        return None
    if towns:
        counts = Counter(_gazetteer_name(p) for p in towns)
        best = max(reversed(towns), key=lambda p: counts[_gazetteer_name(p)])
        return best if counts[_gazetteer_name(best)] >= _DOMINANT * len(towns) else None
    sentence = state.sentences[trigger.sentence]
    lead = all(s.heading or s.paragraph == sentence.paragraph for s in state.sentences[: trigger.sentence])
    if not lead:
        return None
    story_end = next(
        (s.start for s in state.sentences[trigger.sentence + 1 :] if s.heading), len(state.text)
    )  # a headline after the lead opens another story
    near = [
        p
        for p in body
        if trigger.end < p.start < story_end
        and state.sentences[p.sentence].paragraph <= sentence.paragraph + 1
    ]
    return near[0] if near else None


def _in_country(state: State, country: PlaceMention) -> bool:
    """ "in Kazakhstan", "across Russia", "в Казахстане", "по всей России": a country as the scene."""
    before = state.text[max(0, country.start - 12) : country.start].lower().split()
    named = lookup(state.text[country.start : country.end].split())  # the country's name, not "Kazakh"
    scene = bool(before) and before[-1] in ("in", "across", "throughout", "в", "во", "всей", "всему")
    return scene and named is not None and named[1].kind == "country"


def place_for(state: State, trigger: Trigger, places: list[PlaceMention]) -> PlaceMention | None:
    """The nearest town (else region) in the trigger's sentence that is not in another clause or person's phrase,
    else the last one earlier in the paragraph, else the story's place. A country alone is no place."""
    local = [p for p in places if p.kind != "country" and not _of_another_phrase(state, p)]
    sentence = state.sentences[trigger.sentence]
    same = [p for p in local if p.sentence == trigger.sentence and not _in_other_phrase(sentence, p, trigger)]
    towns = [p for p in same if p.kind == "city"]  # "в городе Гёкдепе Ахалского велаята": the town
    if same:
        return min(towns or same, key=lambda p: abs(p.start - trigger.start))
    if any(p.sentence == trigger.sentence and p.kind == "country" and _in_country(state, p) for p in places):
        return None  # "в Казахстане задержали почти 50 активистов": the sentence sets a country-wide scope
    paragraph = sentence.paragraph
    earlier = [
        p for p in local if p.start < trigger.start and state.sentences[p.sentence].paragraph == paragraph
    ]
    return earlier[-1] if earlier else _story_place(state, trigger, local)


def country_for(
    trigger: Trigger, places: list[PlaceMention], place: PlaceMention | None
) -> PlaceMention | None:
    if place is not None:
        return place
    countries = [p for p in places if p.kind == "country"]
    before = [p for p in countries if p.start < trigger.start]
    if before:
        return before[-1]
    return countries[0] if countries else None
