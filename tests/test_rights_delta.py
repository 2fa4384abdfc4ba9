"""The rights delta on the bundled Kazakh texts, 1995 (Russian, as of 2023) → 2026.

The facts asserted were read in the texts: 1995 art. 4(3) gives ratified treaties priority over laws and 2026
art. 5 only leaves their operation to the laws; the Senate elected the ombudsman (1995 art. 55(1-1)) and the
President appoints (2026 arts 46(5), 85(2)); 1995 art. 24(3) names the right to strike, 2026 art. 27(3) keeps
the labour disputes without it; 2026 art. 30(2) defines marriage as a union of a man and a woman.
"""

from __future__ import annotations

from functools import cache

import charterwatch.rights  # noqa: F401  (registers the rules)
from charterwatch.rights.audit import Audit, audit
from charterwatch.rights.concerns import ConcernResult, assess, judge, overall
from charterwatch.rights.delta import delta
from charterwatch.rights.delta_model import Change, Passage, RightsDelta
from charterwatch.rights.evaluate import bundled_text
from charterwatch.texts.compare import compare
from charterwatch.texts.tree import ParsedText

OLD, NEW = "kz-1995-ru-as-of-2023.txt", "kz-2026-ru.txt"
OLD_REF, NEW_REF = "KZ@1995-ru", "KZ@2026"


@cache
def _text(doc: str) -> ParsedText:
    return bundled_text(doc)


@cache
def _audit(doc: str, ref: str) -> Audit:
    return audit(_text(doc), version=ref)


@cache
def _delta() -> RightsDelta:
    old, new = _text(OLD), _text(NEW)
    comparison = compare(old, new, old_ref=OLD_REF, new_ref=NEW_REF)
    return delta(_audit(OLD, OLD_REF), _audit(NEW, NEW_REF), comparison, old=old, new=new)


def _one(kind: str, subject: str, right: str | None = None) -> Change:
    found = [
        c
        for c in _delta().changes
        if c.kind == kind and c.subject == subject and (right is None or c.right == right)
    ]
    assert len(found) == 1, (kind, subject, found)
    return found[0]


def _passages(change: Change) -> list[Passage]:
    return [p for p in (change.old, change.new, change.old_clause, change.new_clause) if p is not None]


def test_every_quote_is_the_source_at_its_offsets() -> None:
    sources = {OLD_REF: _text(OLD).source_text, NEW_REF: _text(NEW).source_text}
    passages = [p for c in _delta().changes for p in _passages(c)]
    assert len(passages) > 50
    for passage in passages:
        assert sources[passage.ref][passage.start : passage.end] == passage.quote
    for change in _delta().changes:  # each side quotes its own version
        assert all(p.ref == OLD_REF for p in (change.old, change.old_clause) if p is not None)
        assert all(p.ref == NEW_REF for p in (change.new, change.new_clause) if p is not None)


def test_the_removed_treaty_precedence() -> None:
    change = _one("safeguard_removed", "treaty_precedence")
    assert change.old is not None and change.old.article == "4" and change.old.paragraph == "3"
    assert "приоритет" in change.old.quote
    assert change.new is None  # nothing in 2026 says so ...
    assert "приоритет перед" not in _text(NEW).source_text
    counterpart = change.new_clause  # ... and this is what its successor article says instead
    assert counterpart is not None and counterpart.article == "5"
    assert "международных договоров" in counterpart.quote and "приоритет" not in counterpart.quote


def test_the_ombudsman_appointment_moved_from_the_senate_to_the_president() -> None:
    change = _one("safeguard_removed", "ombudsman_independence")
    assert change.old is not None and change.new is not None
    assert (change.old.article, change.old.paragraph) == ("55", "1-1")
    assert "избрание" in change.old.quote and "Уполномоченного по правам человека" in change.old.quote
    assert change.new.article == "46" and "Уполномоченного по правам человека" in change.new.quote
    assert "appointed by: parliament → executive" in change.detail


def test_the_right_to_strike_is_dropped() -> None:
    change = _one("right_dropped", "right_to_strike")
    assert change.right == "22"
    assert change.old is not None and change.old.quote == "право на забастовку"
    assert (change.old.article, change.old.paragraph) == ("24", "3")
    assert change.new is None and "забастов" not in _text(NEW).source_text
    assert change.new_clause is not None and (change.new_clause.article, change.new_clause.paragraph) == (
        "27",
        "3",
    )
    assert "трудовые споры" in change.new_clause.quote


