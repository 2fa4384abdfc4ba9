"""Inserted provisions in every printed form: "44-1", "32.1", "67¹", and "671" flattened from "67¹".

A flattened superscript cannot be told from a real number on its own line; the sequence of the whole document
decides (``restore_flattened``).
"""

from __future__ import annotations

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def inserted_number(printed: str) -> str:
    """A paragraph or item number with its superscript made a dotted suffix ("3¹" -> "3.1"); else as printed."""
    return article_number(printed) if printed[:1].isdigit() else printed


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
