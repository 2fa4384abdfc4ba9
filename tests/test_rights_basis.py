"""Where each verdict rests: the right, its ICCPR paragraph, the ground, the rule and the commentary paragraphs."""

from __future__ import annotations

from functools import cache

import pytest

import charterwatch.rights  # noqa: F401  (registers the rules)
from charterwatch.errors import CharterwatchError
from charterwatch.rights.audit import Audit, audit
from charterwatch.rights.basis import RULE_VERDICT, Basis, basis_of, load_basis, parse_basis
from charterwatch.rights.evaluate import bundled_text
from charterwatch.rights.standards import load_standards


@cache
def _audit() -> Audit:
    return audit(bundled_text("kz-2026-ru.txt"), version="KZ@2026")


def _bases() -> list[Basis]:
    return [basis_of(g, right) for c in _audit().clauses for right in c.rights for g in c.grounds]


def _basis(right: str, phrase: str) -> Basis:
    found = [
        basis_of(g, right)
        for c in _audit().clauses
        for g in c.grounds
        if right in c.rights and g.phrase_id == phrase
    ]
    assert found, (right, phrase)
    return found[0]


def test_national_security_limiting_religion_rests_on_18_3_and_gc22() -> None:
    basis = _basis("18", "state_security")
    assert (basis.verdict, basis.rule) == ("not_permitted", "not_listed")
    assert basis.right_name == "freedom of religion or belief" and basis.article == "ICCPR art. 18(3)"
    assert basis.ground == "national (state) security" and basis.treaty_grounds == ("national security",)
    assert "does not list national security" in basis.why
    assert basis.cited() == (
        "ICCPR art. 18(3); HRC General Comment 22, para 8; Siracusa Principles, paras 1, 6, 29-32"
    )
    assert basis.headline() == (
        "national (state) security: not permitted for freedom of religion or belief (ICCPR art. 18(3))"
    )


def test_a_listed_ground_cites_the_right_s_own_general_comment_paragraph() -> None:
    basis = _basis("21", "public_order_phrase")
    assert (basis.verdict, basis.rule) == ("permitted", "listed")
    assert "HRC General Comment 37, paras 36, 40, 44" in basis.cited()
    expression = _basis("19", "public_order_phrase")
    assert "HRC General Comment 34, paras 22, 31, 33-35" in expression.cited()
    assert "General Comment 37" not in expression.cited()  # the assembly comment is not cited for speech


def test_a_general_clause_says_which_rights_list_the_ground() -> None:
    basis = _basis("*", "state_security")
    assert basis.rule == "general" and basis.article == "ICCPR arts 12(3), 18(3), 19(3), 21, 22(2)"
    assert "under arts 12(3), 19(3), 21, 22(2), not under 18(3)" in basis.why


def test_a_clawback_rests_on_legality() -> None:
    basis = _basis("17", "law_defined_cases")
    assert (basis.verdict, basis.rule) == ("conditional", "law_only")
    assert (
        basis.cited()
        == "ICCPR art. 17(1); HRC General Comment 16, paras 3, 8; Siracusa Principles, paras 15-18"
    )


def test_every_verdict_of_the_audit_is_explained_by_a_rule_that_gives_it() -> None:
    bases = _bases()
    assert len(bases) >= 40
    for basis in bases:
        assert basis.rule != "recorded", basis.headline()
        assert basis.rule not in RULE_VERDICT or RULE_VERDICT[basis.rule] == basis.verdict
        assert basis.citations and basis.why and "_" not in basis.ground, basis.headline()


def test_the_bundled_basis_names_only_known_sources_grounds_and_phrases() -> None:
    basis = load_basis()
    standards = load_standards()
    assert set(basis.rules) >= set(RULE_VERDICT)
    assert {g.id for g in standards.grounds} >= set(basis.grounds)
    raw = basis.model_dump()
    raw["grounds"]["public_order"]["by_right"]["19"] = {"gc99": ["1"]}
    with pytest.raises(CharterwatchError, match="unknown source gc99"):
        parse_basis(raw, standards)
    raw = basis.model_dump()
    raw["phrases"]["no_such_phrase"] = {"label": "nothing"}
    with pytest.raises(CharterwatchError, match="unknown phrase no_such_phrase"):
        parse_basis(raw, standards)


def test_docs_state_every_verdict_rule_with_its_verdict() -> None:
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[1] / "docs" / "rights.md").read_text(encoding="utf-8")
    section = docs.split("## Verdict rules and what each rests on", 1)[1].split("\n## ", 1)[0]
    for rule, verdict in RULE_VERDICT.items():
        row = next((line for line in section.splitlines() if line.startswith(f"| `{rule}` |")), None)
        assert row is not None, rule
        assert row.split(" | ")[1] in (verdict.replace("_", " "), "per right"), row