def test_grounds_added_per_right() -> None:
    marriage = _one("ground_added", "marriage_man_woman", "23")
    assert marriage.new is not None and marriage.new.quote == "союз мужчины и женщины"
    assert (marriage.new.article, marriage.new.paragraph) == ("30", "2")
    assert (
        marriage.old_clause is not None and "Брак" in marriage.old_clause.quote
    )  # 1995: protected, undefined
    order = _one("ground_added", "public_order", "19")  # speech: art. 23(4) of 2026
    assert order.new is not None and order.new.article == "23" and order.verdict == "permitted"
    religion = _one("ground_added", "national_security", "18")  # not a ground under art. 18(3)
    assert religion.verdict == "not_permitted" and religion.new is not None and religion.new.article == "7"


def test_assembly_limits_broadened() -> None:
    change = _one("limitation_broadened", "21")
    assert change.old_clause is not None and change.old_clause.article == "32"
    assert change.new_clause is not None and change.new_clause.article == "34"
    assert "constitutional order" in change.detail


def test_a_version_against_itself_changes_nothing() -> None:
    old = _text(OLD)
    comparison = compare(old, old, old_ref=OLD_REF, new_ref=OLD_REF)
    same = delta(_audit(OLD, OLD_REF), _audit(OLD, OLD_REF), comparison, old=old, new=old)
    assert same.changes == ()


def test_without_the_texts_only_the_audits_evidence_is_quoted() -> None:
    comparison = compare(_text(OLD), _text(NEW), old_ref=OLD_REF, new_ref=NEW_REF)
    bare = delta(_audit(OLD, OLD_REF), _audit(NEW, NEW_REF), comparison)
    assert not bare.of_kind("right_dropped", "right_added") or all(
        c.subject.isdigit() for c in bare.of_kind("right_dropped", "right_added")
    )
    assert bare.of_kind("safeguard_removed")
    assert bare.to_dict()["summary"] == bare.summary()


# The concerns of the seed articles, judged on the same two texts.


@cache
def _concerns() -> dict[str, ConcernResult]:
    results = assess(_delta(), _audit(OLD, OLD_REF), _audit(NEW, NEW_REF), old=_text(OLD), new=_text(NEW))
    return {r.id: r for r in results}


def test_every_concern_is_judged_from_what_the_texts_say() -> None:
    sources = {OLD_REF: _text(OLD).source_text, NEW_REF: _text(NEW).source_text}
    assert len(_concerns()) >= 10
    for result in _concerns().values():
        assert result.seeds and result.sources and result.observations
        assert result.status == overall([o.status for o in result.observations])
        for observation in result.observations:
            quoted = [*observation.old, *observation.new, observation.old_context, observation.new_context]
            for passage in (p for p in quoted if p is not None):
                assert sources[passage.ref][passage.start : passage.end] == passage.quote


def test_concerns_the_texts_support() -> None:
    concerns = _concerns()
    for supported in (
        "treaty_precedence_removed",
        "ombudsman_independence",
        "right_to_strike",
        "marriage_definition",
    ):
        assert concerns[supported].status == "supported", supported
    treaty = concerns["treaty_precedence_removed"].observations[0]
    assert [p.article for p in treaty.old] == ["4"] and not treaty.new
    assert treaty.new_context is not None and treaty.new_context.article == "5"


def test_concerns_the_texts_do_not_bear_out() -> None:
    concerns = _concerns()
    # proposed at the Constitutional Commission (seed 004), not in the adopted text nor in 1995
    assert concerns["spiritual_moral_values"].status == "not_found"
    assert "духовно-нравственн" not in _text(NEW).source_text.lower()
    # the ban on foreign financing of parties and trade unions was already in 1995 art. 5(4)
    funding = concerns["foreign_funding_parties_unions"]
    assert funding.status == "partly"
    assert {p.article for o in funding.observations for p in o.old} >= {"5"}
    assert {p.article for o in funding.observations for p in o.new} == {"6"}


def test_judging_a_claim() -> None:
    assert judge("added", False, True) == "supported"
    assert judge("added", True, True) == "partly"
    assert judge("added", True, False) == "not_supported"
    assert judge("removed", True, False) == "supported"
    assert judge("removed", True, True) == "not_supported"
    assert judge("kept", True, True) == "supported"
    assert judge("present", False, False) == "not_found"
    assert overall(["supported", "not_found"]) == "partly"
    assert overall(["not_found", "not_supported"]) == "not_supported"
