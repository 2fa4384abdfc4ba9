"""How editions print the words around a number: dashes after it, rules drawn around headings, titles run into
the text after ".—", the French "premier", front matter in brackets. Each is decided from the whole document."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from charterwatch.texts.numbering import classify
from charterwatch.texts.parse import parse_text
from charterwatch.texts.structure import structure_report

_WORDS = ["state", "law", "court", "person", "citizen", "power", "people", "right", "office", "vote"]
_SENTENCE = st.lists(st.sampled_from(_WORDS), min_size=3, max_size=40).map(
    lambda words: " ".join(words).capitalize() + "."
)
_TITLE = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(
    lambda words: " ".join(words).capitalize()
)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(_SENTENCE, min_size=3, max_size=12),
    separator=st.sampled_from([" ", ". ", ". - ", " - ", " — ", ". – ", ": "]),
    keyword=st.sampled_from(["Article", "Статья", "ARTICLE"]),
)
def test_a_dash_between_number_and_words_is_not_part_of_the_words(
    texts: list[str], separator: str, keyword: str
) -> None:
    source = "\n".join(f"{keyword} {n}{separator}{text}" for n, text in enumerate(texts, start=1))
    parsed = parse_text(source)
    assert [a.num for a in parsed.articles()] == [str(n) for n in range(1, len(texts) + 1)]
    assert [a.norm_text() for a in parsed.articles()] == texts
    assert all(a.heading is None for a in parsed.articles())


@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(_SENTENCE, min_size=2, max_size=8),
    rule=st.sampled_from(["---", "======", "***", "###", "~~~~"]),
    first=st.sampled_from(["premier", "1er", "1"]),
)
def test_rules_around_headings_are_markup_not_words(texts: list[str], rule: str, first: str) -> None:
    nums = [first, *(str(n) for n in range(2, len(texts) + 1))]
    blocks = [f"{rule}Article {num}{rule}\n{text}" for num, text in zip(nums, texts, strict=True)]
    source = f"{rule}Titre premier - De la loi {rule}\n\n" + "\n\n".join(blocks)
    parsed = parse_text(source)
    assert [a.num for a in parsed.articles()] == [str(n) for n in range(1, len(texts) + 1)]
    assert [a.norm_text() for a in parsed.articles()] == texts
    sections = [p for p in parsed.walk() if p.kind == "section"]
    assert [(s.num, s.heading) for s in sections] == [("1", "De la loi")]


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(st.tuples(_TITLE, _SENTENCE, st.sampled_from(["one", "wrapped", "ending"])), min_size=3),
    dash=st.sampled_from([".—", " .—", ". —", ".–"]),
)
def test_run_in_titles_end_at_the_dash_at_any_length(entries: list[tuple[str, str, str]], dash: str) -> None:
    """ "12. Definition.—In this Part ...": the title may be long, wrap once, or end its line."""
    lines: list[str] = []
    for n, (title, text, shape) in enumerate(entries, start=1):
        if shape == "wrapped" and " " in title:
            head, tail = title.split(" ", 1)
            lines += [f"{n}. {head}", f"{tail}{dash}{text}"]
        elif shape == "ending":
            lines += [f"{n}. {title}{dash}", text]
        else:
            lines.append(f"{n}. {title}{dash}{text}")
    parsed = parse_text("PART I\n" + "\n".join(lines))
    articles = parsed.articles()
    assert [a.num for a in articles] == [str(n) for n in range(1, len(entries) + 1)]
    assert [a.heading for a in articles] == [title for title, _, _ in entries]
    assert [a.norm_text() for a in articles] == [text for _, text, _ in entries]
    assert structure_report(parsed).ok


def test_a_dash_closing_each_provision_is_no_run_in_title() -> None:
    """Oregon ends its sections with ".—": the words stay the section's text, not a title."""
    parsed = parse_text(
        "Section 1. Natural rights. All power is inherent in the people.—\n"
        "Section 2. Freedom of worship. All men shall be secure in that right.—\n"
        "Section 3. Freedom of opinion. No law shall control the exercise of opinion.—\n"
    )
    assert [a.heading for a in parsed.articles()] == [None, None, None]
    assert parsed.article("2") is not None
    assert parsed.article("2").norm_text().startswith("Freedom of worship. All men")  # type: ignore[union-attr]


