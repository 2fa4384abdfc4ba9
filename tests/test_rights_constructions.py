"""Restricting constructions read by structure, each on a short article written for the test.

One behaviour a test: an item that finishes the sentence its lead-in opens, a sentence wrapped over printed
lines, a right named only by the article's heading, the law reported beside a ground when it governs the
cases, general clauses judged over the rights that have limitation clauses, gapped phrases that need a later
word, and safeguards in other wordings (with the words quoted, or what was looked for when absent).
"""

from __future__ import annotations

import pytest

import charterwatch.rights  # noqa: F401  (registers the rules)
from charterwatch.rights.model import Clause
from charterwatch.rights.rules import provision_rule
from charterwatch.rights.safeguards import IccprSafeguards
from charterwatch.rights.standards import load_standards
from charterwatch.rights.verdicts import verdict_for
from charterwatch.texts.parse import parse_text


def _clauses(text: str, lang: str = "en") -> list[Clause]:
    found = provision_rule("iccpr_grounds.v2").analyse(parse_text(text, lang=lang), version="test")
    return [c for p in found for c in p.clauses]


def _pairs(text: str, lang: str = "en") -> set[tuple[str, str]]:
    return {(g.phrase_id, g.verdict) for c in _clauses(text, lang) for g in c.grounds}


def test_an_item_finishes_the_sentence_of_its_lead_in() -> None:
    text = (
        "Article 3. Speech\n\n1. Everyone may speak freely.\n"
        "2. The freedom of speech does not extend to—\n(a) propaganda for war; or\n(b) hate speech.\n"
    )
    assert _pairs(text) == {("war_propaganda", "permitted"), ("inciting_discord", "conditional")}
    assert [c.evidence.quote for c in _clauses(text)] == ["propaganda for war; or", "hate speech"]


def test_a_wrapped_line_does_not_end_the_sentence() -> None:
    wrapped = "Article 4. Home\n\nThe home may be searched only in the cases\nprescribed by law.\n"
    assert _pairs(wrapped) == {("law_defined_cases", "conditional")}


def test_the_heading_names_the_right_a_paragraph_leaves_unnamed() -> None:
    text = "Article 5. Right to life\n\nNobody shall be killed, except to the extent authorised by a written law.\n"
    assert [c.rights for c in _clauses(text)] == [("6",)]


@pytest.mark.parametrize(
    ("sentence", "restricts"),
    [
        ("The freedom of assembly may, in the cases prescribed by law, be suspended.", True),
        ("The law may restrict the freedom of assembly of police officers.", True),
        ("No one may be held under arrest otherwise than as prescribed by law.", True),
        ("The freedom of assembly shall not be restricted.", False),
    ],
)
def test_modal_negated_and_gapped_restrictions(sentence: str, restricts: bool) -> None:
    assert bool(_clauses(f"Article 6. Assembly\n\n{sentence}\n")) is restricts


def test_the_law_stands_beside_a_ground_only_when_it_governs_the_cases() -> None:
    cases = "Article 7. Press\n\nA mass media outlet may be suspended in the cases prescribed by law to protect public order.\n"
    only_law = (
        "Article 7. Press\n\nA mass media outlet may be suspended only by law to protect public order.\n"
    )
    assert {p for p, _ in _pairs(cases)} == {"law_defined_cases", "public_order_phrase"}
    assert {p for p, _ in _pairs(only_law)} == {"public_order_phrase"}


def test_paraphrased_grounds_keep_their_own_verdicts() -> None:
    text = (
        "Article 8. Letters\n\nThe secrecy of correspondence may be restricted for the purpose of preventing "
        "serious crimes or the economic welfare of the country.\n"
    )
    assert _pairs(text) == {("public_order_phrase", "conditional"), ("economic_security", "not_permitted")}


def test_a_general_clause_takes_the_strictest_verdict_capped_at_conditional() -> None:
    standards = load_standards()
    assert verdict_for(standards, "public_order", "*")[0] == "permitted"
    verdict, reason = verdict_for(standards, "state_security", "*")
    assert verdict == "conditional" and "18(3)" in reason


def test_kazakh_schwa_and_word_order() -> None:
    kazakh = (
        "1-бап\n\nАдамның өз құқықтары мен бостандықтарын жүзеге асыруы басқа адамдардың құқықтары мен "
        "бостандықтарын бұзбауға тиіс.\n"
    )
    assert {p for p, _ in _pairs(kazakh, "kk")} == {"rights_freedoms_of_others"}


def test_safeguards_in_other_wordings_quote_their_words() -> None:
    text = (
        "Article 1. Treaties\n\nWhere a statute and a ratified treaty disagree, the conflict between them is "
        "settled for the treaty: the rules of international treaties shall apply.\n\n"
        "Article 2. Media\n\nThe State shall not—\n(a) exercise control over any broadcasting; or\n"
        "(b) punish an opinion.\n"
    )
    found = {s.safeguard: s for s in IccprSafeguards().safeguards(parse_text(text, lang="en"), version="t")}
    assert found["censorship_ban"].present and "broadcasting" in found["censorship_ban"].details["words"]
    assert found["treaty_precedence"].present
    absent = found["presumption_of_innocence"]
    assert not absent.present and "presumed innocent" in absent.details["looked_for"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Article 9. Judges\n\nA judge may not be arrested except in the cases provided by law.\n", "en"),
        ("Статья 9\n\nДепутат не может быть задержан, кроме случаев, предусмотренных законом.\n", "ru"),
        (
            "Article 9. Unions\n\nJoining a union of states does not entail any restriction of the freedom of "
            "association for the protection of public order.\n",
            "en",
        ),
        (
            "Статья 9\n\nУчастие в союзе государств не влечет ограничения свободы объединений в целях защиты "
            "общественного порядка.\n",
            "ru",
        ),
    ],
)
def test_immunities_and_negated_restrictions_are_no_clauses(text: str, lang: str) -> None:
    assert _clauses(text, lang) == []


def test_an_everyday_subject_keeps_the_clause_an_office_holder_would_not() -> None:
    text = "Article 9. Liberty\n\nNo one may be arrested except in the cases provided by law.\n"
    assert {p for p, _ in _pairs(text)} == {"law_defined_cases"}


def test_a_ground_in_the_other_order_is_the_same_ground() -> None:
    ordered = "Article 10. Marriage\n\nThe freedom to marry may be restricted by law to protect health and morals.\n"
    reversed_ = "Article 10. Marriage\n\nThe freedom to marry may be restricted by law to protect morals and public health.\n"
    assert {p for p, _ in _pairs(ordered)} == {p for p, _ in _pairs(reversed_)} == {"health_and_morality"}
