"""Consultation pages over constructed KZ 1995 proposals: public form, themes, queues, decisions, access."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from charterwatch.audience import Audience
from charterwatch.consult import service
from charterwatch.consult.sample import SAMPLE_PROPOSALS
from charterwatch.store.db import open_store, session_scope
from charterwatch.web.audit import entries
from conftest import SHARED_DIR

FIXTURE = SAMPLE_PROPOSALS  # the package copy: the demo loads it too
SECTION_II = "Section II: Man and citizen"
SECTION_IV = "Section IV: Parliament"
COPY = "Прошу закрепить в статье 20 право на доступ к информации без предварительной цензуры."
CONTACT = "citizen-h5@example.org"
POLIS = ("15-per-hour-seattle", "scoop-hivemind.ubi")  # real comments, for the themes


@pytest.fixture(scope="module")
def consult_store_file(corpus_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus with the constructed proposals (and three copies of one), routed, deduplicated, themed."""
    folder = tmp_path_factory.mktemp("web-consult")
    copies = folder / "copies.jsonl"
    rows = [{"id": f"c{k}", "text": COPY, "language": "ru"} for k in range(3)]
    copies.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    polis = SHARED_DIR / "data" / "consultations" / "polis-opendata"
    if not polis.is_dir():
        pytest.skip(f"no Polis conversations in {polis}")
    path = folder / "consult.db"
    shutil.copyfile(corpus_store_file, path)
    engine = open_store(f"sqlite:///{path}")
    try:
        with session_scope(engine) as session:
            service.import_proposals(session, FIXTURE, id_prefix="kz:")
            service.import_proposals(session, copies, id_prefix="copy:")
            service.load_groups(session, service.DEFAULT_GROUPS)
            service.route(session, ref="KZ@1995-ru")
            for name in POLIS:  # after routing: they stay out of the queues
                service.import_proposals(session, polis / name / "comments.csv")
            service.run_dedup(session)
            service.run_themes(session)
    finally:
        engine.dispose()
    return path


@pytest.fixture
def web_db_url(consult_store_file: Path, tmp_path: Path) -> str:
    """Overrides web_fixtures' store: this test's own copy of the consultation store."""
    copy = tmp_path / "web.db"
    shutil.copyfile(consult_store_file, copy)
    return f"sqlite:///{copy}"


def _token(client: TestClient, path: str = "/consult/propose") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None, path
    return found.group(1)


def _queue(client: TestClient, group: str) -> dict[str, Any]:
    response = client.get(f"/api/consult/queue/{group}", params={"limit": "500"})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def _log(web_app: FastAPI, action: str) -> list[Any]:
    with session_scope(web_app.state.engine) as session:
        return [row for row in entries(session, limit=500)[1] if row.action == action]


def test_overview_and_themes_in_html_and_json(client: TestClient) -> None:
    data = client.get("/api/consult").json()
    assert data["summary"]["proposals"] == 22 + 3 + 54 + 71 and data["queues"] == [] and not data["can_route"]
    assert data["themes"] and all(t["keywords"] and t["count"] >= 2 for t in data["themes"])
    with session_scope(client.app.state.engine) as session:  # type: ignore[attr-defined]
        stored = service.stored_themes(session)
    assert [(t["id"], t["keywords"], t["count"]) for t in data["themes"]] == [
        (t.id, t.keywords, len(t.members)) for t in stored
    ]
    overview = client.get("/consult")
    assert 'href="/consult/propose"' in overview.text and "set-cookie" not in overview.headers
    html = client.get("/consult/propose").text
    assert 'action="/consult/proposals"' in html and 'name="csrf_token"' in html
    assert client.get("/api/consult/propose").json()["max_chars"] >= 10_000
    themes = client.get("/api/consult/themes").json()["themes"]
    assert themes == data["themes"]
    assert themes[0]["keywords"][0] in client.get("/consult/themes").text


