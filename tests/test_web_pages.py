"""Each page in HTML and JSON over the bundled corpus: the same context, both renderings, real figures."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from charterwatch.texts.compare.report import renumbered
from charterwatch.texts.compare.service import compare_refs


def test_dashboard_counts_and_timeline(client: TestClient) -> None:
    data = client.get("/api/").json()
    assert data["counts"]["versions"] == 9
    assert data["counts"]["comparisons"] >= 1
    refs = [event["ref"] for event in data["timeline"] if event["kind"] == "version"]
    assert "KZ@2026" in refs and "KZ@1995-ru" in refs
    dates = [event["date"] for event in data["timeline"]]
    assert dates == sorted(dates)
    assert refs.index("KZ@1995-ru") < refs.index("KZ@2026")
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'href="/texts/KZ@2026"' in page.text
    assert 'href="/api/"' in page.text  # every page links its JSON twin


def test_versions_and_a_version_s_contents(client: TestClient) -> None:
    versions = {v["ref"]: v for v in client.get("/api/texts").json()["versions"]}
    assert versions["KZ@2026"]["articles"] > 50
    assert versions["KZ@1995-ru"]["status"] == "superseded"
    contents = client.get("/api/texts/KZ@2026").json()
    articles = [entry for entry in contents["toc"] if entry["kind"] == "article"]
    assert len(articles) == versions["KZ@2026"]["articles"]
    html = client.get("/texts/KZ@2026").text
    assert f'href="/texts/KZ@2026/articles/{articles[0]["num"]}"' in html


def test_article_with_spans_into_the_source(client: TestClient) -> None:
    data = client.get("/api/texts/KZ@1995-ru/articles/20").json()
    article = data["article"]
    assert article["kind"] == "article" and article["num"] == "20"
    assert "цензура" in " ".join(child["text"] for child in article["children"]).lower()
    start, end = article["span"]
    assert 0 <= start < end
    assert data["previous"] == "19" and data["next"] == "21"
    html = client.get("/texts/KZ@1995-ru/articles/20").text
    assert "Цензура запрещается" in html or "цензура" in html.lower()


def test_search_in_html_and_json(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "цензура"}).json()
    refs = {hit["ref"] for hit in data["hits"]}
    assert {"KZ@1995-ru", "KZ@2026"} <= refs
    html = client.get("/search", params={"q": "цензура", "ref": "KZ@2026"}).text
    assert "<mark>" in html
    only = client.get("/api/search", params={"q": "цензура", "ref": "KZ@2026"}).json()
    assert {hit["ref"] for hit in only["hits"]} == {"KZ@2026"}


def test_compare_the_showcase(client: TestClient, web_app: FastAPI) -> None:
    data = client.get("/api/compare/KZ@1995-ru/KZ@2026").json()
    comparison = compare_refs(web_app.state.engine, "KZ@1995-ru", "KZ@2026")
    assert data["total_pairs"] == len(comparison.pairs) == len(data["pairs"])
    assert data["figures"]["changed_word_share"] == comparison.stats.changed_word_share
    assert [(r["old"], r["new"]) for r in data["renumbering"]] == renumbered(comparison)
    assert any(run["op"] == "insert" for pair in data["pairs"] for run in pair["redline"])
    html = client.get("/compare/KZ@1995-ru/KZ@2026").text
    first_changed = next(p for p in data["pairs"] if p["kind"] != "same")
    assert f'id="{first_changed["anchor"]}"' in html and f'href="#{first_changed["anchor"]}"' in html
    assert "<ins>" in html and "<del>" in html
    changed = client.get("/api/compare/KZ@1995-ru/KZ@2026", params={"changed_only": True}).json()
    assert all(pair["kind"] != "same" for pair in changed["pairs"])
    assert client.get("/api/compare/KZ@1995-ru/KZ@2026", params={"kind": "nonsense"}).status_code == 422


def test_audit_with_delta_and_concerns(client: TestClient) -> None:
    data = client.get("/api/audit/KZ@2026", params={"against": "KZ@1995-ru"}).json()
    assert data["ref"] == "KZ@2026" and data["against"] == "KZ@1995-ru"
    # a clause limiting several rights shows its grounds under each of them
    distinct = {
        (f["clause"]["start"], f["words"]["start"], f["words"]["end"], tuple(f["grounds"]))
        for group in data["rights"]
        for f in group["findings"]
    }
    assert len(distinct) == data["summary"]["grounds"]
    finding = data["rights"][0]["findings"][0]
    assert finding["words"]["ref"] == "KZ@2026" and finding["words"]["end"] > finding["words"]["start"]
    assert data["delta"] is not None and data["delta"]["changes"]
    assert data["concerns"]
    not_permitted = client.get(
        "/api/audit/KZ@2026", params={"against": "KZ@1995-ru", "verdict": "not_permitted"}
    ).json()
    assert all(f["verdict"] == "not_permitted" for g in not_permitted["rights"] for f in g["findings"])
    html = client.get("/audit/KZ@2026", params={"against": "KZ@1995-ru"}).text
    assert "Safeguards" in html and finding["clause"]["quote"][:30].replace("'", "&#39;") in html
    # each verdict says which ground of which right is judged, under which paragraph, resting on what
    religion = next(g for g in data["rights"] if g["right"] == "18")
    security = next(f for f in religion["findings"] if f["ground"] == "national (state) security")
    assert (security["verdict"], security["article"], security["basis_rule"]) == (
        "not_permitted",
        "ICCPR art. 18(3)",
        "not_listed",
    )
    assert "HRC General Comment 22, para 8" in security["rests_on"]
    assert (
        "<strong>national (state) security</strong> limiting freedom of religion or belief, judged under "
        "ICCPR art. 18(3)" in html
    )
    assert "<mark>национальной безопасности</mark>" in html and "none ()" not in html
    # the concerns table shows its evidence: the quoted words with their article
    concerns = html.split('id="concerns"')[1]
    assert "союз мужчины и женщины" in concerns and "KZ@2026, art. 30(2)" in concerns


def test_the_audit_downloads_as_a_docx_opinion_signed_by_the_reader(
    client: TestClient, sign_in: Callable[..., TestClient]
) -> None:
    import io

    import docx

    page = client.get("/audit/KZ@2026", params={"against": "KZ@1995-ru"}).text
    assert 'href="/audit/KZ@2026/opinion.docx?against=KZ@1995-ru"' in page
    response = client.get("/audit/KZ@2026/opinion.docx", params={"against": "KZ@1995-ru"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="audit-KZ_2026-KZ_1995-ru.docx"' in response.headers["content-disposition"]
    opinion = docx.Document(io.BytesIO(response.content))
    assert opinion.core_properties.author == "charterwatch"  # the setting, for a reader not signed in
    assert "4. Changes since KZ@1995-ru" in [p.text for p in opinion.paragraphs]
    signed = sign_in("analyst", name="ana").get("/audit/KZ@2026/opinion.docx")
    assert docx.Document(io.BytesIO(signed.content)).core_properties.author == "ana"
    assert client.get("/audit/KZ@2099/opinion.docx").status_code == 404


def test_listed_refs_are_the_store_s_canonical_refs(client: TestClient, web_app: FastAPI) -> None:
    from charterwatch.store.db import session_scope
    from charterwatch.texts.storage import list_versions, version_ref

    with session_scope(web_app.state.engine) as session:
        canonical = [version_ref(v) for v in list_versions(session)]
    assert [v["ref"] for v in client.get("/api/texts").json()["versions"]] == canonical
    assert "KZ@2026" in canonical and "KZ@1995-ru" in canonical


def test_a_version_s_page_shows_its_structure_report(client: TestClient) -> None:
    contents = client.get("/api/texts/KZ@1995-ru").json()
    assert contents["structure"]["summary"] == "102 articles (1-99), 1 repealed, numbering continuous"
    assert contents["structure"]["ok"] is True
    refs = [v["ref"] for v in client.get("/api/texts").json()["versions"] if v["ref"].startswith("RU@")]
    warned = client.get(f"/api/texts/{refs[0]}").json()["structure"]
    assert [p["code"] for p in warned["problems"]] == ["text_outside_articles"]  # the transitional points
    html = client.get(f"/texts/{refs[0]}").text
    assert 'data-code="text_outside_articles"' in html and "parts outside any article" in html
