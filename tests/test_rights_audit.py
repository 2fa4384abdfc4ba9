"""The audit API and its Markdown report."""

from __future__ import annotations

import json
from functools import cache

import charterwatch.rights  # noqa: F401  (registers the rules)
from charterwatch.rights.audit import Audit, audit
from charterwatch.rights.evaluate import bundled_text
from charterwatch.rights.report import render_markdown


@cache
def _audit(doc: str) -> Audit:
    return audit(bundled_text(doc), version=doc)


def test_audit_is_plain_json_serialisable_data() -> None:
    result = _audit("kz-2026-ru.txt")
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["rules"] == ["iccpr_grounds.v2", "iccpr_safeguards.v2"]
    assert data["summary"]["grounds"] == len(result.findings) > 0
    assert len(data["safeguards"]) == 8


def test_the_2026_audit_shows_the_concerns_the_seeds_raise() -> None:
    found = {(g.phrase_id, g.verdict) for g in _audit("kz-2026-ru.txt").findings}
    assert ("state_sovereignty_foreign_interference", "not_permitted") in found  # foreign financing
    assert ("marriage_man_woman", "conditional") in found
    assert ("public_morals", "permitted") in found  # "morality", permitted only as a ground, read narrowly


def test_markdown_report_reads_like_an_opinion() -> None:
    text = render_markdown(_audit("kz-1995-en-as-of-2022.txt"), title="Kazakhstan 1995 (English)")
    assert text.startswith("# Rights audit: Kazakhstan 1995 (English)\n")
    for heading in (
        "## Summary",
        "## Findings by right",
        "### Freedom of peaceful assembly (ICCPR art. 21)",
        "## Safeguards",
    ):
        assert heading in text
    assert "> The exercise of this right may be restricted by law in the interests of state security" in text
    assert "HRC General Comment 34, para" in text and "**not permitted under art." in text
