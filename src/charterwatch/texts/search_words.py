"""The words search sees: each word of a provision as its form and its lemma, folded the same way everywhere.

Russian inflects: "свобода", "свободы", "свободу" and "свободе" are one word to a reader, four to an index.
So every provision is indexed twice, as written (``search_forms``) and as lemmas (``search_lemmas``), both
computed here in Python and stored as plain space-separated words. The database only finds the provisions that
hold the words; it never stems, folds or ranks by itself (store/fts.py), so SQLite and PostgreSQL find and order
the same hits. Folding: lower case, and ё written as е (Russian prints both for one letter).

A Cyrillic word's lemma is its pymorphy3 dictionary form (lang/ru/morph.py's shared analyser, through rights/lemmas.py: the word itself when it
is one, else its first parse's normal form; a Kazakh word gets what the Russian analyser guesses, the same for
the text and the query, which is what matching needs); a Latin word's is the shortest of a light English plural
and participle strip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

_WORD: Final = re.compile(r"\w+")
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class Word:
    """A word of a text: where it is, and its two search keys."""

    start: int
    end: int
    form: str
    lemma: str


def fold(word: str) -> str:
    """Lower case, ё as е: how both keys are spelled."""
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def lemma(form: str) -> str:
    """The lemma key of a folded word form."""
    from charterwatch.rights.lemmas import dictionary_form, lemmas

    if _CYRILLIC.search(form):
        return dictionary_form(form)
    stems = lemmas(form, "en") - {form}
    return min(stems, key=lambda s: (len(s), s)) if stems else form


def words(text: str) -> Iterator[Word]:
    """The words of ``text`` with their offsets, forms and lemmas."""
    for match in _WORD.finditer(text):
        form = fold(match.group(0))
        yield Word(match.start(), match.end(), form, lemma(form))


def search_columns(text: str) -> tuple[str, str]:
    """``(search_forms, search_lemmas)`` of a provision's text, as the store keeps them."""
    found = list(words(text))
    return " ".join(w.form for w in found), " ".join(w.lemma for w in found)
