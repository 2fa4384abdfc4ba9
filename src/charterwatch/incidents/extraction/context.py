"""When and where a trigger happened: the date and place it takes from its sentence, paragraph or story.

The place is chosen in story_places.py (re-exported here, beside the date, for the assembler).

A date in the trigger's own clause wins; a sentence without one continues the paragraph's last event ("He was
held for three hours"); failing that, the story's last year is kept at year precision. A date after the
trigger that belongs to another verb ("related to a book he published in 2015") is not the incident's.
"""

from __future__ import annotations

import re

from charterwatch.incidents.extraction.pipeline import DateMention, Sentence, State, Trigger
from charterwatch.incidents.extraction.story_places import country_for as country_for
from charterwatch.incidents.extraction.story_places import place_for as place_for
from charterwatch.incidents.model import IncidentDate

_OTHER_VERBS = frozenset(
    {"appears", "appear", "seems", "says", "said", "published", "wrote", "began", "started"}
)
_SUBJECTS = frozenset(
    {"he", "she", "they", "it", "we", "who", "which", "that", "had", "has", "have", "was", "were"}
)
_LATER = frozenset({"later", "subsequently", "afterwards", "eventually"})
_CLAUSE = frozenset(
    {";", "while", "who", "which", "whereas", "although", "but", "а", "но", "который", "которая", "которые"}
)  # a date across one of these belongs to another clause ("задержали 29 апреля, а на 30 апреля назначили суд")


def _blocked(sentence: Sentence, lo: int, hi: int, trigger: Trigger, *, after: bool) -> bool:
    """Whether another verb or a clause boundary lies between a date and the trigger."""
    words = sentence.words
    for k, token in enumerate(sentence.tokens):
        if not lo <= token.start < hi or trigger.t0 <= k < trigger.t1:
            continue
        if token.lower in _CLAUSE or (not after and token.lower in _LATER):
            return True  # "detained on 3 June and later fined": the date is the first event's
        verb = token.lower.endswith("ed") and k > 0 and words[k - 1] in _SUBJECTS  # "a book he published in"
        if after and (token.lower in _OTHER_VERBS or verb):
            return True
    return False


def bracketed(text: str, mention: DateMention) -> bool:
    """ "(Berlin, February 20, 2026)": a dateline dates the report, not the event."""
    before = text[max(0, mention.start - 30) : mention.start]
    opened = "(" in before and ")" not in before[before.rindex("(") :]
    return opened and ")" in text[mention.end : mention.end + 3]


_REFERENCE = re.compile(r"\b(?:before|ahead\s+of|prior\s+to|until|since|after)(?:\s+the)?\s*$", re.I)


def _reference_point(text: str, mention: DateMention) -> bool:
    """ "in the weeks before the March 15 referendum": the date is a landmark, not when it happened."""
    return bool(_REFERENCE.search(text, max(0, mention.start - 20), mention.start))


def explicit_date(state: State, trigger: Trigger, dates: list[DateMention]) -> DateMention | None:
    sentence = state.sentences[trigger.sentence]
    best: tuple[int, DateMention] | None = None
    for mention in dates:
        if mention.date is None or (mention.backwards and mention.start > trigger.start):
            continue
        if bracketed(state.text, mention) or _reference_point(state.text, mention):
            continue
        after = mention.start > trigger.end
        lo, hi = (trigger.end, mention.start) if after else (mention.end, trigger.start)
        if _blocked(sentence, lo, hi, trigger, after=after):
            continue
        distance = hi - lo
        if best is None or distance < best[0]:
            best = (distance, mention)
    if (
        best is None
    ):  # "On 22 April, the friends who filmed it were fined": an opening date frames the sentence
        opening = next((d for d in dates if d.date is not None and _opens(state.text, sentence, d)), None)
        if opening is not None and opening.end <= trigger.start and not opening.backwards:
            return opening
    return best[1] if best else None


_OPENING = re.compile(r"^[\W\d]*(?:(?:on|in|by|at|early|late)\s+)?$", re.I)


def _opens(text: str, sentence: Sentence, mention: DateMention) -> bool:
    """Whether a date opens its sentence as a framing adverbial ("On 22 April, ...", "In May 2021 ...")."""
    return bool(_OPENING.match(text[sentence.start : mention.start])) and not bracketed(text, mention)


def fallback_date(state: State, trigger: Trigger) -> DateMention | None:
    """The latest date told before the trigger (else the first after), to be cut to its year."""
    dated = [d for d in state.dates if d.date is not None]
    before = [d for d in dated if d.start < trigger.start]
    if before:
        return max(reversed(before), key=lambda d: d.date.value[:4] if d.date else "")
    return dated[0] if dated else None


def year_of(value: IncidentDate) -> IncidentDate:
    return IncidentDate(value.value[:4], "year")
