"""Which language a text is in, from its letters and commonest words: enough to pick a pipeline or a lexicon.

The region's texts are English, Russian or Kazakh: the script tells Latin from Cyrillic, and the letters only
Kazakh has (ә ғ қ ң ө ұ ү һ) tell Kazakh from Russian. Consultations abroad add German and Chinese, told by
their commonest words and by Han characters, when the caller asks for them. No model, so nothing to download
and no randomness; every domain (incidents, consultations, constitution texts) asks this one function.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final

REGION: Final = ("en", "ru", "kk")
UNDETERMINED: Final = "und"

_LATIN = re.compile(r"[a-z]")
_CYRILLIC_LETTERS = re.compile(r"[а-яёәғқңөұүһі]")
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһ]")  # not і, which Ukrainian and Belarusian share
_OTHER_LETTERS = re.compile(r"[^\W\da-zа-яёәғқңөұүһі_]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+")
# the commonest words of running news or legal prose: a Latin text with none of them is not English
_ENGLISH_PROSE = frozenset(
    ["the", "of", "and", "to", "in", "was", "were", "is", "on", "for", "that", "with", "by", "has", "have"]
)
# the commonest words of a short opinion, in each language a consultation may tell apart from English
_ENGLISH_OPINION = frozenset(
    ["the", "of", "and", "to", "in", "is", "that", "for", "it", "be", "should", "we", "are", "not", "this",
     "on", "with", "as", "have", "more"]
)  # fmt: skip
_GERMAN_OPINION = frozenset(
    ["der", "die", "das", "und", "nicht", "ist", "ein", "eine", "zu", "den", "mit", "sich", "auf", "für",
     "auch", "von", "dem", "werden", "wird", "sollen", "soll", "es", "wir", "ich", "noch", "sein", "sollten",
     "mehr"]
)  # fmt: skip


def detect_language(
    text: str, *, languages: Collection[str] = REGION, sample: int = 5_000, fallback: str = UNDETERMINED
) -> str:
    """The ISO 639-1 code of ``text``'s language among ``languages``, else ``fallback``.

    English, Russian and Kazakh are told from the first ``sample`` characters; a text with fewer than twenty
    letters, another script or Latin letters without English words is ``fallback``. With ``"zh"`` among
    ``languages`` a text one fifth Han characters is Chinese; with ``"de"`` a Latin text is weighed for German
    against English by its commonest words, and a short Latin text of English words or plain ASCII is English.
    """
    if "zh" in languages and len(_HAN.findall(text)) >= max(2, len(text.strip()) // 5):
        return "zh"
    guess = _by_script(text[:sample].lower())
    if "de" in languages and guess not in ("ru", "kk"):
        guess = _german_or_english(text, guess)
    return guess if guess in languages else fallback


def _by_script(head: str) -> str:
    latin, cyrillic = len(_LATIN.findall(head)), len(_CYRILLIC_LETTERS.findall(head))
    letters = latin + cyrillic + len(_OTHER_LETTERS.findall(head))
    if letters < 20:
        return UNDETERMINED
    if cyrillic > letters / 2:
        kazakh = len(_KAZAKH_LETTERS.findall(head))
        return "kk" if kazakh > letters * 0.01 else "ru"
    words = _WORD.findall(head)
    english = sum(w in _ENGLISH_PROSE for w in words)
    if latin > letters / 2 and words and english / len(words) > 0.05:
        return "en"
    return UNDETERMINED


def _german_or_english(text: str, guess: str) -> str:
    """A consultation's Latin-script opinion: German by its function words and umlauts, else English."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return UNDETERMINED
    german = sum(w in _GERMAN_OPINION for w in words) + 2 * sum(ch in "äöüß" for ch in text.lower())
    english = sum(w in _ENGLISH_OPINION for w in words)
    if german > english and german >= 2:
        return "de"
    latin = sum(ch.isascii() for ch in "".join(words))
    return "en" if guess == "en" or english or latin > len("".join(words)) * 0.9 else UNDETERMINED