def test_a_themes_page_lists_its_ideas_without_contacts_and_links_them_for_reviewers(
    client: TestClient, sign_in: Callable[..., TestClient]
) -> None:
    with session_scope(client.app.state.engine) as session:  # type: ignore[attr-defined]
        theme = service.stored_themes(session)[0]
        contacts = {p.contact for p in service.all_proposals(session) if p.contact}
    assert f'href="/consult/themes/{quote(theme.id)}"' in client.get("/consult/themes").text
    data = client.get(f"/api/consult/themes/{theme.id}", params={"limit": "500"}).json()
    assert data["theme"]["keywords"] == theme.keywords and not data["can_review"]
    assert {i["id"] for i in data["ideas"]} == set(theme.members) and data["total"] == len(theme.members)
    html = client.get(f"/consult/themes/{theme.id}").text
    assert data["ideas"][0]["id"] in html and 'href="/consult/proposals/' not in html
    assert not any(contact in html for contact in contacts)
    assert client.get("/api/consult/themes/no-such-theme").status_code == 404
    page = client.get(f"/api/consult/themes/{theme.id}", params={"limit": "1", "offset": "1"}).json()
    assert [i["id"] for i in page["ideas"]] == [data["ideas"][1]["id"]]
    reviewer = sign_in("analyst")
    assert 'href="/consult/proposals/' in reviewer.get(f"/consult/themes/{theme.id}").text


