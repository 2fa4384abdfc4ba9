"""Numbers written as words or Roman numerals in headings, read as integers.

"Раздел ІІ" (Cyrillic look-alike letters), "Section IV", "РАЗДЕЛ ПЕРВЫЙ", "Chapter Two": each names a place in a
sequence, and the numbering checks need the integer it stands for.
"""

from __future__ import annotations

import re

_ROMAN = re.compile(r"^[IVXLC]+$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Roman numerals typed with Cyrillic look-alikes ("Раздел ІІ", "Глава Х", "ІV бөлім") and Unicode numerals.
_ROMAN_LOOKALIKES = str.maketrans(
    {"І": "I", "Х": "X", "С": "C", "Ⅰ": "I", "Ⅴ": "V", "Ⅹ": "X", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV"}
)
ROMAN_CHARS = "IVXLCІХСⅠⅡⅢⅣⅤⅩ"
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
# Chapters numbered in words ("Chapter Two", "Chapter THIRTEEN").
EN_ORDINALS = {
    word: value
    for value, word in enumerate(
        [
            "ONE",
            "TWO",
            "THREE",
            "FOUR",
            "FIVE",
            "SIX",
            "SEVEN",
            "EIGHT",
            "NINE",
            "TEN",
            "ELEVEN",
            "TWELVE",
            "THIRTEEN",
            "FOURTEEN",
            "FIFTEEN",
            "SIXTEEN",
            "SEVENTEEN",
            "EIGHTEEN",
            "NINETEEN",
            "TWENTY",
        ],
        start=1,
    )
}


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
    roman = roman_latin(num)
    if _ROMAN.match(roman):
        return roman_to_int(roman)
    return RU_ORDINALS.get(num.upper()) or EN_ORDINALS.get(num.upper())


def roman_latin(numeral: str) -> str:
    """A Roman numeral in Latin letters, whatever look-alike letters it was typed with ("ІХ" -> "IX")."""
    return numeral.translate(_ROMAN_LOOKALIKES)
