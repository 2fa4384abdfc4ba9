"""Linking proposals to articles: the numbers they name, and articles whose words they share, on real text."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from charterwatch.consult.articles import named_article_spans, named_articles
from charterwatch.consult.intake import read_proposals
from charterwatch.consult.linking import link_articles
from charterwatch.consult.model import Proposal
from charterwatch.consult.sample import SAMPLE_PROPOSALS
from charterwatch.consult.words import content_words
from charterwatch.store.db import open_store, session_scope
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.importer import VersionInfo, import_file, parse_file
from charterwatch.texts.storage import resolve_ref
from charterwatch.texts.tree import ParsedText

FIXTURE = SAMPLE_PROPOSALS  # the package copy: the demo loads it too
POLIS = Path("data/consultations/polis-opendata")


@cache
def kz1995(lang: str) -> ParsedText:
    parsed, _ = parse_file(corpus_entry(f"KZ@1995-{lang}").path(), lang=lang)
    return parsed


def expectations() -> dict[str, dict[str, str | None]]:
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["id"]: row for row in rows}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_constructed_proposals_link_to_the_article_they_are_about(lang: str) -> None:
    proposals = [p for p in read_proposals(FIXTURE) if p.language == lang]
    links = link_articles(proposals, kz1995(lang), ref=f"KZ@1995-{lang}")
    expected = expectations()
    for proposal in proposals:
        article = expected[proposal.id]["expect_article"]
        found = links[proposal.id]
        if article is None:
            assert found == [], proposal.id
        else:
            assert found and found[0].num == article, (proposal.id, [link.num for link in found])
            assert found[0].ref == f"KZ@1995-{lang}"
            assert found[0].eid == kz1995(lang).article(article).eid  # type: ignore[union-attr]


def test_named_links_carry_the_citation_and_similar_links_the_shared_words() -> None:
    proposals = read_proposals(FIXTURE)
    links = link_articles(proposals, kz1995("ru"), ref="KZ@1995-ru")
    by_id = {p.id: p for p in proposals}
    named = links["ru-court-fund"][0]
    assert named.how == "named" and named.score == 1.0
    start, end = named.evidence[0]
    assert by_id["ru-court-fund"].text[start:end] == "статье 80"
    assert {"суд", "финансирование"} <= set(named.words)
    similar = links["ru-secular-school"][0]
    assert similar.how == "similar" and 0.2 <= similar.score < 1
    text = by_id["ru-secular-school"].text
    lemmas = {w.lemma for w in content_words(text, "ru")}
    assert set(similar.words) <= lemmas
    assert {text[s:e].lower() for s, e in similar.evidence} >= {"образования", "учебных"}
    assert similar.to_dict()["how"] == "similar"


def test_two_named_articles_both_link_in_the_order_named() -> None:
    links = link_articles(read_proposals(FIXTURE), kz1995("ru"), ref="KZ@1995-ru")
    assert [link.num for link in links["ru-marriage-courts"]][:2] == ["27", "80"]


def test_quoted_sentences_of_real_articles_link_back_to_them() -> None:
    """The first sentence of each article, as a citizen quoting it would write it, finds its article."""
    for lang, opener in (("ru", "Прошу пересмотреть норму: "), ("en", "Please look again at this: ")):
        articles = [a for a in kz1995(lang).articles() if len(a.norm_text().split()) >= 12]
        proposals = [
            Proposal(f"q{a.num}", opener + a.norm_text().split(". ")[0], language=lang) for a in articles
        ]
        links = link_articles(proposals, kz1995(lang), ref=f"KZ@1995-{lang}")
        first = sum(bool(links[p.id]) and links[p.id][0].num == p.id[1:] for p in proposals)
        among = sum(p.id[1:] in {link.num for link in links[p.id]} for p in proposals)
        # Misses: one-line articles ("Все равны перед законом и судом"), sentences citing other articles.
        assert first / len(proposals) >= 0.85, (lang, first, len(proposals))
        assert among / len(proposals) >= 0.95, (lang, among, len(proposals))


def test_polis_comments_on_local_affairs_link_to_nothing(shared_dir: Path) -> None:
    """The threshold: comments on football concussions and youth policing never reach a constitution."""
    for name, most in (
        ("football-concussions", 0.0),
        ("london.youth.policing", 0.0),
        ("bowling-green", 0.03),
    ):
        folder = next((shared_dir / POLIS).glob(f"*{name}*"))
        proposals = [p for p in read_proposals(folder / "comments.csv") if p.language == "en"]
        links = link_articles(proposals, kz1995("en"), ref="KZ@1995-en")
        linked = sum(bool(found) for found in links.values())
        assert linked <= most * len(proposals), (name, linked, len(proposals))


def test_other_languages_link_only_by_the_numbers_they_name() -> None:
    proposals = [
        Proposal("kk", "23-бапты өзгерту керек", language="kk"),
        Proposal(
            "en",
            "Freedom of speech and creativity shall be guaranteed, censorship prohibited.",
            language="en",
        ),
    ]
    links = link_articles(proposals, kz1995("ru"), ref="KZ@1995-ru")
    assert [(link.num, link.how) for link in links["kk"]] == [("23", "named")]
    assert links["en"] == []


def test_named_article_spans_match_named_articles() -> None:
    text = "Прошу изменить статьи 23 и 24, а также пункт 2 статьи 26. А 23-бап тоже"
    spans = named_article_spans(text)
    assert list(spans) == named_articles(text) == ["23", "24", "26"]
    assert [text[s:e] for s, e in spans["23"]] == ["статьи 23 и 24", "23-бап"]


def test_a_stored_version_links_under_its_own_ref(sqlite_url: str) -> None:
    engine = open_store(sqlite_url)
    try:
        entry = corpus_entry("KZ@1995-en")
        info = VersionInfo(jurisdiction="KZ", label="1995", date=entry.date, lang="en", status=entry.status)
        import_file(engine, entry.path(), info)
        with session_scope(engine) as session:
            version = resolve_ref(session, "KZ@1995")
            links = link_articles(read_proposals(FIXTURE), version)
        assert links["en-court-fund"][0].ref == "KZ@1995"
        assert links["en-court-fund"][0].num == "80"
    finally:
        engine.dispose()
