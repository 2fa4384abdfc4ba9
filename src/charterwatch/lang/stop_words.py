"""Function words per language: what a reworded sentence may change without changing its meaning, and what
keywords and word counts leave out.

Each language package keeps its list as data (``en/stop_words.txt``, ``ru/``, ``kk/``, ``de/``; one word a
line, ``#`` comments say where the list comes from), so a list is reviewed without reading code.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Final

LANGUAGES: Final = ("en", "ru", "kk", "de")


def _read(lang: str) -> frozenset[str]:
    text = files(f"charterwatch.lang.{lang}").joinpath("stop_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


STOP_WORDS: Final = {lang: _read(lang) for lang in LANGUAGES}
ALL_STOP_WORDS: Final = frozenset().union(*STOP_WORDS.values())


def stop_words(lang: str) -> frozenset[str]:
    """The function words of ``lang``; none for a language without a list."""
    return STOP_WORDS.get(lang, frozenset())
