"""Recognise the printed numbering of constitutions: headings, paragraphs, items and editorial notes.

English, Russian and Kazakh texts number their parts differently ("Article 5", "Статья 5.", "5-бап";
"Section I", "Раздел I", "РАЗДЕЛ ПЕРВЫЙ", "I бөлім"). Each pattern here is anchored and free of nested
quantifiers, so classifying a line costs time linear in its length whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from charterwatch.texts.numbering_inserted import inserted_number
from charterwatch.texts.numbering_ordinals import EN_ORDINALS, ROMAN_CHARS, RU_ORDINALS, roman_latin

LineKind = Literal["blank", "section", "chapter", "article", "paragraph", "item", "note", "text"]

_SUP = "[⁰¹²³⁴⁵⁶⁷⁸⁹]"
# An article number as printed: 5, 44-1, 32.1, 67¹, 21A (an inserted article in English texts).
_NUM = rf"(?P<num>\d{{1,4}}(?:[-.]\d{{1,3}})?|\d{{1,4}}{_SUP}{{1,2}}|\d{{1,4}}[A-Z](?![A-Za-z]))"
# Between the number and the words: a space, a "." or ":", and in some editions a dash ("Article 1. - La ...",
# "TITRE I - De ...").
_REST = r"(?:\s*[.:]?(?:\s+[-–—])?\s+(?P<rest>\S.*))?"
# The first article or title in French: "Article premier", "Article 1er", "Titre premier".
_FIRST = "premier|Premier|PREMIER|1er"
_RNUM = rf"[{ROMAN_CHARS}]+"
_ORD = "|".join(RU_ORDINALS)
_EN_ORD = "|".join(EN_ORDINALS)
# A page number or page counter alone on its line ("12", "1/50", "- 3 -", "Page 3 of 10"): page furniture.
_PAGE_FURNITURE = re.compile(
    r"^(?:-\s*)?(?:(?:page|стр\.?)\s*)?\d{1,4}(?:\s*(?:/|of|из)\s*\d{1,4})?(?:\s*-)?$", re.I
)

_ARTICLE = [
    re.compile(rf"^(?:Article|ARTICLE|Art\.)\s+{_NUM}\s*\.?{_REST}$"),
    re.compile(rf"^(?:Article|ARTICLE)\s+(?P<num>{_FIRST})\s*\.?{_REST}$"),
    re.compile(rf"^(?:Статья|СТАТЬЯ|Ст\.|Стаття|СТАТТЯ)\s+{_NUM}\s*\.?{_REST}$"),
    re.compile(rf"^{_NUM}\s*-\s*(?:бап|БАП)\s*\.?{_REST}$"),
]
_SECTION = [
    re.compile(rf"^(?:Section|SECTION|Part|PART)(?:\s+|\s*-\s*)(?P<num>{_RNUM}|\d{{1,3}})\s*\.?{_REST}$"),
    re.compile(rf"^(?:Titre|TITRE)\s+(?P<num>{_RNUM}|\d{{1,3}}|{_FIRST})\s*\.?{_REST}$"),
    re.compile(
        rf"^(?:Раздел|РАЗДЕЛ|Розділ|РОЗДІЛ)\s+(?P<num>{_RNUM}|\d{{1,2}}|{_ORD})\s*\.?{_REST}$", re.IGNORECASE
    ),
    re.compile(rf"^(?P<num>{_RNUM}|\d{{1,2}})\s*-?\s*(?:бөлім|БӨЛІМ)\s*\.?{_REST}$"),
]
_CHAPTER = [
    re.compile(rf"^(?:Chapter|CHAPTER)\s+(?P<num>{_RNUM}|\d{{1,3}}|{_EN_ORD})\s*\.?{_REST}$", re.IGNORECASE),
    re.compile(rf"^(?:Chapitre|CHAPITRE)\s+(?P<num>{_RNUM}|\d{{1,3}}|{_FIRST})\s*\.?{_REST}$"),
    re.compile(rf"^(?:Глава|ГЛАВА)\s+(?P<num>{_RNUM}|\d{{1,3}}(?:\.\d{{1,2}})?)\s*\.?{_REST}$"),
    re.compile(rf"^(?P<num>\d{{1,3}})\s*-\s*(?:тарау|ТАРАУ)\s*\.?{_REST}$"),
]
# Paragraphs "1.", "3-1.", "3.1.", "3¹." and "(1)"; items "1)", "1-1)", "а)", "(a)", "(iv)".
_PNUM = rf"\d{{1,3}}(?:[-.]\d{{1,2}})?|\d{{1,3}}{_SUP}{{1,2}}"
# A numbered line may also carry an inserted number in the English manner ("2A. [Sikkim ...]").
_PARAGRAPH = re.compile(rf"^(?P<num>{_PNUM}|\d{{1,3}}[A-Z])\.(?:\s+|(?=[^\W\d_]|\[))(?P<rest>\S.*)$")
_PARAGRAPH_BRACKETED = re.compile(r"^\((?P<num>\d{1,3}[A-Z]?)\)\s*(?P<rest>\S.*)$")
_ITEM = re.compile(rf"^(?P<num>{_PNUM}|[а-яёa-z])\)\s+(?P<rest>\S.*)$")
_ITEM_BRACKETED = re.compile(r"^\((?P<num>[a-z]{1,2}|[ivx]{1,5})\)\s*(?P<rest>\S.*)$")
# A provision that is kept in the numbering but no longer in force: "Исключена.", "утратила силу", "Repealed".
_REPEALED = re.compile(
    r"(?i)^[(\[]?\s*(?:(?:исключен[аоы]?|утратил[аио]?\s+силу|repealed|deleted|omitted|алып\s+тасталды|"
    r"күші\s+жойылды)\b|omitted(?=by\b))"  # "Omittedby the Constitution ...": words run together in a PDF
)
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
    bracketed: bool = False  # a part numbered "(1)" or "(a)" rather than "1." or "a)"

    @property
    def doubtful(self) -> bool:
        """A heading that may be a sentence quoting a number ("Статья 5 Конституции ..."): the numbering
        sequence decides."""
        return self.run_on or (self.rest is not None and self.rest[0].islower())


def is_repealed_text(text: str) -> bool:
    """Whether a provision's own words say it was repealed ("Исключена.", "утратила силу", "Repealed")."""
    return len(text) <= 400 and _REPEALED.match(text.strip()) is not None