def test_public_form_stores_thanks_and_never_echoes_the_contact(
    client: TestClient, sign_in: Callable[..., TestClient], web_app: FastAPI
) -> None:
    text = "Предлагаю в статье 32 прямо записать, что мирные собрания проводятся по уведомлению."
    form = {"text": text, "submitter_kind": "citizen", "contact": CONTACT, "csrf_token": _token(client)}
    response = client.post("/consult/proposals", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/consult/thanks"
    thanks = client.get("/consult/thanks")
    new_id = client.get("/api/consult/thanks").json()["ids"][-1]
    assert new_id.startswith("web:") and new_id in thanks.text
    assert CONTACT not in thanks.text and text not in thanks.text
    assert client.get(f"/api/consult/proposals/{new_id}").status_code == 403  # the public reads no proposal
    with session_scope(web_app.state.engine) as session:
        stored = service.proposal_detail(session, new_id, audience=Audience.STAFF)
    assert stored["text"] == text and stored["contact"] == CONTACT and stored["articles"] == ["32"]
    (logged,) = _log(web_app, "proposal.submit")
    assert CONTACT not in json.dumps(logged.after) and logged.actor is None
    sign_in("admin")
    assert client.get(f"/api/consult/proposals/{new_id}").json()["proposal"]["contact"] == CONTACT


def test_public_form_limits_csrf_and_rate(client: TestClient) -> None:
    good = {"text": "Предлагаю сохранить запрет цензуры в статье 20.", "submitter_kind": "citizen"}
    assert client.post("/consult/proposals", data=good).status_code == 403  # no CSRF token
    token = _token(client)
    short = client.post("/consult/proposals", data={**good, "text": "коротко", "csrf_token": token})
    assert short.status_code == 422
    long = client.post("/consult/proposals", data={**good, "text": "а" * 20_001, "csrf_token": token})
    assert long.status_code == 422
    kind = client.post("/consult/proposals", data={**good, "submitter_kind": "robot", "csrf_token": token})
    assert kind.status_code == 422
    sent = client.post(
        "/api/consult/proposals",
        json={"text": good["text"], "contact": CONTACT},
        headers={"X-CSRF-Token": token},
    )
    assert sent.status_code == 201 and sent.json()["id"].startswith("web:") and CONTACT not in sent.text
    fifth = client.post("/consult/proposals", data={**good, "csrf_token": token}, follow_redirects=False)
    assert fifth.status_code == 303  # the test settings allow 5 a minute; every attempt counts
    limited = client.post("/consult/proposals", data={**good, "csrf_token": token})
    assert limited.status_code == 429 and "retry-after" in {k.lower() for k in limited.headers}


def test_working_group_sees_its_own_queue_only(
    sign_in: Callable[..., TestClient], client: TestClient
) -> None:
    assert client.get(f"/api/consult/queue/{SECTION_II}").status_code == 403  # anonymous
    sign_in("working_group", group=SECTION_II)
    mine = _queue(client, SECTION_II)
    assert mine["total"] >= 3 and all(p["working_group"] == SECTION_II for p in mine["proposals"])
    assert all("contact" not in p for p in mine["proposals"])
    assert client.get("/api/consult").json()["queues"] == [SECTION_II]
    html = client.get(f"/consult/queue/{SECTION_II}")
    assert html.status_code == 200 and mine["proposals"][0]["id"] in html.text
    assert client.get(f"/api/consult/queue/{SECTION_IV}").status_code == 403
    assert client.get(f"/consult/queue/{SECTION_IV}").status_code == 403
    detail = client.get(f"/api/consult/proposals/{mine['proposals'][0]['id']}").json()
    assert "contact" not in detail["proposal"] and detail["holder"] == SECTION_II
    with session_scope(client.app.state.engine) as session:  # type: ignore[attr-defined]
        other = service.queue(session, SECTION_IV)[0]["id"]
    assert client.get(f"/api/consult/proposals/{other}").status_code == 403
    token = _token(client)
    refused = client.post(
        f"/consult/proposals/{other}/review", data={"status": "accepted", "csrf_token": token}
    )
    assert refused.status_code == 403


@pytest.mark.parametrize("role", [None, "public"])
def test_others_reach_no_queue_review_or_duplicates(
    role: str | None, client: TestClient, sign_in: Callable[..., TestClient]
) -> None:
    if role:
        sign_in(role)
    token = _token(client)
    for path in (f"/consult/queue/{SECTION_II}", "/consult/duplicates", "/consult/proposals/kz:ru-marriage"):
        assert client.get(path).status_code == 403, path
        assert client.get(f"/api{path}").status_code == 403, path
    for path, form in (
        ("/consult/proposals/kz:ru-marriage/review", {"status": "accepted"}),
        ("/consult/proposals/kz:ru-marriage/assign", {"group": SECTION_IV}),
        ("/consult/route", {}),
    ):
        assert client.post(path, data={**form, "csrf_token": token}).status_code == 403, path


def test_decisions_and_reassignment_are_logged(sign_in: Callable[..., TestClient], web_app: FastAPI) -> None:
    client = sign_in("working_group", name="wg2", group=SECTION_II)
    proposal = _queue(client, SECTION_II)["proposals"][0]["id"]
    token = _token(client)
    path = f"/consult/proposals/{proposal}"
    no_reason = client.post(f"{path}/review", data={"status": "partly", "csrf_token": token})
    assert no_reason.status_code == 422
    done = client.post(
        f"{path}/review",
        data={"status": "partly", "reason": "the second ask is for Parliament", "csrf_token": token},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == path
    assert client.get(f"/api{path}").json()["proposal"]["status"] == "partly"
    (logged,) = _log(web_app, "proposal.review")
    assert (
        logged.actor == "wg2" and logged.before["status"] == "assigned" and logged.after["status"] == "partly"
    )
    moved = client.post(
        f"{path}/assign",
        data={"group": SECTION_IV, "reason": "speaks of the Mazhilis", "csrf_token": token},
        headers={"accept": "application/json"},
    )
    assert moved.status_code == 200 and moved.json()["working_group"] == SECTION_IV
    assert proposal not in {p["id"] for p in _queue(client, SECTION_II)["proposals"]}
    assert client.get(f"/api{path}").status_code == 403  # no longer the group's
    (assigned,) = _log(web_app, "proposal.assign")
    assert assigned.before["working_group"] == SECTION_II and assigned.after["working_group"] == SECTION_IV


def test_a_public_proposal_reaches_a_queue_on_arrival(
    client: TestClient, sign_in: Callable[..., TestClient], web_app: FastAPI
) -> None:
    text = "Статья 27: брак должен оставаться добровольным союзом мужчины и женщины, прошу сохранить."
    client.post("/consult/proposals", data={"text": text, "csrf_token": _token(client)})
    new_id = client.get("/api/consult/thanks").json()["ids"][-1]
    sign_in("analyst")
    detail = client.get(f"/api/consult/proposals/{new_id}").json()
    assert detail["holder"] == SECTION_II and detail["proposal"]["status"] == "assigned"
    (routed,) = detail["proposal"]["assignments"]  # against the draft of the last routing run
    assert routed["how"] == "routed" and "owns article 27 of KZ@1995-ru" in routed["reason"]
    assert [k["num"] for k in detail["proposal"]["links"] if k["how"] == "named"] == ["27"]
    assert new_id in {p["id"] for p in _queue(client, SECTION_II)["proposals"]}
    again = client.post(
        "/consult/route", data={"csrf_token": _token(client)}, headers={"accept": "application/json"}
    )
    assert again.status_code == 200 and _log(web_app, "consult.route")
    assert client.get(f"/api/consult/proposals/{new_id}").json()["holder"] == SECTION_II  # nothing moved


def test_an_exact_copy_sent_as_json_joins_its_group_and_follows_its_decision(
    client: TestClient, sign_in: Callable[..., TestClient]
) -> None:
    sent = client.post(
        "/api/consult/proposals",
        json={"text": "  " + COPY.upper() + "!! "},  # the same after normalisation
        headers={"x-csrf-token": _token(client)},
    )
    assert sent.status_code == 201, sent.text
    new_id = sent.json()["id"]
    assert sent.json()["status"] == "assigned"
    analyst = sign_in("analyst")
    detail = analyst.get(f"/api/consult/proposals/{new_id}").json()["proposal"]
    assert detail["lead"] == "copy:c0" and detail["assignments"] == []
    assert new_id in detail["duplicate_group"]["members"] and detail["working_group"] == SECTION_II
    rows = {p["id"]: p for p in _queue(analyst, SECTION_II)["proposals"]}
    assert new_id not in rows and rows["copy:c0"]["copies"] == 3  # c1, c2 and the new one
    analyst.post(
        "/consult/proposals/copy:c0/review",
        data={"status": "accepted", "csrf_token": _token(analyst)},
        headers={"accept": "application/json"},
    )
    assert analyst.get(f"/api/consult/proposals/{new_id}").json()["proposal"]["status"] == "accepted"


def test_duplicates_view(sign_in: Callable[..., TestClient]) -> None:
    client = sign_in("analyst")
    groups = client.get("/api/consult/duplicates").json()["groups"]
    copies = next(g for g in groups if set(g["members"]) == {"copy:c0", "copy:c1", "copy:c2"})
    assert copies["size"] == 3 and copies["kind"] == "copies"
    assert client.get("/api/consult/duplicates", params={"campaigns_only": "true"}).json()["groups"] == []
    assert copies["representative"] in client.get("/consult/duplicates").text


def test_uptake_report_per_theme_with_evidence_words(client: TestClient) -> None:
    data = client.get("/api/consult/uptake", params={"limit": "500"}).json()
    assert (data["old_ref"], data["new_ref"]) == ("KZ@1995-ru", "KZ@2026")
    assert sum(data["counts"].values()) == data["total"] == len(data["proposals"])
    assert sum(t["total"] for t in data["themes"]) == data["total"]
    rows = {p["id"]: p for p in data["proposals"]}
    privacy = rows[
        "kz:ru-privacy-data"
    ]  # the 2026 text added personal data: the fixture expects it reflected
    assert privacy["status"] == "reflected" and "18" in privacy["articles"]
    assert privacy["evidence"] and all(
        w["ref"] == "KZ@2026" for w in privacy["evidence"] if w["side"] == "inserted"
    )
    assert all("contact" not in p for p in data["proposals"])
    reflected = client.get("/api/consult/uptake", params={"status": "reflected", "limit": "500"}).json()
    assert reflected["total"] == data["counts"]["reflected"]
    html = client.get("/consult/uptake", params={"status": "reflected"}).text
    assert "<mark" in html and privacy["evidence"][0]["text"] in html
    assert client.get("/api/consult/uptake", params={"status": "maybe"}).status_code == 422


def test_a_script_posts_a_proposal_as_json_without_a_page_token(client: TestClient) -> None:
    """JSON bodies cannot be sent cross-site by a browser (no form or no-CORS fetch makes them), so no token."""
    text = "Прошу закрепить в статье о собраниях порядок уведомления вместо разрешения."
    sent = client.post("/api/consult/proposals", json={"text": text})
    assert sent.status_code == 201 and sent.json()["id"].startswith("web:")
    as_form = client.post("/consult/proposals", data={"text": text, "submitter_kind": "citizen"})
    assert as_form.status_code == 403  # a form can be forged cross-site: it still needs the page's token
    as_text = client.post(
        "/api/consult/proposals", content=json.dumps({"text": text}), headers={"Content-Type": "text/plain"}
    )
    assert as_text.status_code == 403


def test_the_sender_follows_a_proposal_by_its_private_link(
    client: TestClient, sign_in: Callable[..., TestClient]
) -> None:
    text = "Прошу в статье 20 запретить блокировку сайтов без решения суда и закрепить право на информацию."
    sent = client.post("/api/consult/proposals", json={"text": text, "contact": CONTACT})
    assert sent.status_code == 201, sent.text
    link = urlsplit(sent.json()["follow_url"]).path
    assert link.startswith("/consult/follow/") and len(link) > len("/consult/follow/") + 30
    page = client.get(link)
    assert page.status_code == 200 and text in page.text and CONTACT not in page.text
    assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
    data = client.get("/api" + link).json()["proposal"]
    assert data["status"] == "assigned" and data["working_group"] == SECTION_II and data["answers"] == []
    uptake = client.get("/api" + link).json()["uptake"]
    assert uptake is not None and (uptake["old_ref"], uptake["new_ref"]) == ("KZ@1995-ru", "KZ@2026")
    reviewer = sign_in("working_group", name="wg-follow", group=SECTION_II)
    decided = reviewer.post(
        f"/consult/proposals/{data['id']}/review",
        data={
            "status": "partly",
            "reason": "blocking is for the law on media",
            "csrf_token": _token(reviewer),
        },
        follow_redirects=False,
    )
    assert decided.status_code == 303
    answered = client.get("/api" + link).json()["proposal"]
    assert (
        answered["status"] == "partly"
        and answered["answers"][-1]["reason"] == "blocking is for the law on media"
    )
    wrong = client.get("/api/consult/follow/" + "x" * 32)
    assert wrong.status_code == 404 and wrong.json()["error"] == "CONSULT_FOLLOW_UNKNOWN"
    assert client.get(link[:-1] + ("A" if link[-1] != "A" else "B")).status_code == 404


def test_the_thank_you_page_shows_the_private_link_once(client: TestClient) -> None:
    text = "Предлагаю в статье 32 оставить уведомительный порядок проведения мирных собраний."
    form = {"text": text, "submitter_kind": "citizen", "csrf_token": _token(client)}
    assert client.post("/consult/proposals", data=form, follow_redirects=False).status_code == 303
    first = client.get("/consult/thanks")
    found = re.search(r'class="follow-link" href="([^"]+)"', first.text)
    assert found is not None and client.get(urlsplit(found.group(1)).path).status_code == 200
    assert 'class="follow-link"' not in client.get("/consult/thanks").text  # shown once
