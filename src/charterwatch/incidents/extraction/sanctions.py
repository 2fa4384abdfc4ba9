"""Sanctions told with an action: days of administrative arrest, fines with their currency, prison terms.

Where nothing can be counted, the action's own words as the parse bounds them ("briefly detained outside the
mosque", "questioned by police for several hours") say what was imposed. A sanction belongs to the nearest
action before it in the sentence ("sentenced to 15 days of administrative
arrest", "fined an equivalent of about 300 EUR"); days of arrest turn a "sentenced"/"jailed" into an
administrative arrest, the way monitors count it.
"""

from __future__ import annotations

import re
from functools import cache

from charterwatch.incidents.extraction.lexicon import lexicon
from charterwatch.incidents.extraction.pipeline import State, Trigger, component
from charterwatch.incidents.model import Sanction

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
    "thirty": 30, "a": 1, "an": 1,
}  # fmt: skip
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
NUM = r"(?:\d{1,3}(?:[,\s]\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|several|a\s+few)"
AMOUNT = rf"(?P<amount>{NUM}(?:\s+(?:hundred|thousand|million|billion))?)"
_ARREST = [
    rf"\b(?P<n>{NUM})[\s-]+days?['’]?(?:\s+(?:of|in))?\s+(?:administrative\s+)?(?:arrest|detention|jail|prison)",
    rf"\b(?:administrative\s+arrest|jailed|detained|arrested)\s+(?:for|of)\s+(?P<n>{NUM})\s+days",
]
_PRISON = [
    rf"\b(?:sentenced\s+to|jailed\s+for|imprisoned\s+for|a\s+term\s+of|(?:prison|jail)\s+(?:term|sentence)\s+of)\s+"
    rf"(?P<n>{NUM})\s+(?P<u>years?|months?)(?:\s+and\s+(?P<n2>{NUM})\s+months?)?"
    r"(?:\s+(?:in\s+(?:prison|jail|a\s+[\w-]+\s+colony)|of\s+(?:imprisonment|restricted\s+freedom)|behind\s+bars))?",
    rf"\b(?P<n>{NUM})[\s-]+(?P<u>years?|months?)['’]?\s+(?:in\s+prison|of\s+imprisonment|imprisonment|(?:prison|jail)\s+(?:term|sentence))",
]

# told as the sanction by monitors, without parts to count: how long a detention lasted, what was seized
_OTHER = re.compile(
    rf"\b(?:held|kept|detained)\s+for\s+(?:(?:about|some|over|more\s+than|nearly|up\s+to)\s+)?{NUM}\s+hours?"
    r"|\bconfiscat(?:ed|ing)\s+[^.;]{3,100}?(?=[.;]|$|,\s+(?:and|while|but|as)\b)",
    re.I,
)


_NUM_RU = (
    r"(?:\d+|один|одни|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|пятнадцать|двадцать|тридцать)"
)
_RU_WORDS = {"один": 1, "одни": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
             "восемь": 8, "девять": 9, "десять": 10, "пятнадцать": 15, "двадцать": 20, "тридцать": 30}  # fmt: skip
_ARREST_RU = re.compile(rf"\bна\s+(?P<n>{_NUM_RU})\s+(?:суток|сутки)", re.I)
_PRISON_RU = re.compile(
    rf"\bк\s+(?P<n>{_NUM_RU})\s+(?P<u>год\w*|лет|месяц\w*)\s+(?:лишения\s+свободы|заключения|колонии|тюрьмы"
    r"|ограничения\s+свободы)",
    re.I,
)
_FINE_RU = re.compile(
    r"(?:оштрафова\w*|штраф\w*)(?:\s+[^\s\d.,;]+){0,4}?\s+(?:около\s+|более\s+)?"
    r"(?P<amount>\d[\d\s]*\d|\d)(?:\s+(?P<scale>тысяч\w*|тыс\.|миллион\w*|млн))?\s*"
    r"(?P<cur>тенге|МРП|сом\w*|руб\w*|евро|долл\w*|минимальн\w+\s+расчетн\w+\s+показател\w+)",
    re.I,
)
_CURRENCY_RU = {
    "тен": "KZT",
    "мрп": "MCI",
    "сом": "KGS",
    "руб": "RUB",
    "евр": "EUR",
    "дол": "USD",
    "мин": "MCI",
}


def _russian(text: str, start: int, end: int) -> list[tuple[int, int, Sanction]]:
    found = []
    for m in _ARREST_RU.finditer(text, start, end):
        days = _RU_WORDS.get(m.group("n").lower()) or int(m.group("n")) if m.group("n").isdigit() else None
        found.append((m.start(), m.end(), Sanction(m.group(), arrest_days=days)))
    for m in _PRISON_RU.finditer(text, start, end):
        n = int(m.group("n")) if m.group("n").isdigit() else _RU_WORDS[m.group("n").lower()]
        months = n * (1 if m.group("u").lower().startswith("месяц") else 12)
        found.append((m.start(), m.end(), Sanction(m.group(), prison_months=months)))
    for m in _FINE_RU.finditer(text, start, end):
        amount = float(re.sub(r"\s", "", m.group("amount")))
        scale = (m.group("scale") or "").lower()
        amount *= 1_000 if scale.startswith("тыс") else 1_000_000 if scale.startswith(("милл", "млн")) else 1
        currency = _CURRENCY_RU[m.group("cur").lower()[:3]]
        found.append((m.start(), m.end(), Sanction(m.group(), fine_amount=amount, fine_currency=currency)))
    return found


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = sorted((w for ws in lexicon("en").raw["currencies"].values() for w in ws), key=len, reverse=True)
    currency = "(?P<cur>" + "|".join(re.escape(w) for w in words) + r")(?![\w])"
    fine = re.compile(
        r"(?:fined(?:\s+[^\s\d.;]+){0,10}?|a\s+fine\s+of|to\s+pay(?:\s+a\s+total\s+of)?|damages\s+of)\s+"
        r"(?:(?:an?|the)\s+equivalent\s+of\s+)?"
        r"(?:(?:about|some|around|over|more\s+than|almost|nearly|approximately|up\s+to)\s+)?"
        rf"(?:{currency}\s*)?{AMOUNT}\s*(?:{currency.replace('cur', 'cur2')})?",
        re.I,
    )
    arrest = re.compile(
        f"(?:{_ARREST[0]})|(?:{_ARREST[1].replace('<n>', '<n2>')})".replace("<n>", "<n1>"), re.I
    )
    prison = re.compile(_PRISON[0] + "|" + _PRISON[1].replace("<n>", "<m>").replace("<u>", "<v>"), re.I)
    return fine, arrest, prison


