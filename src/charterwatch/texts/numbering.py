"""Recognise the printed numbering of constitutions: headings, paragraphs, items and editorial notes.

English, Russian and Kazakh texts number their parts differently ("Article 5", "Статья 5.", "5-бап";
"Section I", "Раздел I", "РАЗДЕЛ ПЕРВЫЙ", "I бөлім"). Each pattern here is anchored and free of nested
quantifiers, so classifying a line costs time linear in its length whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

LineKind = Literal["blank", "section", "chapter", "article", "paragraph", "item", "note", "text"]

_ROMAN = re.compile(r"^[IVXLC]+$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
RU_ORDINALS = {
    "ПЕРВЫЙ": 1,
    "ВТОРОЙ": 2,
    "ТРЕТИЙ": 3,
    "ЧЕТВЕРТЫЙ": 4,
    "ЧЕТВЁРТЫЙ": 4,
    "ПЯТЫЙ": 5,
    "ШЕСТОЙ": 6,
    "СЕДЬМОЙ": 7,
    "ВОСЬМОЙ": 8,
    "ДЕВЯТЫЙ": 9,
    "ДЕСЯТЫЙ": 10,
    "ОДИННАДЦАТЫЙ": 11,
    "ДВЕНАДЦАТЫЙ": 12,
}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

_NUM = r"(?P<num>\d{1,4}(?:[-.]\d{1,3})?|\d{1,4}[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})"
_REST = r"(?:\s*[.:]?\s+(?P<rest>\S.*))?"
_ORD = "|".join(RU_ORDINALS)

_ARTICLE = [
    re.compile(rf"^(?:Article|ARTICLE|Art\.)\s+{_NUM}\s*\.?{_REST}$"),
    re.compile(rf"^(?:Статья|СТАТЬЯ|Ст\.)\s+{_NUM}\s*\.?{_REST}$"),
    re.compile(rf"^{_NUM}\s*-\s*(?:бап|БАП)\s*\.?{_REST}$"),
]
_SECTION = [
    re.compile(rf"^(?:Section|SECTION|Part|PART)\s+(?P<num>[IVXLC]+|\d{{1,2}})\s*\.?{_REST}$"),
    re.compile(rf"^(?:Раздел|РАЗДЕЛ)\s+(?P<num>[IVXLC]+|\d{{1,2}}|{_ORD})\s*\.?{_REST}$", re.IGNORECASE),
    re.compile(rf"^(?P<num>[IVXLC]+|\d{{1,2}})\s*-?\s*(?:бөлім|БӨЛІМ)\s*\.?{_REST}$"),
]
_CHAPTER = [
    re.compile(rf"^(?:Chapter|CHAPTER)\s+(?P<num>[IVXLC]+|\d{{1,3}})\s*\.?{_REST}$"),
    re.compile(rf"^(?:Глава|ГЛАВА)\s+(?P<num>[IVXLC]+|\d{{1,3}}(?:\.\d{{1,2}})?)\s*\.?{_REST}$"),
    re.compile(rf"^(?P<num>\d{{1,3}})\s*-\s*(?:тарау|ТАРАУ)\s*\.?{_REST}$"),
]
_PARAGRAPH = re.compile(r"^(?P<num>\d{1,3}(?:-\d{1,2})?)\.(?:\s+|(?=[^\W\d_]))(?P<rest>\S.*)$")
_ITEM = re.compile(r"^(?P<num>\d{1,3}(?:-\d{1,2})?|[а-яёa-z])\)\s+(?P<rest>\S.*)$")
_NOTE = re.compile(
    r"^(?:Footnote|Note|Сноска|Примечание|Ескерту|Ескертпе|Түсінік)\s*[.:]\s*\S", re.IGNORECASE
)
_EDITORIAL = r"(?:в\s+редакции|введен[аоы]?|утратил[аио]?\s+силу|исключен[аоы]?|as\s+amended|inserted\s+by)"
_EDITORIAL_LINE = re.compile(rf"^\((?:[^()\n]{{0,60}}?\s)?{_EDITORIAL}[^\n]*\)$", re.IGNORECASE)
_EDITORIAL_TAIL = re.compile(
    rf"\s\((?:[^()\n]{{0,60}}?\s)?{_EDITORIAL}[^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)$", re.IGNORECASE
)


@dataclass(frozen=True)
class LineMatch:
    """What one stripped line is: its kind, printed number and the words after the number."""

    kind: LineKind
    num: str | None = None
    rest: str | None = None
    rest_at: int = 0  # where ``rest`` starts in the stripped line
    run_on: bool = False  # a heading whose words follow the number with no "." or ":" between them


def roman_to_int(numeral: str) -> int:
    total = 0
    previous = 0
    for char in reversed(numeral):
        value = _ROMAN_VALUES[char]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def ordinal_value(num: str) -> int | None:
    """The integer a section or chapter number stands for ("IV" -> 4, "ПЕРВЫЙ" -> 1, "3" -> 3)."""
    if num.isdigit():
        return int(num)
    if _ROMAN.match(num):
        return roman_to_int(num)
    return RU_ORDINALS.get(num.upper())


def _heading(patterns: list[re.Pattern[str]], line: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.match(line)
        if match:
            return match
    return None


def _plausible_heading_rest(rest: str | None) -> bool:
    """Words after a heading number are a title, not a sentence that happens to start with 'Статья 5'."""
    if rest is None:
        return True
    return not rest[0].islower() and len(rest) <= 300


def classify(line: str) -> LineMatch:
    """Classify one line (leading and trailing whitespace ignored)."""
    stripped = line.strip()
    if not stripped:
        return LineMatch("blank")
    if _NOTE.match(stripped) or _EDITORIAL_LINE.match(stripped):
        return LineMatch("note", rest=stripped)
    heading_kinds: tuple[tuple[LineKind, list[re.Pattern[str]]], ...] = (
        ("article", _ARTICLE),
        ("section", _SECTION),
        ("chapter", _CHAPTER),
    )
    for kind, patterns in heading_kinds:
        match = _heading(patterns, stripped)
        if match and _plausible_heading_rest(match.group("rest")):
            num = match.group("num")
            if num.upper() in RU_ORDINALS:
                num = str(RU_ORDINALS[num.upper()])
            rest = match.group("rest")
            rest_at = match.start("rest") if rest else len(stripped)
            run_on = rest is not None and not re.search(r"[.:\-–—]\s*$", stripped[:rest_at])
            return LineMatch(kind, num=num, rest=rest, rest_at=rest_at, run_on=run_on)
    match = _PARAGRAPH.match(stripped)
    if match:
        return LineMatch(
            "paragraph", num=match.group("num"), rest=match.group("rest"), rest_at=match.start("rest")
        )
    match = _ITEM.match(stripped)
    if match:
        return LineMatch(
            "item", num=match.group("num"), rest=match.group("rest"), rest_at=match.start("rest")
        )
    return LineMatch("text", rest=stripped)


def split_editorial_tail(text: str) -> int | None:
    """Where a trailing editorial mark such as "(В редакции Закона ... № 1-ФКЗ)" starts in ``text``, if any."""
    match = _EDITORIAL_TAIL.search(text)
    return match.start() + 1 if match else None


def article_number(printed: str) -> str:
    """Normalise a printed article number: superscripts become a dotted suffix ("67¹" -> "67.1")."""
    digits = printed.rstrip("⁰¹²³⁴⁵⁶⁷⁸⁹")
    if digits != printed:
        return f"{digits}.{printed[len(digits) :].translate(_SUPERSCRIPTS)}"
    return printed


def restore_flattened(numbers: list[str]) -> list[str]:
    """Undo superscripts flattened into plain digits, judged from the sequence ("67", "671", "68" -> "67.1").

    A number reads as ``prev.k`` when it is not the next in sequence, its digits start with the previous
    regular number followed by one or two more digits, and the next regular heading continues from ``prev``.
    """
    restored = list(numbers)
    previous: int | None = None
    for index, num in enumerate(numbers):
        if not num.isdigit():
            continue
        value = int(num)
        if (
            previous is not None
            and value != previous + 1
            and _is_flattened(num, previous, numbers[index + 1 :])
        ):
            restored[index] = f"{previous}.{num[len(str(previous)) :]}"
            continue
        previous = value
    return restored


def _is_flattened(num: str, previous: int, following: list[str]) -> bool:
    prefix = str(previous)
    suffix = num[len(prefix) :]
    if not num.startswith(prefix) or not 1 <= len(suffix) <= 2 or suffix.startswith("0"):
        return False
    for later in following:
        if later.isdigit():
            later_value = int(later)
            if later_value == previous + 1:
                return True
            if later.startswith(prefix) and later_value > previous + 1:
                continue  # another flattened number of the same run ("671", "672")
            return False
    return True
