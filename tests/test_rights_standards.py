"""The bundled ICCPR standards load, validate and stay a faithful copy of the research file."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.standards import load_standards, parse_standards, phrase_language

DATA = Path(__file__).resolve().parents[1] / "src" / "charterwatch" / "rights" / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "standards" / "iccpr_limitations.yaml"


def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / "iccpr_limitations.yaml").read_text(encoding="utf-8"))
    return data


def test_standards_load_with_grounds_rights_and_phrases() -> None:
    standards = load_standards()
    assert {g.id for g in standards.grounds} >= {"national_security", "public_order", "public_morals"}
    assert standards.right("18") is not None and standards.right("18").derogable is False  # type: ignore[union-attr]
    assert standards.phrase("spiritual_moral_values").match == "none"
    assert {"en", "ru", "kk"} <= {lang for p in standards.phrase_mapping for lang in p.languages()}


def test_ids_are_unique_and_every_phrase_maps_to_known_grounds() -> None:
    standards = load_standards()
    ids = [g.id for g in standards.grounds] + [p.id for p in standards.phrase_mapping]
    assert len(ids) == len(set(ids))
    grounds = {g.id for g in standards.grounds}
    for entry in standards.phrase_mapping:
        assert set(entry.ground_ids()) <= grounds, entry.id
        for article in [*entry.applies_to, *entry.verdict_by_right]:
            assert standards.right(article) is not None, (entry.id, article)


def test_every_cited_source_exists() -> None:
    standards = load_standards()
    cited = {s for g in standards.grounds for s in g.source} | {
        s for p in standards.phrase_mapping for s in p.source
    }
    cited |= {s for r in standards.rights for s in r.source}
    assert cited <= set(standards.sources)


def test_direct_single_ground_phrases_are_scored_as_their_ground() -> None:
    standards = load_standards()
    assert standards.canonical_id("state_security") == "national_security"
    assert standards.canonical_id("public_order_phrase") == "public_order"
    assert standards.canonical_id("health_and_morality") == "health_and_morality"  # two grounds
    assert standards.canonical_id("war_propaganda") == "war_propaganda"  # a treaty article, not a ground
    assert standards.canonical_id("public_order") == "public_order"


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda d: d["grounds"].append(copy.deepcopy(d["grounds"][0])), "duplicate ground"),
        (lambda d: d["phrase_mapping"][0].update(nearest_ground="no_such_ground"), "unknown grounds"),
        (lambda d: d["grounds"][0]["source"].append("no_such_source"), "sources missing"),
        (lambda d: d["phrase_mapping"][0].update(match="maybe"), "match"),
    ],
)
def test_bad_standards_are_refused_with_a_coded_error(mutate: Any, reason: str) -> None:
    data = _base()
    mutate(data)
    with pytest.raises(CharterwatchError) as info:
        parse_standards(data)
    assert info.value.code is E.STANDARDS_INVALID
    assert reason in str(info.value)


def test_a_new_phrase_is_a_data_change() -> None:
    additions = {"phrase_mapping": [{"id": "extremism", "add_phrases": ["екстремізм"]}]}
    standards = parse_standards(_base(), additions)
    assert "екстремізм" in standards.phrase("extremism").phrases


def test_additions_must_name_known_entries() -> None:
    with pytest.raises(CharterwatchError):
        parse_standards(_base(), {"phrase_mapping": [{"id": "no_such_phrase", "add_phrases": ["x"]}]})


def test_phrase_language_is_told_from_letters() -> None:
    assert phrase_language("public order") == "en"
    assert phrase_language("общественный порядок") == "ru"
    assert phrase_language("қоғамдық тәртіп") == "kk"


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not beside the repository")
def test_bundled_copy_matches_the_research_file() -> None:
    assert (DATA / "iccpr_limitations.yaml").read_bytes() == SHARED.read_bytes()
