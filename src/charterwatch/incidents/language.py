"""Which language a source is in, from its letters and commonest words: enough to pick a pipeline.

Monitors' sources are English, Russian or Kazakh; the script tells Latin from Cyrillic, the letters only
Kazakh has (ә ғ қ ң ө ұ ү һ і) tell Kazakh from Russian. No model, so nothing to download and no randomness.
"""

from __future__ import annotations

import re

_KAZAKH = frozenset("әғқңөұүһі")
_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "was", "were", "is", "on", "for", "that", "with", "by", "has", "have"]
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str, *, sample: int = 20_000) -> str:
    """``en``, ``ru``, ``kk``, or ``und`` when the text has too few letters or another script."""
    letters = [c for c in text[:sample].lower() if c.isalpha()]
    if len(letters) < 20:
        return "und"
    cyrillic = sum("а" <= c <= "я" or c in "ё" or c in _KAZAKH for c in letters)
    if cyrillic > len(letters) / 2:
        kazakh = sum(c in _KAZAKH for c in letters)
        return "kk" if kazakh > len(letters) * 0.01 else "ru"
    latin = sum("a" <= c <= "z" for c in letters)
    words = _WORD.findall(text[:sample].lower())
    english = sum(w in _ENGLISH for w in words)
    if latin > len(letters) / 2 and words and english / len(words) > 0.05:
        return "en"
    return "und"