def number(text: str | None) -> float | None:
    """ "50 million" -> 50000000.0, "five" -> 5.0, "138,000" -> 138000.0; "several" -> None."""
    if not text:
        return None
    parts = text.lower().split()
    scale = _SCALE.get(parts[-1], 1) if len(parts) > 1 else 1
    head = " ".join(parts[:-1]) if scale != 1 else text.lower()
    head = re.sub(r"[,\s]", "", head)
    value = float(head) if re.fullmatch(r"\d+(?:\.\d+)?", head) else _WORDS.get(head)
    return None if value is None else float(value) * scale


def _currency(word: str) -> str | None:
    for code, words in lexicon("en").raw["currencies"].items():
        if word.lower() in words:
            return str(code)
    return None


def find_sanctions(text: str, start: int, end: int) -> list[tuple[int, int, Sanction]]:
    fine, arrest, prison = _patterns()
    found = []
    for m in arrest.finditer(text, start, end):
        days = number(m.group("n1") or m.group("n2"))
        found.append((m.start(), m.end(), Sanction(m.group(), arrest_days=int(days) if days else None)))
    for m in prison.finditer(text, start, end):
        n, unit = (m.group("n"), m.group("u")) if m.group("n") else (m.group("m"), m.group("v"))
        value = number(n)
        months = None if value is None else int(value * (12 if unit.lower().startswith("year") else 1))
        if months is not None and m.group("n2"):
            months += int(number(m.group("n2")) or 0)
        found.append((m.start(), m.end(), Sanction(m.group(), prison_months=months)))
    for m in fine.finditer(text, start, end):
        word = m.group("cur") or m.group("cur2")
        if word:
            first = min(m.start("amount"), m.start("cur") if m.group("cur") else m.end())
            begin = (
                m.start() if first - m.start() < 40 else first
            )  # "fined [the editor of ...] 147,000 tenge"
            quoted = text[begin : m.end()].rstrip()
            sanction = Sanction(quoted, fine_amount=number(m.group("amount")), fine_currency=_currency(word))
            found.append((begin, m.end(), sanction))
    found += _russian(text, start, end)
    for m in _OTHER.finditer(text, start, end):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), Sanction(m.group().rstrip())))
    return sorted(found, key=lambda f: f[0])


@component("incidents.sanctions.v1")
def sanctions_v1(state: State) -> None:
    by_sentence: dict[int, list[Trigger]] = {}
    for trigger in state.triggers:
        by_sentence.setdefault(trigger.sentence, []).append(trigger)
    for index, triggers in by_sentence.items():
        sentence = state.sentences[index]
        for start, end, sanction in find_sanctions(state.text, sentence.start, sentence.end):
            before = [t for t in triggers if t.start <= start]
            if not before:
                continue
            owner = before[-1]
            while owner.form == "nominal" and not owner.victims and len(before) > 1:
                before.pop()
                owner = before[-1]
            if owner.sanction is None:
                owner.sanction, owner.sanction_span = (
                    sanction,
                    (start, end - len(_tail(state.text, start, end))),
                )
                if sanction.arrest_days and owner.action in ("sentence", "detention", "arrest"):
                    owner.action = "administrative_arrest"
    for trigger in state.triggers:  # nothing to count: what was imposed is told by the action's own words
        if trigger.sanction is None and trigger.phrase and _tells_more(state, trigger):
            start, end = trigger.phrase
            trigger.sanction, trigger.sanction_span = Sanction(state.text[start:end]), (start, end)


_FUNCTION_WORDS = frozenset(
    [
        "by",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "was",
        "were",
        "been",
        "being",
        "в",
        "на",
        "по",
        "и",
        "за",
        "с",
        "к",
        "от",
    ]
)


def _tells_more(state: State, trigger: Trigger) -> bool:
    """Whether the action's words say more than who, when and by whom: "detained for three hours outside
    the mosque" does, "detained by police on Monday" does not."""
    if trigger.phrase is None or trigger.form == "nominal":
        return False
    start, end = trigger.phrase
    told = [(trigger.start, trigger.end), *((v.start, v.end) for v in trigger.victims)]
    told += [(d.start, d.end) for d in state.dates if start <= d.start < end]
    told += [(m.start, m.end) for m in state.mentions if m.kind == "perpetrator" and start <= m.start < end]
    words = [
        w.group()
        for w in re.finditer(r"\w+", state.text[start:end])
        if not any(a <= start + w.start() < b for a, b in told) and w.group().lower() not in _FUNCTION_WORDS
    ]
    return len(words) >= 2


def _tail(text: str, start: int, end: int) -> str:
    """Trailing white space of a match, left out of its evidence span."""
    chunk = text[start:end]
    return chunk[len(chunk.rstrip()) :]
