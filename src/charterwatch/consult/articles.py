"""The article numbers a proposal names: "статья 23", "статьи 23 и 24", "ст. 5", "article 20", "23-бап".

Citizens cite articles in every grammatical case and in three languages; a number cited is the strongest
sign of what a proposal is about, stronger than any similarity of words, so routing and uptake start here.
"""

from __future__ import annotations

import re

_NUM = r"\d{1,3}(?:[.-]\d{1,2})?"
_JOIN = r"(?:\s*(?:,|;|and|or|&|и|или|және|немесе|–|—|-)\s*)"
_LIST = rf"{_NUM}(?:{_JOIN}{_NUM})*"
# Keyword first: "статья 23", "ст. 23", "статьи 23, 24 и 25", "article 20", "arts. 5-7".
_KEYWORD_FIRST = re.compile(
    rf"(?<![\w])(?:стать(?:я|и|е|ю|ей|ёй|ям|ях|ями)|ст\.|articles?|arts?\.|бап(?:тар)?)\s*№?\s*({_LIST})",
    re.IGNORECASE,
)
# Number first: "23-бап", "23-бабында", "23-ю статью", "в 23 статье".
_NUMBER_FIRST = re.compile(
    rf"(?<![\w.-])({_NUM})(?:\s*-\s*(?:[а-яё]{{1,3}}\s+)?|\s+)(?:ба[пб]\w*|стать\w*)\b(?!\s*№?\s*\d)",
    re.IGNORECASE,
)
_ONE = re.compile(_NUM)
_RANGE = re.compile(r"(\d{1,3})\s*[–—-]\s*(\d{1,3})")
MAX_RANGE = 20


def named_articles(text: str) -> list[str]:
    """Article numbers named in ``text``, in order of first mention, each once ("44-1" and "67.1" kept whole)."""
    return list(named_article_spans(text))


def named_article_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """Each article number named in ``text`` (in order of first mention) with the spans of the citations."""
    found: list[tuple[int, int, str, tuple[int, int]]] = []
    for match in _KEYWORD_FIRST.finditer(text):
        found.extend((match.start(1), k, num, match.span()) for k, num in enumerate(_expand(match.group(1))))
    for match in _NUMBER_FIRST.finditer(text):
        found.append((match.start(1), 0, match.group(1), match.span()))
    spans: dict[str, list[tuple[int, int]]] = {}
    for _, _, num, span in sorted(found):
        spans.setdefault(num, []).append(span)
    return spans


def _expand(listed: str) -> list[str]:
    """The numbers of a cited list; "5-7" is a range when it goes up by at most MAX_RANGE, else "44-1"."""
    numbers: list[str] = []
    rest = listed
    while rest:
        span = _RANGE.match(rest)
        if span and 0 < int(span.group(2)) - int(span.group(1)) <= MAX_RANGE:
            numbers.extend(str(n) for n in range(int(span.group(1)), int(span.group(2)) + 1))
            rest = rest[span.end() :]
        elif one := _ONE.match(rest):
            numbers.append(one.group(0))
            rest = rest[one.end() :]
        rest = re.sub(rf"^{_JOIN}", "", rest) if rest else rest
        if rest and not rest[0].isdigit():
            break
    return numbers
