"""Institutions renamed between versions, kept as data: per language, word stems that share one token.

A word that starts with a listed stem (any case, any inflection) is replaced by the row's token before
similarity is scored, so "Парламента" (1995) and "Курултая" (2026) count as the same word. Only scoring sees
this: redlines and statistics keep the printed words. When a reform renames a body, add a row listing every
name it has had, the newest included.
"""

from __future__ import annotations

RENAMINGS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "ru": (
        # Kazakhstan 2026: the two-chamber Parliament (Senate, Mazhilis) became the one-chamber Kurultai.
        (("парламент", "сенат", "мажилис", "курулта"), "курултай"),
        # Kazakhstan 2026: the Assembly of the People of Kazakhstan became the Қазақстан Халық Кеңесі.
        (("ассамбле", "халық кеңес"), "халыккенес"),
    ),
    "kk": (
        (("парламент", "сенат", "мәжіліс", "құрылтай"), "құрылтай"),
        (("ассамблея", "халық кеңес"), "халыккенес"),
    ),
    "en": (
        (("parliament", "senat", "mazhilis", "kurultai"), "kurultai"),
        (("assembly of people", "assembly of the people", "people's council"), "peoplescouncil"),
    ),
}