def test_front_matter_in_brackets_and_a_preamble_title() -> None:
    parsed = parse_text(
        "Конституція України | від 28.06.1996\n\nКОНСТИТУЦІЯ УКРАЇНИ\n\n( Відомості, 1996, N 30, ст. 141 )\n\n"
        "Преамбула\nНарод приймає цю Конституцію.\n\nСтаття 1\nУкраїна є держава.\n\nСтаття 2\nНарод є джерело влади.\n"
    )
    assert parsed.title == "Конституція України | від 28.06.1996"
    notes = [p.text for p in parsed.provisions if p.kind == "note"]
    assert notes == ["КОНСТИТУЦІЯ УКРАЇНИ", "( Відомості, 1996, N 30, ст. 141 )"]
    preamble = parsed.provisions[2]
    assert (preamble.kind, preamble.heading, preamble.norm_text()) == (
        "preamble",
        "Преамбула",
        "Народ приймає цю Конституцію.",
    )


def test_french_headings_are_read() -> None:
    assert (classify("TITRE II - Du Sénat").kind, classify("TITRE II - Du Sénat").num) == ("section", "II")
    assert classify("Chapitre 3").kind == "chapter"
    assert (classify("Article 1er").kind, classify("Article 1er").num) == ("article", "1")
    assert classify("Article premier.").rest is None


def test_an_unknown_heading_inside_an_article_is_reported() -> None:
    """A heading the parser does not know melts into the article before it: the report says so."""
    parsed = parse_text(
        "Article 1. - La loi.\nArticle 2. - Le juge.\nLIVRE II - Des biens\nArticle 3. - Le bien.\n"
    )
    assert [(p.code, p.where) for p in structure_report(parsed).problems] == [("headings_in_text", ("2",))]


def test_footnotes_below_a_rule_and_amendment_markers_are_not_the_law() -> None:
    """A PDF page: an amendment marker opens a substituted part, a rule of underscores starts the footnotes,
    and the next page's running header and page line close them; a running header glued to the last line of a
    page is cut off where the page line under it shows it."""
    rule = "_" * 30
    parsed = parse_text(
        "1. First rule.—(1) The state is one.\n"
        "2[(2) Its land is whole.]\n"
        "2. Second rule.—Power belongs to the people.\n"
        f"{rule}\n"
        "1. Subs. by the Amendment Act, 1956, s. 2.\n"
        "2. Ins. by the Amendment Act, 1976.\n"
        "THE CONSTITUTION\n"
        "(Part I.—The state)3\n"
        "3. Third rule.—Courts are open to all who come:THE CONSTITUTION\n"
        "(Part I.—The state)4\n"
        "Provided that they sit in public.\n"
        "3[3A.[Old rule. ]—Omittedby the Amendment Act, 1975.]\n"
        "4. Fourth rule.—Laws are published.\n"
    )
    articles = parsed.articles()
    assert [a.num for a in articles] == ["1", "2", "3", "3A", "4"]
    assert [c.num for c in articles[0].norm_children()] == ["1", "2"]
    assert articles[1].norm_text() == "Power belongs to the people."
    assert [c.text for c in articles[1].children if c.kind == "note"] == [
        "1. Subs. by the Amendment Act, 1956, s. 2.",
        "2. Ins. by the Amendment Act, 1976.",
        "(Part I.—The state)3",
    ]
    assert articles[2].norm_text() == "Courts are open to all who come: Provided that they sit in public."
    assert articles[3].heading == "Old rule"
    report = structure_report(parsed)
    assert (report.repealed, report.ok) == (1, True)
