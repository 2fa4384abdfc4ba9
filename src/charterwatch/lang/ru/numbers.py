"""Russian numbers written as words, with their values: cardinals in the cases a count of people takes
("два", "двух", "трёх") and the collective numerals news uses for people ("двое", "трое")."""

from __future__ import annotations

from typing import Final

CARDINALS: Final = {
    "один": 1, "одна": 1,
    "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "трёх": 3, "четыре": 4, "четырех": 4, "пять": 5,
    "пяти": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
}  # fmt: skip
COLLECTIVES: Final = {"двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7}
