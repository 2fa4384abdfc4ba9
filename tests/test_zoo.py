"""The layout zoo: excerpts of real official texts, each printed differently, parsed exactly.

Every file under tests/fixtures/zoo/ is checked against expected.yaml (article count, first and last numbers,
spot-checked articles, the structure report's warnings); SOURCES.md says where each text comes from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from charterwatch.texts.importer import parse_file
from charterwatch.texts.structure import is_repealed, structure_report
from charterwatch.texts.tree import ParsedText, Provision

ZOO = Path(__file__).parent / "fixtures" / "zoo"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((ZOO / "expected.yaml").read_text(encoding="utf-8"))


def test_every_zoo_text_has_expectations_and_a_source() -> None:
    texts = sorted(path.name for path in ZOO.glob("*.txt"))
    assert texts == sorted(EXPECTED)
    sources = (ZOO / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in sources for name in texts)
    assert sum(path.stat().st_size for path in ZOO.iterdir()) < 1_000_000


def _groups(parsed: ParsedText) -> list[str]:
    return [p.heading or "" for p in parsed.walk() if p.kind in ("section", "chapter") and p.heading]


def _check(article: Provision, spot: dict[str, Any]) -> None:
    text = article.norm_text()
    if "heading" in spot:
        assert article.heading == spot["heading"]
    if "text" in spot:
        assert text == spot["text"]
    if "startswith" in spot:
        assert text.startswith(spot["startswith"])
    if "contains" in spot:
        assert spot["contains"] in text
    if "parts" in spot:
        assert [p.num for p in article.norm_children()] == spot["parts"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_zoo_text_parses_exactly(name: str) -> None:
    expected = EXPECTED[name]
    parsed, _ = parse_file(ZOO / name)
    nums = [a.num for a in parsed.articles()]
    assert len(nums) == expected["articles"]
    assert (nums[0], nums[-1]) == (expected["first"], expected["last"])
    for group in expected.get("groups", []):
        assert group in _groups(parsed)
    for num, spot in expected["spot"].items():
        article = parsed.article(num)
        assert article is not None, num
        _check(article, spot)
    report = structure_report(parsed)
    assert [p.code for p in report.problems] == expected["problems"]
    assert [a.num for a in parsed.articles() if is_repealed(a)] == expected.get("repealed", [])
