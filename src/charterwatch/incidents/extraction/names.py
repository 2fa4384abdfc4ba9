"""Victims' names compared as a monitor would: the pipeline's own rule for merging and search.

News spells one person many ways: in Cyrillic and in Latin, and in Latin by several systems (Kassym / Kasym,
Amanzhol / Amanozhol, Khalid / Halid, Zhanar / Janar, Dmitriy / Dmitry / Dmitrii), a Russian surname masculine
in one outlet and feminine in another. :func:`name_key` folds these into one key per word; the -ov/-ova pair
folds too, so it is kept apart only in the name shown. :func:`same_victim` is stricter than the scorer's
token overlap (scoring.py, a frozen copy of the gold's rule): two people are one only on the same surname and
compatible given names or initials, never on one shared word; groups only on the same head noun and number.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Protocol

from charterwatch.lang.numbers import NUMBER_WORDS

_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya a g k n o u u h i"
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі", _LATIN.split(" "), strict=True))
_VOWELS = frozenset("aeiou")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Latin spellings of one sound, longest first; then endings that one system writes -y, another -iy or -ii
_DIGRAPHS = (
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("x", "ks"),
    ("q", "k"),
)
_ENDINGS = (("iy", "i"), ("ii", "i"), ("yi", "i"), ("ij", "i"), ("y", "i"))
_FEMININE = (("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("skaya", "skiy"), ("skaia", "skii"))
# counts a group's description gives: every number word (lang/numbers.py), and the approximate ones news uses
_NUMBERS = {
    **NUMBER_WORDS,
    **{"zero": 0, "ноль": 0, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000},
    **{"десятки": 24, "сотни": 200},
}


class VictimLike(Protocol):
    """What a name rule needs of a victim (model.Victim has it)."""

    @property
    def kind(self) -> str: ...

    @property
    def label(self) -> str: ...


def latin(text: str) -> str:
    """Lower case, Cyrillic (Russian and Kazakh) spelled in Latin by one table, accents dropped."""
    text = "".join(_CYRILLIC.get(c, c) for c in text.lower()).replace("_", "")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65_536)
def name_key(word: str) -> str:
    """One key for the spellings of one name word: ``Kassym``, ``Kasym`` and ``Касым`` give ``kasim``."""
    key = latin(word).replace("’", "").replace("'", "").replace("-", "")
    for feminine, masculine in _FEMININE:
        if key.endswith(feminine) and len(key) > len(feminine) + 2:
            key = key[: -len(feminine)] + masculine
            break
    for spelled, sound in _DIGRAPHS:
        key = key.replace(spelled, sound)
    for ending, folded in _ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 1:
            key = key[: -len(ending)] + folded
            break
    key = key.replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", key)  # doubled letters: Kassym / Kasym


def skeleton(word: str) -> str:
    """The key without its vowels after the first letter: an index key under which vowel insertions meet."""
    key = name_key(word)
    return key[:1] + "".join(c for c in key[1:] if c not in _VOWELS)


def same_word(a: str, b: str) -> bool:
    """Two name words alike: the same key, or one key with a vowel or two more (Amanzhol / Amanozhol)."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return len(short) >= 3 and len(long) - len(short) <= 2 and _vowels_inserted(short, long)


def _vowels_inserted(short: str, long: str) -> bool:
    """Whether ``long`` is ``short`` with vowels added (never at the first letter)."""
    if not short:
        return all(c in _VOWELS for c in long)
    if not long:
        return False
    if short[0] == long[0] and _vowels_inserted(short[1:], long[1:]):
        return True
    return long[0] in _VOWELS and len(long) > len(short) and _vowels_inserted(short, long[1:])


def words(label: str) -> list[str]:
    """The words of a name or description, initials included ("A. Sadykov" gives ``["A", "Sadykov"]``)."""
    return _WORD.findall(label)


def index_keys(victim: VictimLike) -> frozenset[str]:
    """Keys under which to file a victim so that any victim :func:`same_victim` would join shares one."""
    if victim.kind == "group":
        head = _head(victim.label)
        return frozenset({f"group:{head}"}) if head else frozenset()
    return frozenset(skeleton(w) for w in words(victim.label) if len(w) > 1)


def name_matches(query: str, label: str) -> bool:
    """Search: every word of ``query`` is a word of ``label`` in some spelling ("Kasym" finds "Kassym
    Amanzhol", "Касым" finds it too; an initial "K." finds a word starting with K)."""
    wanted, found = words(query), words(label)
    return bool(wanted) and all(any(_agree(w, f) for f in found) for w in wanted)


def same_victim(a: VictimLike, b: VictimLike) -> bool:
    """Whether two victims are one for merging: same kind, and by kind the rules of the module docstring."""
    if a.kind != b.kind:
        return False
    if a.kind == "group":
        return same_group(a.label, b.label)
    if a.kind == "organisation":
        return same_organisation(a.label, b.label)
    return same_person(a.label, b.label)


def same_person(a: str, b: str) -> bool:
    """A shared surname and no conflict in the other names: "A. Sadykov" and "Aidos Sadykov" are one, "Aidos
    Sadykov" and "Aidos Bekov" are not (one shared given name), nor "A. Sadykov" and "B. Sadykov"; a name told
    alone ("Sadykov") joins the full one."""
    wa, wb = words(a), words(b)
    for x in (w for w in wa if len(w) > 1):
        for y in (w for w in wb if len(w) > 1):
            if not same_word(x, y):
                continue
            rest_a = [w for w in wa if w is not x]
            rest_b = [w for w in wb if w is not y]
            if not rest_a or not rest_b or any(_agree(p, q) for p in rest_a for q in rest_b):
                return True
    return False


def _agree(x: str, y: str) -> bool:
    """Two given names alike, or an initial and a name with that first letter ("A." and "Aidos", "Ж." and
    "Zhanar")."""
    if min(len(x), len(y)) > 1:
        return same_word(x, y)
    return name_key(x)[:1] == name_key(y)[:1]


def same_group(a: str, b: str) -> bool:
    """The same head noun ("journalists", "журналистов") and the same number, or none on either side."""
    head_a, head_b = _head(a), _head(b)
    return bool(head_a) and head_a == head_b and _number(a) == _number(b)


def same_organisation(a: str, b: str) -> bool:
    """All the words of the shorter name are words of the longer one ("Toplum TV" and "Toplum TV channel")."""
    keys_a = {name_key(w) for w in words(a) if len(w) > 1}
    keys_b = {name_key(w) for w in words(b) if len(w) > 1}
    if not keys_a or not keys_b:
        return False
    return keys_a <= keys_b or keys_b <= keys_a


def _head(description: str) -> str:
    """The last word of a group's description, stemmed: "three other women" gives ``women``."""
    found = [w for w in words(description) if w.lower() not in _NUMBERS]
    if not found:
        return ""
    word = found[-1].lower()
    if re.search(r"[а-яё]", word):
        stem = re.sub(r"[аеиоуыэюяйьвмх]{1,3}$", "", word) if len(word) > 5 else word
    else:
        stem = re.sub(r"(?<=[^s])(es|s)$", "", word) if len(word) > 3 else word
    return name_key(stem)


def _number(description: str) -> int | None:
    """The count a group's description gives ("40 protesters", "трое активистов"), if any."""
    for word in re.findall(r"\d+|[^\W\d_]+", description.lower()):
        if word.isdigit():
            return int(word)
        if word in _NUMBERS:
            return _NUMBERS[word]
    return None
