"""Routing on the bundled KZ 1995 text and the default working groups: named articles, similarity, load
balance and cap, overrides that survive a re-route."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.metrics.pairwise import cosine_similarity  # type: ignore[import-untyped]
from sqlalchemy import Engine

from charterwatch.consult import service
from charterwatch.consult.model import Proposal
from charterwatch.consult.routing import Link
from charterwatch.store.db import session_scope
from charterwatch.texts.tree import ParsedText
from consult_fixtures import ROUTED_REF, stored

RIGHTS, PRESIDENT = "Section II: Man and citizen", "Section III: The President"


@dataclass(frozen=True)
class SimilarLink:
    eid: str
    num: str
    score: float
    how: str
    evidence: tuple[tuple[int, int], ...]
    words: tuple[str, ...] = ()
    method: str = "test.tfidf"


def similar_linker(
    proposals: Sequence[Proposal], version: ParsedText, *, ref: str | None = None
) -> Mapping[str, Sequence[Link]]:
    """The best article by TF-IDF cosine: a small real similarity linker through the routing protocol."""
    articles = [a for a in version.articles() if a.num]
    vectorizer = TfidfVectorizer(stop_words="english").fit([a.norm_text() for a in articles])
    scores = cosine_similarity(
        vectorizer.transform([p.text for p in proposals]),
        vectorizer.transform([a.norm_text() for a in articles]),
    )
    found: dict[str, list[Link]] = {}
    for row, proposal in enumerate(proposals):
        best = int(scores[row].argmax())
        if scores[row, best] >= 0.2:
            link = SimilarLink(
                articles[best].eid, str(articles[best].num), float(scores[row, best]), "similar", ()
            )
            found[proposal.id] = [link]
    return found


def group_of(engine: Engine, ident: str) -> str | None:
    with session_scope(engine) as session:
        found: str | None = service.proposal_detail(session, ident)["assignments"][-1]["working_group"]
        return found


def test_proposals_naming_articles_go_to_the_group_owning_them(routing_store: Engine) -> None:
    free, term = stored(
        routing_store,
        "Article 20 must forbid censorship of journalists and bloggers",
        "Limit the President to one term: amend Article 42",
    )
    with session_scope(routing_store) as session:
        result = service.route(session, ref=ROUTED_REF)
    assert (result.routed, result.linked) == (2, 2)
    assert (group_of(routing_store, free), group_of(routing_store, term)) == (RIGHTS, PRESIDENT)
    with session_scope(routing_store) as session:
        links = service.proposal_detail(session, free)["links"]
    text = "Article 20 must forbid censorship of journalists and bloggers"
    named = [k for k in links if k["how"] == "named"]
    assert named[0]["num"] == "20" and named[0]["section"] == "II"
    assert any(text[a:b].endswith("20") for a, b in named[0]["evidence"])


def test_a_proposal_only_similar_to_an_article_is_routed_by_it(routing_store: Engine) -> None:
    (ident,) = stored(
        routing_store, "The Parliament of the Republic should have two chambers: the Senate and the Mazhilis"
    )
    with session_scope(routing_store) as session:
        service.route(session, ref=ROUTED_REF, linker=similar_linker)
        link = service.proposal_detail(session, ident)["links"][0]
    assert link["how"] == "similar" and link["section"] == "IV"
    assert group_of(routing_store, ident) == "Section IV: Parliament"
    with session_scope(
        routing_store
    ) as session:  # the package's linker finds the same section, best article first
        service.route(session, ref=ROUTED_REF)
        links = service.proposal_detail(session, ident)["links"]
    assert {k["section"] for k in links} == {"IV"} and links[0]["score"] == max(k["score"] for k in links)
    assert group_of(routing_store, ident) == "Section IV: Parliament"


def test_load_balance_and_cap(routing_store: Engine) -> None:
    both = stored(routing_store, *[f"Articles 20 and 42 both need change, proposal {k}" for k in range(6)])
    with session_scope(routing_store) as session:
        result = service.route(session, ref=ROUTED_REF)
    assert result.loads[RIGHTS] == result.loads[PRESIDENT] == 3  # equal scores: the less loaded group
    unowned = stored(
        routing_store, *[f"Nothing about articles here at all, idea number {k}" for k in range(9)]
    )
    with session_scope(routing_store) as session:
        result = service.route(session, ref=ROUTED_REF)
    assert result.unowned == 9 and result.unchanged == len(both)
    others = [n for g, n in result.loads.items() if g not in (RIGHTS, PRESIDENT)]
    assert sum(others) == len(unowned) and max(others) - min(others) <= 1  # the least loaded groups

    def ranked(
        proposals: Sequence[Proposal], version: ParsedText, *, ref: str | None = None
    ) -> Mapping[str, Sequence[Link]]:
        arts = {a.num: a.eid for a in version.articles()}
        return {
            p.id: [
                SimilarLink(arts["20"], "20", 0.9, "similar", ()),
                SimilarLink(arts["42"], "42", 0.5, "similar", ()),
            ]
            for p in proposals
        }

    with session_scope(routing_store) as session:
        result = service.route(session, ref=ROUTED_REF, linker=ranked, cap=8)
    assert result.loads[RIGHTS] == 8  # the better score, up to the cap; the rest to the next candidate
    assert result.loads[RIGHTS] + result.loads[PRESIDENT] == len(both) + len(unowned)


def test_an_override_survives_rerouting(routing_store: Engine) -> None:
    (ident,) = stored(routing_store, "Article 20 must forbid censorship of journalists and bloggers")
    with session_scope(routing_store) as session:
        service.route(session, ref=ROUTED_REF)
        service.override(
            session, ident, "Section IX: Final and Transitional Provisions", by="chair", reason="x"
        )
    with session_scope(routing_store) as session:
        result = service.route(session, ref=ROUTED_REF)
        queue = service.queue(session, "Section IX: Final and Transitional Provisions")
    assert result.overridden == 1 and result.routed == 0
    assert [p["id"] for p in queue] == [ident] and queue[0]["status"] == "assigned"
    hows = [a["how"] for a in service_detail(routing_store, ident)["assignments"]]
    assert hows == ["routed", "override"]


def service_detail(engine: Engine, ident: str) -> dict[str, object]:
    with session_scope(engine) as session:
        return service.proposal_detail(session, ident)
