"""Dates in the text, resolved to ISO at the precision the words give.

Reports date events loosely: "late January 2017", "the following day", "in early February", "on Monday". A
date without a year takes the year of the last date in the same paragraph that had one (the story's own time),
else the one before the publication date; relative days count from the last date told (the extractor re-counts
them from the last event); weekdays and "yesterday" count from the publication
date. Vague offsets ("the week before") keep only the month.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta

from charterwatch.incidents.extraction.pipeline import DateMention, State, component
from charterwatch.incidents.model import IncidentDate

_MONTHS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
    "Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<m>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"
_MONTH_RU = (
    r"(?P<m>январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]"
    r"|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])(?![\w])"
)
_MONTHS_RU = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "ма": 5, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "окт": 10,
              "ноя": 11, "дек": 12}  # fmt: skip
_ORDINALS_RU = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8, "девят": 9,
    "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13, "четырнадцат": 14, "пятнадцат": 15,
    "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "тридцат": 30,
}  # fmt: skip
_ORDINAL_RU = (
    r"(?P<tens>двадцать\s+|тридцать\s+)?(?P<ord>"
    + "|".join(sorted(_ORDINALS_RU, key=len, reverse=True))
    + r")(?:ого|его|ьего|ое|ье|ий|ый|ьи)"
)
_WEEKDAYS_RU = {"понедельник": "monday", "вторник": "tuesday", "среду": "wednesday", "четверг": "thursday",
                "пятницу": "friday", "субботу": "saturday", "воскресенье": "sunday"}  # fmt: skip
_UNITS_RU = {"день": "day", "вечер": "day", "неделе": "week", "накануне": "day", "днем": "day", "днём": "day",
             "неделей": "week", "месяцем": "month"}  # fmt: skip
_NUMBER = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_UNIT = r"(?P<unit>day|days|morning|evening|night|afternoon|week|weeks|month|months)"

_EN_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RU_KEYS = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
_PARTS = ("day", "evening", "morning", "night", "afternoon")
_SAME_KEYS = tuple(f"{w} {p}" for w in ("same", "that") for p in _PARTS)
_AROUND_KEYS = tuple(
    f"{u} {d}" for u in ("day", "week", "month", "evening", "night") for d in ("after", "before")
)
_OFFSET_KEYS = (
    " later",
    " earlier",
    " ago",
    *_AROUND_KEYS,
    "days after",
    "days before",
    "weeks after",
    "weeks before",
)
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# (kind, pattern, words one of which the lower-cased text must contain for the pattern to be tried)
PATTERNS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("dmy", re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"), _EN_KEYS),
    ("mdy", re.compile(rf"\b{_MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+{_YEAR})?"), _EN_KEYS),
    (
        "my",
        re.compile(
            r"(?<![\w-])(?:(?:the\s+)?(?:early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of)[-\s]+)?"
            rf"{_MONTH}(?:\s+{_YEAR})?(?![\w-])"
        ),
        _EN_KEYS,
    ),
    ("dmy", re.compile(rf"\b{_ORDINAL_RU}\s+{_MONTH_RU}(?:\s+{_YEAR}(?:\s*(?:года|г\.))?)?", re.I), _RU_KEYS),
    ("dmy", re.compile(rf"\b(?P<d>[0-3]?\d)\s+{_MONTH_RU}(?:,?\s+{_YEAR}(?:\s*(?:года|г\.))?)?", re.I), _RU_KEYS),
    ("my", re.compile(rf"(?:\b(?:в\s+)?(?:начале|конце|середине)\s+|\bв\s+){_MONTH_RU}(?:\s+{_YEAR}(?:\s*(?:года|г\.))?)?", re.I), _RU_KEYS),
    ("my", re.compile(rf"\b{_MONTH_RU}\s+{_YEAR}", re.I), _RU_KEYS),
    ("num", re.compile(r"(?<![\w/.-])(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?![\w/-])"), ("19", "20")),
    ("num", re.compile(r"(?<![\w/.-])(?P<d>[0-3]\d)\.(?P<mo>[01]\d)\.(?P<y>(?:19|20)\d\d)(?![\w/-])"), ("19", "20")),
    ("y", re.compile(rf"\b{_YEAR}"), ("19", "20")),
    ("same", re.compile(r"\bв\s+тот\s+же\s+(?P<unit>день|вечер)", re.I), ("тот же",)),
    ("next", re.compile(r"\bна\s+следующий\s+(?P<unit>день)|\bна\s+следующей\s+(?P<unit2>неделе)", re.I), ("следующ",)),
    ("prev", re.compile(r"\b(?P<unit>накануне)", re.I), ("накануне",)),
    ("around", re.compile(r"\b(?P<unit>дн[её]м|неделей|месяцем)\s+(?P<dir>ранее|раньше|позже|позднее)", re.I), ("ранее", "раньше", "позже", "позднее")),
    ("pub", re.compile(r"\b(?P<w>вчера|сегодня)\b", re.I), ("вчера", "сегодня")),
    ("weekday", re.compile(r"\bв[о]?\s+(?P<w>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b", re.I), tuple(_WEEKDAYS_RU)),
    ("same", re.compile(r"\b(?:(?:the\s+)?same|that)\s+(?P<unit>day|evening|morning|night|afternoon)\b", re.I), _SAME_KEYS),
    ("next", re.compile(rf"\b(?:the\s+)?(?:following|next)\s+{_UNIT}\b", re.I), ("following ", "next ")),
    ("prev", re.compile(rf"\b(?:the\s+)?(?:previous|preceding)\s+{_UNIT}\b", re.I), ("previous", "preceding")),
    ("around", re.compile(rf"\bthe\s+{_UNIT}\s+(?P<dir>after|before)\b", re.I), _AROUND_KEYS),
    ("offset", re.compile(rf"(?<!for )(?<!For )\b(?P<n>\d+|a|one|two|three|four|five|six|seven|ten)\s+{_UNIT}\s+(?P<dir>later|earlier|after|before|ago)\b", re.I), _OFFSET_KEYS),
    ("pub", re.compile(r"\b(?P<w>yesterday|today|this\s+week|last\s+week|this\s+month|last\s+month|this\s+year|last\s+year)\b", re.I), ("yesterday", "today", "this ", "last ")),
    ("weekday", re.compile(r"\b(?:(?i:on|last|this)\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!\s+prayers?)"), _WEEKDAY_KEYS),
]  # fmt: skip


def _ordinal_day(groups: dict[str, str]) -> int | None:
    """ "семнадцатого мая", "двадцать первого мая": a day written as an ordinal word."""
    if not groups.get("ord"):
        return None
    tens = {"двадцать": 20, "тридцать": 30}.get((groups.get("tens") or "").strip().lower(), 0)
    return tens + _ORDINALS_RU[groups["ord"].lower()]


def _month(word: str) -> int:
    if word[:3] in _MONTHS:
        return _MONTHS[word[:3]]
    word = word.lower()
    return _MONTHS_RU.get(word[:3]) or _MONTHS_RU[word[:2]]


def _cut(day: date, precision: str) -> IncidentDate:
    if precision == "day":
        return IncidentDate(day.isoformat(), "day")
    if precision == "month":
        return IncidentDate(day.isoformat()[:7], "month")
    return IncidentDate(str(day.year), "year")


def _as_date(value: IncidentDate) -> date:
    parts = [int(p) for p in value.value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def shift_date(anchor: IncidentDate, unit: str, count: int) -> IncidentDate:
    """``anchor`` moved by ``count`` days, weeks or months; a week's shift keeps only the month."""
    start = _as_date(anchor)
    if unit == "month":
        month = start.month - 1 + count
        shifted = date(start.year + month // 12, month % 12 + 1, 1)
        return _cut(shifted, "month" if anchor.precision != "year" else "year")
    days = count * (7 if unit == "week" else 1)
    precision = anchor.precision if unit != "week" or anchor.precision == "year" else "month"
    return _cut(start + timedelta(days=days), precision)


class DateResolver:
    """Resolves date expressions in reading order, remembering the story's last date and year."""

    def __init__(self, published: date | None, *, partial: bool = False) -> None:
        self.published = published
        self.partial = partial  # only a month or year is known: it tells years, not weekdays
        self.anchor: IncidentDate | None = None
        self.year: int | None = None
        self.year_paragraph = -1
        self.paragraph = 0
        self.shift: tuple[str, int] | None = None

    def _year_for(self, month: int) -> int | None:
        if self.year is not None and (self.published is None or self.year_paragraph == self.paragraph):
            return self.year
        if self.published is not None:
            return self.published.year if month <= self.published.month else self.published.year - 1
        return self.year

    def _set_year(self, year: int) -> None:
        self.year, self.year_paragraph = year, self.paragraph

    def resolve(self, kind: str, m: re.Match[str], *, text: str) -> tuple[IncidentDate | None, bool]:
        groups = m.groupdict()
        if kind in ("dmy", "mdy", "my"):
            month = int(groups["mn"]) if groups.get("mn") else _month(groups["m"])
            if not 1 <= month <= 12:
                return None, False
            year = int(groups["y"]) if groups.get("y") else self._year_for(month)
            if year is None:
                return None, False
            if groups.get("y"):
                self._set_year(year)
            day = int(groups["d"]) if groups.get("d") else _ordinal_day(groups)
            if day is not None and not 1 <= day <= 31:
                return None, False
            if day is None:
                return IncidentDate(f"{year:04d}-{month:02d}", "month"), False
            try:
                return IncidentDate(date(year, month, day).isoformat(), "day"), False
            except ValueError:
                return None, False
        if kind == "num":  # "2023-03-03", "16.12.2012": a whole day in figures
            try:
                day_date = date(int(groups["y"]), int(groups["mo"]), int(groups["d"]))
            except ValueError:
                return None, False
            self._set_year(day_date.year)
            return IncidentDate(day_date.isoformat(), "day"), False
        if kind == "y":
            self._set_year(int(groups["y"]))
            return IncidentDate(groups["y"], "year"), False
        if kind == "pub" and groups["w"].lower() in ("вчера", "сегодня"):
            return self._from_publication(
                {"вчера": "yesterday", "сегодня": "today"}[groups["w"].lower()]
            ), False
        if kind in ("pub", "weekday"):
            word = groups["w"].lower()
            return self._from_publication(_WEEKDAYS_RU.get(word, word)), False
        return self._relative(kind, groups, m, text=text)

    def _relative(
        self, kind: str, groups: dict[str, str], m: re.Match[str], *, text: str
    ) -> tuple[IncidentDate | None, bool]:
        if self.anchor is None:
            return None, False
        unit = groups.get("unit") or groups.get("unit2") or ""
        unit = _UNITS_RU.get(unit.lower(), unit).rstrip("s")
        count = {"same": 0, "next": 1, "prev": -1, "around": 1}.get(kind)
        if count is None:
            count = int(groups["n"]) if groups["n"].isdigit() else _NUMBER[groups["n"].lower()]
        backwards = False
        direction = (groups.get("dir") or "").lower()
        if direction in ("earlier", "before", "ago", "ранее", "раньше"):
            count = -count
        if kind == "around" and direction in ("after", "before") and re.match(r"\s+[\w“\"]", text[m.end() :]):
            count, backwards = -count, True  # "the week after X was detained": X came first
        self.shift = (unit, count)
        return shift_date(self.anchor, unit, count), backwards

    def _from_publication(self, word: str) -> IncidentDate | None:
        if self.published is None or self.partial:
            return None
        pub = self.published
        if word in _WEEKDAYS:
            back = (pub.weekday() - _WEEKDAYS.index(word)) % 7
            return _cut(pub - timedelta(days=back), "day")
        table = {
            "yesterday": (pub - timedelta(days=1), "day"),
            "today": (pub, "day"),
            "this week": (pub, "month"),
            "last week": (pub - timedelta(days=7), "month"),
            "this month": (pub, "month"),
            "last month": (pub.replace(day=1) - timedelta(days=1), "month"),
            "this year": (pub, "year"),
            "last year": (pub.replace(year=pub.year - 1), "year"),
        }
        day, precision = table[" ".join(word.split())]
        return _cut(day, precision)


def _matches(text: str, start: int, end: int) -> list[tuple[int, int, str, re.Match[str]]]:
    """Every date expression of ``text[start:end]`` in order; where patterns overlap, the earlier pattern wins."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    lower = text[start:end].lower()
    for kind, pattern, keys in PATTERNS:
        if not any(key in lower for key in keys):
            continue
        for m in pattern.finditer(text, start, end):
            if any(m.start() < e and s < m.end() for s, e in taken) or _in_address(text, m.start()):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda f: f[0])
    return [  # "в субботу, 9 апреля", "on Monday, March 3": the date says it, the weekday only repeats it
        f
        for k, f in enumerate(found)
        if f[2] != "weekday" or k + 1 == len(found) or found[k + 1][0] - f[1] > 3
    ]


_ADDRESS = re.compile(r"(?:https?://|www\.|\w\.\w{2,6}/)")


def _in_address(text: str, at: int) -> bool:
    """Whether ``at`` lies in a web address ("site.kz/news/1905-title"): its numbers are no dates."""
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    return bool(_ADDRESS.search(text, start, at + 1)) if start < at else False


def _resolve(
    found: list[tuple[int, int, str, re.Match[str]]], text: str, resolver: DateResolver, sentence: int
) -> list[DateMention]:
    mentions: list[DateMention] = []
    for s, e, kind, m in found:
        resolver.shift = None
        last = mentions[-1] if mentions else None
        if _year_of_previous(kind, m, last, text, s) and last is not None and last.date is not None:
            last.date = _in_year(last.date, resolver.resolve(kind, m, text=text)[0])
            last.end = e  # "November 20 last year": one date, in the year the words say
            resolver.anchor = last.date
            continue
        value, backwards = resolver.resolve(kind, m, text=text)
        if value is not None and not backwards:
            resolver.anchor = value
        mentions.append(DateMention(s, e, sentence, value, backwards, resolver.shift))
    return mentions


def _year_of_previous(kind: str, m: re.Match[str], last: DateMention | None, text: str, start: int) -> bool:
    """ "November 20 last year", "in May this year": the year words qualify the month just told."""
    if kind != "pub" or last is None or "year" not in m.group("w").lower() or text[last.end : start].strip():
        return False
    return last.date is not None and last.date.precision != "year" and not last.shift


def _in_year(value: IncidentDate, year: IncidentDate | None) -> IncidentDate:
    if year is None:
        return value
    return IncidentDate(year.value[:4] + value.value[4:], value.precision)


def find_dates(
    text: str, start: int, end: int, resolver: DateResolver, sentence: int, *, paragraph: int = 0
) -> list[DateMention]:
    """Date mentions of ``text[start:end]``, resolved in reading order."""
    resolver.paragraph = paragraph
    return _resolve(_matches(text, start, end), text, resolver, sentence)


def reference_date(published: str | None) -> date | None:
    """The publication date as a reference for relative dates; a month or year alone counts from its start."""
    if not published:
        return None
    parts = published[:10].split("-")
    try:
        numbers = [int(p) for p in parts[:3]] + [1] * (3 - len(parts[:3]))
        return date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        return None


@component("incidents.dates.v1")
def dates_v1(state: State) -> None:
    partial = not state.source.published and state.published_partial is not None
    resolver = DateResolver(
        reference_date(state.source.published or state.published_partial), partial=partial
    )
    found = _matches(state.text, 0, len(state.text))
    starts = [f[0] for f in found]
    for sentence in state.sentences:
        lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        if lo < hi:
            resolver.paragraph = sentence.paragraph
            state.dates += _resolve(found[lo:hi], state.text, resolver, sentence.index)
