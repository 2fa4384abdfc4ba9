"""Which language a proposal is in, when the file does not say: enough to pick the themes path.

English, Russian and Kazakh as the incidents' detector tells them; consultations abroad (the Polis files) add
German and Chinese, told by their commonest words and by Han characters. No model, nothing to download.
"""

from __future__ import annotations

import re

from charterwatch.incidents.language import detect_language as _detect_en_ru_kk

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+")
_GERMAN = frozenset(
    [
        "der",
        "die",
        "das",
        "und",
        "nicht",
        "ist",
        "ein",
        "eine",
        "zu",
        "den",
        "mit",
        "sich",
        "auf",
        "für",
        "auch",
        "von",
        "dem",
        "werden",
        "wird",
        "sollen",
        "soll",
        "es",
        "wir",
        "ich",
        "noch",
        "sein",
        "sollten",
        "mehr",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "that",
        "for",
        "it",
        "be",
        "should",
        "we",
        "are",
        "not",
        "this",
        "on",
        "with",
        "as",
        "have",
        "more",
    ]
)


def detect_language(text: str) -> str:
    """``en``, ``ru``, ``kk``, ``de``, ``zh``, or ``und``; Latin letters without German signs count as English."""
    if len(_HAN.findall(text)) >= max(2, len(text.strip()) // 5):
        return "zh"
    guess = _detect_en_ru_kk(text)
    if guess in ("ru", "kk"):
        return guess
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return "und"
    german = sum(w in _GERMAN for w in words) + 2 * sum(ch in "äöüß" for ch in text.lower())
    english = sum(w in _ENGLISH for w in words)
    if german > english and german >= 2:
        return "de"
    latin = sum(ch.isascii() for ch in "".join(words))
    return "en" if guess == "en" or english or latin > len("".join(words)) * 0.9 else "und"
