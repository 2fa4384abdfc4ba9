"""The text that similarity is scored on: what may differ between two versions of one article is masked.

Lower case, "ё" read as "е", punctuation dropped, renamed institutions mapped to one token (``renamings.py``)
and every number masked. Numbers are masked everywhere, not only in cross-references: a renumbering rewrites
"статьей 44" to "статьей 46", and a number on its own never tells which article a text is. Redlines and
statistics use the printed words, never this form.
"""

from __future__ import annotations

import re
from functools import cache

from charterwatch.texts.compare.renamings import RENAMINGS

_NUMBER = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w#]+")
_WORD = re.compile(r"\w+")


@cache
def _renamings(lang: str) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One pattern for all of a language's renamed stems, and the token of each stem."""
    tokens = {stem: token for stems, token in RENAMINGS.get(lang, ()) for stem in stems}
    if not tokens:
        return None
    stems = sorted(tokens, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, stem.split())) for stem in stems)
    return re.compile(rf"(?<!\w)({alternatives})\w*"), {" ".join(s.split()): t for s, t in tokens.items()}


def normalise(text: str, *, lang: str) -> str:
    """Lower-cased words separated by single spaces, renamings applied, digits masked as ``#``."""
    text = text.lower().replace("ё", "е")
    renamings = _renamings(lang)
    if renamings:
        pattern, tokens = renamings
        text = pattern.sub(lambda m: f" {tokens[' '.join(m.group(1).split())]} ", text)
    text = _NUMBER.sub("#", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def words(text: str) -> list[str]:
    """The words of a text as printed (the unit of the redline and of every word count)."""
    return _WORD.findall(text)
