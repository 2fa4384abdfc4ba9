"""Safeguards (rule iccpr_safeguards.v2): present or absent, with the article and the words that show it."""

from __future__ import annotations

from functools import cache

import pytest

import charterwatch.rights  # noqa: F401  (registers the rules)
from charterwatch.rights.evaluate import bundled_text
from charterwatch.rights.model import Safeguard
from charterwatch.rights.safeguards import IccprSafeguards, safeguard_specs
from charterwatch.rights.standards import load_standards
from charterwatch.texts.parse import parse_text

IDS = [
    "treaty_precedence",
    "censorship_ban",
    "ombudsman_independence",
    "death_penalty_abolished",
    "non_derogable_rights",
    "presumption_of_innocence",
    "judicial_control_of_detention",
    "direct_effect_of_rights",
]


@cache
def _read(doc: str) -> dict[str, Safeguard]:
    return {s.safeguard: s for s in IccprSafeguards().safeguards(bundled_text(doc), version=doc)}


def test_every_safeguard_is_specified_with_known_sources() -> None:
    specs = safeguard_specs()
    assert [s.id for s in specs] == IDS
    assert {src for s in specs for src in s.source} <= set(load_standards().sources)


@pytest.mark.parametrize("doc", ["kz-1995-en-as-of-2022.txt", "kz-1995-ru-as-of-2023.txt", "kz-2026-ru.txt"])
def test_evidence_is_the_source_text(doc: str) -> None:
    source = bundled_text(doc).source_text
    for found in _read(doc).values():
        if found.evidence is not None:
            assert source[found.evidence.start : found.evidence.end] == found.evidence.quote


def test_the_2026_text_loses_treaty_precedence_and_the_senate_s_say_on_the_ombudsman() -> None:
    old, new = _read("kz-1995-ru-as-of-2023.txt"), _read("kz-2026-ru.txt")
    assert old["treaty_precedence"].present and not new["treaty_precedence"].present
    assert old["ombudsman_independence"].present and not new["ombudsman_independence"].present
    assert old["ombudsman_independence"].details == {"appointed_by": "parliament", "proposed_by": "executive"}
    assert new["ombudsman_independence"].details["appointed_by"] == "executive"
    assert new["censorship_ban"].present and new["death_penalty_abolished"].present


def test_a_retained_death_penalty_is_absent_with_its_words() -> None:
    found = _read("ru-1993-ru-as-of-2020-03-14.txt")["death_penalty_abolished"]
    assert not found.present and found.location is not None and found.location.article == "20"
    assert found.evidence is not None and "может устанавливаться" in found.evidence.quote


def test_a_text_without_the_words_has_the_safeguard_absent_without_evidence() -> None:
    parsed = parse_text("Article 1\nEveryone shall have the right to rest.", lang="en")
    found = {s.safeguard: s for s in IccprSafeguards().safeguards(parsed)}
    assert not any(s.present for s in found.values())
    assert all(s.evidence is None and s.rule == "iccpr_safeguards.v2" for s in found.values())