def _heading(patterns: list[re.Pattern[str]], line: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.match(line)
        if match:
            return match
    return None


def _plausible_heading_rest(rest: str | None) -> bool:
    """Words after a section or chapter number are a title, not a sentence that happens to start with one.

    Articles are not judged here: their words may be a whole first part of any length, and the numbering
    sequence of the document decides whether a doubtful line is a heading (``parse``)."""
    if rest is None:
        return True
    return not rest[0].islower() and len(rest) <= 300


def classify(line: str) -> LineMatch:
    """Classify one line (leading and trailing whitespace ignored)."""
    stripped = line.strip()
    if not stripped or _PAGE_FURNITURE.match(stripped):
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
        if match is None:
            continue
        numbered_unit = kind == "article" or (kind == "section" and match.group("num").isdigit())
        if numbered_unit or _plausible_heading_rest(match.group("rest")):
            num = match.group("num")
            if num.lower() in ("premier", "1er"):
                num = "1"
            elif num.upper() in RU_ORDINALS:
                num = str(RU_ORDINALS[num.upper()])
            elif num.upper() in EN_ORDINALS:
                num = str(EN_ORDINALS[num.upper()])
            elif kind != "article" and not num.isdigit():
                num = roman_latin(num)
            rest = match.group("rest")
            rest_at = match.start("rest") if rest else len(stripped)
            run_on = rest is not None and not re.search(r"[.:\-–—]\s*$", stripped[:rest_at])
            return LineMatch(kind, num=num, rest=rest, rest_at=rest_at, run_on=run_on)
    numbered: tuple[tuple[LineKind, re.Pattern[str]], ...] = (
        ("paragraph", _PARAGRAPH),
        ("item", _ITEM),
        ("paragraph", _PARAGRAPH_BRACKETED),
        ("item", _ITEM_BRACKETED),
    )
    for kind, pattern in numbered:
        match = pattern.match(stripped)
        if match:
            return LineMatch(
                kind,
                num=inserted_number(match.group("num")),
                rest=match.group("rest"),
                rest_at=match.start("rest"),
                bracketed=stripped.startswith("("),
            )
    return LineMatch("text", rest=stripped)


def split_editorial_tail(text: str) -> int | None:
    """Where a trailing editorial mark such as "(В редакции Закона ... № 1-ФКЗ)" starts in ``text``, if any."""
    match = _EDITORIAL_TAIL.search(text)
    return match.start() + 1 if match else None
