"""Russian morphology: one pymorphy3 analyser per process, and the lemmas every domain compares words by.

pymorphy3's dictionary ships in the ``pymorphy3-dicts-ru`` package, so nothing is downloaded. The analyser is
built without its probability estimator by default: lemma sets and the first parse's normal form are all the
comparisons need, and estimating costs half of each parse. Names are put in the nominative by the parse a
corpus finds likeliest, so ``lang/ru/names.py`` asks for the estimating analyser.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from charterwatch.lang.tokens import tokenize


@cache
def analyser(*, probabilities: bool = False) -> Any:
    """The shared ``pymorphy3.MorphAnalyzer`` (its parses ordered by corpus probability with ``probabilities``)."""
    import pymorphy3  # type: ignore[import-untyped]

    if probabilities:
        return pymorphy3.MorphAnalyzer()
    return pymorphy3.MorphAnalyzer(probability_estimator_cls=None)


@cache
def lemma(word: str) -> str:
    """The dictionary form of ``word`` (its first parse's normal form, ё written е), the word when it has none."""
    parses = analyser().parse(word)
    return str(parses[0].normal_form).replace("ё", "е") if parses else word


@cache
def normal_forms(word: str) -> frozenset[str]:
    """Every dictionary form ``word`` may have (one per parse, ё written е): an ambiguous form never fails to match."""
    return frozenset(str(p.normal_form).replace("ё", "е") for p in analyser().parse(word))


def lemmas(text: str) -> list[str]:
    """The lemmas of the words of ``text``, lower-cased, in order (numbers and punctuation left out)."""
    return [lemma(t.text.lower().replace("ё", "е")) for t in tokenize(text, "ru") if t.is_word]
