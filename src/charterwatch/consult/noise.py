"""How people resubmit a text: typos, case and punctuation, a few words added, a word or two swapped.

Used by the synthetic consultations to make copies of an idea; every function takes the generator's own
``random.Random`` so a seed gives the same copies every time.
"""

from __future__ import annotations

import random
import re
from typing import Final

_WORD = re.compile(r"[^\W\d_]{3,}")
OPENERS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("I think ", "In my opinion, ", "I propose: ", "Please consider: ", "My suggestion: "),
    "ru": ("Я считаю, что ", "Предлагаю: ", "Прошу учесть: ", "По моему мнению, "),
    "de": ("Ich finde, ", "Mein Vorschlag: ", "Bitte beachten: "),
    "zh": ("我覺得", "建議："),
}
CLOSERS: Final[dict[str, tuple[str, ...]]] = {
    "en": (" Thank you.", " Please!", " Thanks", " This matters."),
    "ru": (" Спасибо.", " Прошу поддержать!", " Это важно."),
    "de": (
        " Danke.",
        " Bitte!",
    ),
    "zh": ("謝謝。",),
}
SYNONYMS: Final[dict[str, str]] = {
    "should": "must",
    "must": "should",
    "people": "citizens",
    "government": "state",
    "important": "essential",
    "big": "large",
    "needs": "requires",
    "должно": "обязано",
    "нужно": "необходимо",
    "люди": "граждане",
}


def typo(text: str, rng: random.Random) -> str:
    """One slip of the keyboard in one word: letters swapped, dropped, doubled or replaced by a neighbour."""
    words = list(_WORD.finditer(text))
    if not words:
        return text
    match = rng.choice(words)
    word = match.group(0)
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        changed = word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]
    elif kind == 1:
        changed = word[:at] + word[at + 1 :]
    elif kind == 2:
        changed = word[:at] + word[at] + word[at:]
    else:
        changed = word[:at] + _neighbour(word[at]) + word[at + 1 :]
    return text[: match.start()] + changed + text[match.end() :]


def swap_synonym(text: str, rng: random.Random) -> str:
    """Replace one word that has a listed near-synonym (a resubmission reworded in passing)."""
    found = [m for m in re.finditer(r"\w+", text) if m.group(0).lower() in SYNONYMS]
    if not found:
        return text
    match = rng.choice(found)
    return text[: match.start()] + SYNONYMS[match.group(0).lower()] + text[match.end() :]


def resubmit(
    text: str, language: str, rng: random.Random, *, typos: float = 0.6, reword: float = 0.25
) -> str:
    """A copy of ``text`` as another person (or the same one again) might send it."""
    out = text.strip()
    if rng.random() < reword:
        out = swap_synonym(out, rng)
    for _ in range(rng.choice((1, 1, 2)) if rng.random() < typos else 0):
        out = typo(out, rng)
    roll = rng.random()
    if roll < 0.15:
        out = out.lower()
    elif roll < 0.2:
        out = out.upper()
    if rng.random() < 0.3:
        out = out.rstrip(".!") + rng.choice(("", "!", "!!", "."))
    lang = language if language in OPENERS else "en"
    if rng.random() < 0.2:
        out = rng.choice(OPENERS[lang]) + out[:1].lower() + out[1:]
    if rng.random() < 0.2:
        out += rng.choice(CLOSERS[lang])
    return out


def _neighbour(letter: str) -> str:
    rows = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")
    for row in rows:
        if letter.lower() in row:
            k = row.index(letter.lower())
            return row[k + 1] if k + 1 < len(row) else row[k - 1]
    return letter
