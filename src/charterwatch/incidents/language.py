"""Which language a source is in, from its letters and commonest words: enough to pick a pipeline.

Monitors' sources are English, Russian or Kazakh; the script tells Latin from Cyrillic, the letters only
Kazakh has (ә ғ қ ң ө ұ ү һ і) tell Kazakh from Russian. No model, so nothing to download and no randomness.
"""

from __future__ import annotations

import re

_LATIN = re.compile(r"[a-z]")
_CYRILLIC_LETTERS = re.compile(r"[а-яёәғқңөұүһі]")
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]")
_OTHER_LETTERS = re.compile(r"[^\W\da-zа-яёәғқңөұүһі_]")
_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "was", "were", "is", "on", "for", "that", "with", "by", "has", "have"]
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str, *, sample: int = 5_000) -> str:
    """``en``, ``ru``, ``kk``, or ``und`` when the text has too few letters or another script."""
    head = text[:sample].lower()
    latin, cyrillic = len(_LATIN.findall(head)), len(_CYRILLIC_LETTERS.findall(head))
    letters = latin + cyrillic + len(_OTHER_LETTERS.findall(head))
    if letters < 20:
        return "und"
    if cyrillic > letters / 2:
        kazakh = len(_KAZAKH_LETTERS.findall(head))
        return "kk" if kazakh > letters * 0.01 else "ru"
    words = _WORD.findall(head)
    english = sum(w in _ENGLISH for w in words)
    if latin > letters / 2 and words and english / len(words) > 0.05:
        return "en"
    return "und"
