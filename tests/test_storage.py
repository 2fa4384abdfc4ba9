"""Saving parsed texts to the store and reading them back: round trips, refs, articles and search."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E
from charterwatch.store import Document, Version, session_scope
from charterwatch.store.db import open_store
from charterwatch.store.models import Provision as ProvisionRow
from charterwatch.texts.search_words import search_columns
from charterwatch.texts.storage import (
    get_article,
    list_versions,
    load_version,
    resolve_ref,
    save_version,
    search,
    version_ref,
)
from charterwatch.texts.tree import EID_PREFIX, ParsedText, Provision, ProvisionKind

KEYWORDS = {"ru": ("Раздел", "Статья"), "en": ("Section", "Article"), "kk": ("бөлім", "бап")}


@dataclass
class Spec:
    """A provision to build: kind, number, own words and children."""

    kind: ProvisionKind
    num: str | None = None
    text: str = ""
    children: list[Spec] = field(default_factory=list)
    heading: str | None = None


def build(specs: list[Spec], *, title: str, lang: str) -> ParsedText:
    """A ParsedText whose spans point into a source text written line by line from the specs."""
    lines: list[str] = []
    offset = 0

    def emit(line: str) -> int:
        nonlocal offset
        start = offset
        lines.append(line)
        offset += len(line) + 1
        return start

    def make(spec: Spec, parent_eid: str) -> Provision:
        eid = EID_PREFIX[spec.kind] + (f"_{spec.num}" if spec.num else "")
        eid = f"{parent_eid}__{eid}" if parent_eid else eid
        start = offset
        label = None
        if spec.kind in ("section", "article"):
            keyword = KEYWORDS[lang][spec.kind == "article"]
            label = f"{keyword} {spec.num}." + (f" {spec.heading}" if spec.heading else "")
            emit(label)
        text_start = emit(spec.text) if spec.text else offset
        children = [make(child, eid) for child in spec.children]
        return Provision(
            kind=spec.kind,
            eid=eid,
            num=spec.num,
            label=label,
            heading=spec.heading,
            text=spec.text,
            span=(start, max(start, offset - 1)),
            text_span=(text_start, text_start + len(spec.text)),
            children=children,
        )

    emit(title)
    provisions = [make(spec, "") for spec in specs]
    return ParsedText(title=title, lang=lang, provisions=provisions, source_text="\n".join(lines) + "\n")


def kz_text(*, extra: str = "") -> ParsedText:
    return build(
        [
            Spec("preamble", text="Мы, народ Казахстана, объединенный общей исторической судьбой."),
            Spec(
                "section",
                "I",
                heading="Основы конституционного строя",
                children=[
                    Spec("article", "1", text="Республика Казахстан – демократическое государство." + extra),
                    Spec(
                        "article",
                        "20",
                        children=[
                            Spec("paragraph", "1", text="Свобода слова и творчества гарантируется."),
                            Spec(
                                "paragraph",
                                "2",
                                text="Ограничения допускаются в целях охраны общественного порядка.",
                                children=[
                                    Spec("subparagraph", "1", text="защиты прав и свобод других лиц;"),
                                    Spec("subparagraph", "2", text="ОБЩЕСТВЕННОГО ПОРЯДКА и нравственности."),
                                ],
                            ),
                        ],
                    ),
                    Spec("note", text="Сноска. Статья 20 с изменениями, внесенными Законом РК от 2022 года."),
                ],
            ),
            Spec(
                "section",
                "II",
                children=[
                    Spec("article", "44-1", text="Порядок общественного обсуждения определяется законом.")
                ],
            ),
        ],
        title="Конституция Республики Казахстан",
        lang="ru",
    )


def en_text() -> ParsedText:
    return build(
        [Spec("article", "1", text="The Republic of Kazakhstan proclaims itself a democratic state.")],
        title="Constitution of the Republic of Kazakhstan",
        lang="en",
    )


def kk_text() -> ParsedText:
    return build(
        [
            Spec(
                "article", "1", text="Қазақстан Республикасы өзін демократиялық мемлекет ретінде орнықтырады."
            )
        ],
        title="Қазақстан Республикасының Конституциясы",
        lang="kk",
    )


def checksum(parsed: ParsedText) -> str:
    return hashlib.sha256(parsed.source_text.encode()).hexdigest()


def save(session: Session, parsed: ParsedText, **options: Any) -> Version:
    values: dict[str, Any] = {
        "jurisdiction": "KZ",
        "label": "1995",
        "lang": parsed.lang,
        "date": dt.date(2023, 1, 1),
        "status": "superseded",
        "source": f"kz-{parsed.lang}.txt",
        "source_format": "txt",
        "checksum": checksum(parsed),
        "parser": "texts.plain.v1",
    }
    values.update(options)
    return save_version(session, parsed, **values)


def count(session: Session, model: type[Any]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_test_tree_is_faithful_to_its_source() -> None:
    parsed = kz_text()
    for node in parsed.walk():
        assert parsed.source_text[node.text_span[0] : node.text_span[1]] == node.text


def test_save_and_load_round_trip(engine: Engine) -> None:
    parsed = kz_text()
    with session_scope(engine) as session:
        version_id = save(session, parsed).id
    with session_scope(engine) as session:
        version = session.get(Version, version_id)
        assert version is not None
        loaded = load_version(session, version)
    assert loaded.to_dict() == parsed.to_dict()
    assert loaded.source_text == parsed.source_text


def test_saved_version_describes_its_work_and_expression(session: Session) -> None:
    version = save(session, kz_text(), title="Конституция РК")
    assert version.frbr_expression == "/akn/kz/act/1995/constitution/rus@2023-01-01"
    assert version.document.frbr_work == "/akn/kz/act/1995/constitution"
    assert version.document.title == "Конституция РК"
    assert version.document.language == "ru"
    assert version.title == "Конституция Республики Казахстан"
    assert version.checksum == checksum(kz_text())
    kk = save(session, kk_text(), date=None)
    assert kk.document_id == version.document_id
    assert kk.frbr_expression == "/akn/kz/act/1995/constitution/kaz@"


def test_provisions_are_stored_flat_in_document_order(session: Session) -> None:
    parsed = kz_text()
    version = save(session, parsed)
    rows = session.scalars(
        select(ProvisionRow).where(ProvisionRow.version_id == version.id).order_by(ProvisionRow.position)
    ).all()
    assert [row.eid for row in rows] == [node.eid for node in parsed.walk()]
    assert [row.position for row in rows] == list(range(len(rows)))
    by_id = {row.id: row for row in rows}
    para = next(row for row in rows if row.eid == "sec_I__art_20__para_2__subpara_1")
    assert para.depth == 3  # section, article, paragraph, subparagraph
    assert para.parent_id is not None
    assert by_id[para.parent_id].eid == "sec_I__art_20__para_2"


def test_saving_the_same_source_again_changes_nothing(session: Session) -> None:
    first = save(session, kz_text())
    provisions = count(session, ProvisionRow)
    again = save(session, kz_text(), parser="texts.plain.v2", status="in_force")
    assert again.id == first.id
    assert again.parser == "texts.plain.v1"
    assert count(session, ProvisionRow) == provisions
    assert count(session, Version) == 1


def test_saving_a_different_source_under_the_same_name_is_refused(session: Session) -> None:
    save(session, kz_text())
    changed = kz_text(extra=" Изменено.")
    with pytest.raises(CharterwatchError) as caught:
        save(session, changed)
    assert caught.value.code is E.VERSION_EXISTS
    assert "KZ@1995-ru" in str(caught.value)


def test_a_failed_save_leaves_nothing_behind(engine: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        save(session, kz_text())
        raise RuntimeError("interrupted")
    with session_scope(engine) as session:
        assert count(session, Document) == count(session, Version) == count(session, ProvisionRow) == 0
        assert search(session, "общественного порядка") == []


@pytest.mark.parametrize(
    ("options", "work"),
    [
        ({"label": "2026", "date": dt.date(2026, 3, 15)}, "2026"),
        ({"label": "draft", "date": "2025-09-01"}, "2025"),
        ({"label": "2020", "work": "1993", "jurisdiction": "ru"}, "1993"),
    ],
)
def test_the_work_year(session: Session, options: dict[str, Any], work: str) -> None:
    assert save(session, kz_text(), **options).document.work_date == work


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"label": "draft", "date": None}, E.BAD_WORK),
        ({"work": "95"}, E.BAD_WORK),
        ({"lang": "de"}, E.BAD_LANGUAGE),
        ({"status": "repealed"}, E.BAD_STATUS),
        ({"source_format": "rtf"}, E.BAD_FORMAT),
        ({"date": "15.03.2026"}, E.BAD_DATE),
        ({"jurisdiction": "K Z"}, E.BAD_REF),
        ({"label": "a b"}, E.BAD_REF),
    ],
)
def test_bad_options_are_coded_errors(session: Session, options: dict[str, Any], code: E) -> None:
    with pytest.raises(CharterwatchError) as caught:
        save(session, kz_text(), **options)
    assert caught.value.code is code
    assert count(session, Version) == 0


def test_a_tree_parsed_in_another_language_is_refused(session: Session) -> None:
    with pytest.raises(ValueError, match="parsed as 'ru'"):
        save(session, kz_text(), lang="kk")


def store_corpus(session: Session) -> None:
    save(session, kz_text())
    save(session, en_text(), date=dt.date(2022, 9, 17))
    save(session, kk_text(), date=dt.date(2022, 9, 17))
    save(session, kz_text(extra=" 2026."), label="2026", date=dt.date(2026, 3, 15), status="in_force")
    save(session, kz_text(), jurisdiction="RU", label="2020", work="1993", date=dt.date(2020, 7, 4))


@pytest.mark.parametrize(
    ("ref", "label", "lang", "jurisdiction"),
    [
        ("KZ@2026", "2026", "ru", "KZ"),
        ("kz@2026", "2026", "ru", "KZ"),
        ("KZ@1995-ru", "1995", "ru", "KZ"),
        ("KZ@1995-KK", "1995", "kk", "KZ"),
        ("KZ@2026-ru", "2026", "ru", "KZ"),
        (" RU@2020 ", "2020", "ru", "RU"),
    ],
)
def test_resolve_ref(session: Session, ref: str, label: str, lang: str, jurisdiction: str) -> None:
    store_corpus(session)
    version = resolve_ref(session, ref)
    assert (version.document.jurisdiction, version.label, version.lang) == (jurisdiction, label, lang)


@pytest.mark.parametrize(
    ("ref", "code"),
    [
        ("KZ@1995", E.AMBIGUOUS_REF),
        ("KZ@1993", E.VERSION_NOT_FOUND),
        ("KZ@2026-en", E.VERSION_NOT_FOUND),
        ("UZ@2023", E.VERSION_NOT_FOUND),
        ("KZ2026", E.BAD_REF),
        ("KZ@", E.BAD_REF),
        ("@2026", E.BAD_REF),
        ("KZ@20 26", E.BAD_REF),
    ],
)
def test_resolve_ref_errors(session: Session, ref: str, code: E) -> None:
    store_corpus(session)
    with pytest.raises(CharterwatchError) as caught:
        resolve_ref(session, ref)
    assert caught.value.code is code


def test_an_ambiguous_ref_lists_the_refs_that_would_do(session: Session) -> None:
    store_corpus(session)
    with pytest.raises(CharterwatchError) as caught:
        resolve_ref(session, "KZ@1995")
    assert caught.value.details["matches"] == "KZ@1995-en, KZ@1995-kk, KZ@1995-ru"


def test_version_refs_name_the_language_only_when_needed(engine: Engine) -> None:
    with session_scope(engine) as session:
        store_corpus(session)
        versions = list_versions(session)
        refs = [version_ref(version) for version in versions]
        assert refs == ["KZ@1995-en", "KZ@1995-kk", "KZ@1995-ru", "KZ@2026", "RU@2020"]
        assert all(
            resolve_ref(session, ref).id == version.id for ref, version in zip(refs, versions, strict=True)
        )
    # a version detached from its session cannot check, so it always names its language
    assert version_ref(versions[3]) == "KZ@2026-ru"


def test_get_article(session: Session) -> None:
    parsed = kz_text()
    version = save(session, parsed)
    for num in ("1", "20", "44-1"):
        article = parsed.article(num)
        assert article is not None
        assert get_article(session, version, num).to_dict() == article.to_dict()
    with pytest.raises(CharterwatchError) as caught:
        get_article(session, version, "99")
    assert caught.value.code is E.ARTICLE_NOT_FOUND
    assert "KZ@1995" in str(caught.value)


def test_search_lists_the_phrase_before_the_scattered_words(session: Session) -> None:
    parsed = build(
        [
            Spec("article", "1", text="Порядка ради: общественного согласия нет."),
            Spec("article", "2", text="Охрана общественного порядка."),
        ],
        title="Т",
        lang="ru",
    )
    save(session, parsed)
    assert [hit.article for hit in search(session, "общественного порядка")] == ["2", "1"]
    assert [hit.article for hit in search(session, '"общественного порядка"')] == ["2"]


def test_search_finds_a_russian_phrase_as_written_when_quoted(session: Session) -> None:
    parsed = kz_text()
    save(session, parsed)
    hits = search(session, '"общественного порядка"')
    assert {hit.eid for hit in hits} == {"sec_I__art_20__para_2", "sec_I__art_20__para_2__subpara_2"}
    for hit in hits:
        assert hit.ref == "KZ@1995"
        assert hit.article == "20"
        assert "**общественного**" in hit.snippet.lower()
        node = next(node for node in parsed.walk() if node.eid == hit.eid)
        assert hit.kind == node.kind
        assert parsed.source_text[hit.span[0] : hit.span[1]] == node.text
    assert search(session, '"общественный порядок"') == []


def test_search_finds_every_form_of_a_word_and_the_phrase_first(session: Session) -> None:
    save(session, kz_text())
    hits = search(session, "общественный порядок")  # the dictionary forms; the text has other cases
    assert [hit.eid for hit in hits][-1] == "sec_II__art_44-1"  # both words, not in a row: last
    assert {hit.eid for hit in hits[:2]} == {"sec_I__art_20__para_2", "sec_I__art_20__para_2__subpara_2"}
    assert "**Порядок**" in hits[-1].snippet and "**общественного**" in hits[-1].snippet


@pytest.mark.parametrize(
    ("query", "eids"),
    [
        ("СВОБОДА слова", {"sec_I__art_20__para_1"}),
        ('"порядка и"', {"sec_I__art_20__para_2__subpara_2"}),
        ('"охраны общественного" ограничения', {"sec_I__art_20__para_2"}),
        ('"порядка охраны"', set()),
        ("Казахстана", {"preamble", "sec_I__art_1"}),
        ("сноска", {"sec_I__note"}),
        ('"порядок"', {"sec_II__art_44-1"}),
        ("порядок", {"sec_II__art_44-1", "sec_I__art_20__para_2", "sec_I__art_20__para_2__subpara_2"}),
        ("свободу", {"sec_I__art_20__para_1", "sec_I__art_20__para_2__subpara_1"}),
        ("объединённый", {"preamble"}),  # ё and е are one letter to search
    ],
)
def test_search_words_and_quoted_phrases(session: Session, query: str, eids: set[str]) -> None:
    save(session, kz_text())
    assert {hit.eid for hit in search(session, query)} == eids


@pytest.mark.parametrize(
    "query", ['общественного"', "NEAR(", "AND OR NOT", "порядка*", "text:порядка", "^порядка", "(a OR b"]
)
def test_search_syntax_never_crashes(session: Session, query: str) -> None:
    save(session, kz_text())
    assert isinstance(search(session, query), list)


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "— …", "* ( )"])
def test_search_needs_words(session: Session, query: str) -> None:
    with pytest.raises(CharterwatchError) as caught:
        search(session, query)
    assert caught.value.code is E.BAD_QUERY


def test_search_folds_case_in_every_language_and_filters_by_ref(session: Session) -> None:
    store_corpus(session)
    assert [hit.ref for hit in search(session, "ҚАЗАҚСТАН республикасы")] == ["KZ@1995-kk"]
    assert [hit.ref for hit in search(session, "REPUBLIC of kazakhstan")] == ["KZ@1995-en"]
    everywhere = {hit.ref for hit in search(session, "общественного порядка")}
    assert everywhere == {"KZ@1995-ru", "KZ@2026", "RU@2020"}
    assert {hit.ref for hit in search(session, "общественного порядка", ref="KZ@2026")} == {"KZ@2026"}
    assert len(search(session, "общественного порядка", limit=2)) == 2
    with pytest.raises(CharterwatchError):
        search(session, "порядка", ref="KZ@1995")


def test_deleting_a_version_removes_its_provisions_and_search_entries(engine: Engine) -> None:
    with session_scope(engine) as session:
        save(session, kz_text())
    with session_scope(engine) as session:
        session.delete(resolve_ref(session, "KZ@1995"))
    with session_scope(engine) as session:
        assert count(session, ProvisionRow) == 0
        assert search(session, "общественного порядка") == []


def synthetic_text(index: int, *, articles: int = 100, paragraphs: int = 9) -> ParsedText:
    words = "Каждый имеет право на свободу мирных собраний и объединений без оружия"
    specs = [
        Spec(
            "article",
            str(a),
            children=[
                Spec("paragraph", str(p), text=f"{words} {index} {a} {p}.") for p in range(1, paragraphs + 1)
            ],
        )
        for a in range(1, articles + 1)
    ]
    return build(specs, title=f"Текст {index}", lang="ru")


def test_nine_texts_of_a_thousand_provisions_round_trip(sqlite_url: str) -> None:
    from charterwatch.store import open_store

    texts = [synthetic_text(i) for i in range(9)]
    assert sum(1 for _ in texts[0].walk()) == 1000
    engine = open_store(sqlite_url)
    for i, parsed in enumerate(texts):
        with session_scope(engine) as session:
            save(session, parsed, label=str(2000 + i))
    with session_scope(engine) as session:
        assert load_version(session, resolve_ref(session, "KZ@2008")).to_dict() == texts[8].to_dict()
    engine.dispose()


CORPUS_FILE = Path("data") / "constitutions" / "kz-2026-ru.txt"


@pytest.mark.skipif(importlib.util.find_spec("charterwatch.texts.parse") is None, reason="no text parser yet")
def test_a_real_constitution_round_trips(engine: Engine, shared_dir: Path) -> None:
    from charterwatch.texts.parse import parse_text

    raw = (shared_dir / CORPUS_FILE).read_bytes()
    parsed = parse_text(raw.decode("utf-8"), lang="ru")
    with session_scope(engine) as session:
        save(
            session,
            parsed,
            label="2026",
            date=dt.date(2026, 3, 15),
            status="in_force",
            checksum=hashlib.sha256(raw).hexdigest(),
        )
    with session_scope(engine) as session:
        version = resolve_ref(session, "KZ@2026")
        loaded = load_version(session, version)
        assert loaded.to_dict() == parsed.to_dict()
        assert loaded.source_text == parsed.source_text
        hits = search(session, "общественного порядка", ref="KZ@2026")
        texts = [loaded.source_text[hit.span[0] : hit.span[1]].lower() for hit in hits]
        assert "общественного порядка" in texts[0]
        phrase_first = [" общественный порядок " in f" {search_columns(text)[1]} " for text in texts]
        assert phrase_first == sorted(phrase_first, reverse=True)
        assert all({"общественный", "порядок"} <= set(search_columns(text)[1].split()) for text in texts)


RUSSIAN_WORDS = (
    "свобода", "право", "гражданин", "закон", "государство", "собрание", "объединение", "порядок", "суд",
    "информация", "слово", "безопасность", "здоровье", "нравственность", "власть", "народ", "президент",
    "выборы", "собственность", "труд",
)  # fmt: skip


def test_russian_words_find_the_provisions_holding_any_of_their_forms(engine: Engine) -> None:
    """Recall over a real constitution, judged by every form pymorphy3 generates for each word (its lexeme)."""
    from charterwatch.lang.ru.morph import analyser
    from charterwatch.texts.corpus import corpus_entry
    from charterwatch.texts.importer import VersionInfo, import_file
    from charterwatch.texts.search_words import fold, words

    entry = corpus_entry("kz-1995-ru-as-of-2023.txt")
    import_file(
        engine, entry.path(), VersionInfo(jurisdiction="KZ", label="1995", date=entry.date, lang="ru")
    )
    with session_scope(engine) as session:
        version = resolve_ref(session, "KZ@1995")
        nodes = [node for node in load_version(session, version).walk() if node.text]
        wanted = found = 0
        for word in RUSSIAN_WORDS:
            forms = {fold(f.word) for f in analyser().parse(word)[0].lexeme}
            holding = {n.eid for n in nodes if any(w.form in forms for w in words(n.text))}
            hits = {hit.eid for hit in search(session, word, ref="KZ@1995", limit=5_000)}
            wanted += len(holding)
            found += len(holding & hits)
            assert hits - holding == set() or len(hits - holding) <= len(holding) // 10, word  # few extra
    assert wanted > 500 and found / wanted >= 0.95


@pytest.mark.postgres
def test_both_backends_give_the_same_first_page(sqlite_url: str, pg_url: str) -> None:
    from charterwatch.texts.corpus import corpus_entry
    from charterwatch.texts.importer import VersionInfo, import_file

    entry = corpus_entry("kz-1995-ru-as-of-2023.txt")
    info = VersionInfo(jurisdiction="KZ", label="1995", date=entry.date, lang="ru")
    pages = []
    for url in (sqlite_url, pg_url):
        engine = open_store(url)
        try:
            import_file(engine, entry.path(), info)
            with session_scope(engine) as session:
                pages.append(
                    [
                        [(hit.eid, hit.snippet) for hit in search(session, query, limit=20)]
                        for query in ("права граждан", "свобода", '"общественного порядка"', "суд закон")
                    ]
                )
        finally:
            engine.dispose()
    assert all(pages[0]) and pages[0] == pages[1]
