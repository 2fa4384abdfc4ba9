"""Detection of limitation clauses and grounds (rule iccpr_grounds.v2) on the bundled texts and on short
synthetic articles that exercise one behaviour each."""

from __future__ import annotations

from functools import cache

import pytest

import charterwatch.rights  # noqa: F401  (registers the rules)
from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.evaluate import bundled_text
from charterwatch.rights.lemmas import lemmas
from charterwatch.rights.model import GroundFinding, ProvisionRights
from charterwatch.rights.rules import get_rule, provision_rule, rule_names
from charterwatch.texts.corpus import corpus_entries
from charterwatch.texts.parse import parse_text

RULE = "iccpr_grounds.v2"


@cache
def _bundled(doc: str) -> list[ProvisionRights]:
    return provision_rule(RULE).analyse(bundled_text(doc), version=doc)


def _grounds(text: str, lang: str) -> list[GroundFinding]:
    parsed = parse_text(text, lang=lang)
    found = provision_rule(RULE).analyse(parsed, version="test")
    return [g for p in found for c in p.clauses for g in c.grounds]


def _ids(text: str, lang: str) -> list[tuple[str, str]]:
    return [(g.phrase_id, g.verdict) for g in _grounds(text, lang)]


@pytest.mark.parametrize("doc", [e.file for e in corpus_entries()])
def test_every_evidence_span_is_the_source_text_at_its_offsets(doc: str) -> None:
    source = bundled_text(doc).source_text
    for provision in _bundled(doc):
        for right in provision.rights:
            assert source[right.evidence.start : right.evidence.end] == right.evidence.quote
        for clause in provision.clauses:
            assert source[clause.evidence.start : clause.evidence.end] == clause.evidence.quote
            for ground in clause.grounds:
                for ev in (ground.evidence, ground.clause):
                    assert ev.quote and source[ev.start : ev.end] == ev.quote
                assert ground.rule == RULE and 0 < ground.confidence <= 1
                assert ground.location.eid and ground.location.version == doc


def test_findings_are_deterministic() -> None:
    doc = "kz-1995-ru-as-of-2023.txt"
    again = provision_rule(RULE).analyse(bundled_text(doc), version=doc)
    assert [p.to_dict() for p in again] == [p.to_dict() for p in _bundled(doc)]


def test_russian_cases_share_lemmas() -> None:
    assert lemmas("общественного", "ru") & lemmas("общественный", "ru")
    assert lemmas("порядка", "ru") & lemmas("порядок", "ru")
    text = "Статья 1\nСвобода собраний может ограничиваться законом в интересах общественного порядка."
    assert _ids(text, "ru") == [("public_order_phrase", "permitted")]


def test_national_security_is_no_ground_for_religion() -> None:
    text = "Article 1\nFreedom of religion may be restricted by law in the interests of national security."
    findings = _grounds(text, "en")
    assert [(g.phrase_id, g.verdict, g.rights) for g in findings] == [
        ("state_security", "not_permitted", ("18",))
    ]
    assert "18(3)" in findings[0].reason


def test_spiritual_and_moral_values_are_not_permitted() -> None:
    text = "Статья 1\nСвобода слова может быть ограничена в целях защиты духовно-нравственных ценностей."
    assert _ids(text, "ru") == [("spiritual_moral_values", "not_permitted")]


def test_a_guarantee_is_not_a_limitation() -> None:
    text = "Article 1\nThe freedom of assembly may not be restricted in any way, even for public order."
    assert _grounds(text, "en") == []


def test_clause_kinds() -> None:
    general = "Article 1\nThe rights and freedoms of man and citizen may be limited only by law to protect public order."
    clawback = "Article 2\nThe activity of public associations shall be regulated by law."
    ban = "Article 3\nThe propaganda of violent extremism shall be prohibited."
    kinds = {
        g.location.article: (g.kind, g.rights) for t in (general, clawback, ban) for g in _grounds(t, "en")
    }
    assert kinds == {"1": ("general", ("*",)), "2": ("clawback", ("22",)), "3": ("prohibition", ("19",))}


def test_the_subject_of_a_limitation_is_no_ground() -> None:
    text = "Статья 1\nПрава и свободы человека и гражданина могут быть ограничены законом в целях защиты нравственности."
    assert _ids(text, "ru") == [("public_morals", "permitted")]


def test_a_state_body_is_no_ground() -> None:
    text = "Article 1\nEmployees of national security bodies may not be members of political parties."
    assert "state_security" not in [i for i, _ in _ids(text, "en")]


def test_test_words_are_reported() -> None:
    text = "Article 1\nThe right of assembly may be restricted by law only as necessary to protect public health."
    parsed = parse_text(text, lang="en")
    clause = next(c for p in provision_rule(RULE).analyse(parsed) for c in p.clauses)
    assert clause.test_words == {"legality": True, "necessity": True, "proportionality": False}


def test_rights_guaranteed_are_mapped_to_iccpr_articles() -> None:
    found = _bundled("kz-1995-en-as-of-2022.txt")
    by_eid = {p.location.eid: {r.iccpr for r in p.rights} for p in found}
    assert "21" in by_eid["sec_2__art_32"]
    assert "18" in by_eid["sec_2__art_22__para_1"]


def test_kazakh_finds_grounds_as_far_as_the_phrases_go() -> None:
    found = [g for p in _bundled("kz-1995-kk-as-of-2022.txt") for c in p.clauses for g in c.grounds]
    assert {"public_order", "rights_freedoms_of_others"} <= {
        g.phrase_id for g in found if g.location.article == "32"
    }


def test_rules_are_registered_by_name() -> None:
    assert RULE in rule_names()
    assert get_rule(RULE).name == RULE
    with pytest.raises(CharterwatchError) as info:
        get_rule("no_such_rule.v1")
    assert info.value.code is E.UNKNOWN_RULE


def test_a_treaty_style_clause_on_these_rights_limits_the_rights_named_before() -> None:
    text = (
        "Article 11\n1. Everyone has the right to freedom of peaceful assembly and to freedom of association.\n"
        "2. No restrictions shall be placed on the exercise of these rights other than such as are prescribed by "
        "law and are necessary in the interests of national security or for the prevention of disorder or crime."
    )
    findings = _grounds(text, "en")
    assert [(g.phrase_id, g.verdict) for g in findings] == [
        ("state_security", "permitted"),
        ("public_order_phrase", "permitted"),
    ]
    assert findings[0].rights == ("21", "22")


def test_a_paragraph_naming_no_right_borrows_none_without_referring_back() -> None:
    text = "Article 1\n1. No one may be arrested without a court decision.\n2. The courts shall be regulated by law."
    assert _grounds(text, "en") == []


def test_speech_that_shall_not_be_used_for_listed_ends_is_a_limitation() -> None:
    text = "Article 29\nFreedom of speech shall not be used for propaganda of war or for inciting religious hatred."
    assert [i for i, _ in _ids(text, "en")] == ["war_propaganda", "inciting_discord"]
