"""One idea per duplicate group in the queues, decisions its copies inherit, and routing on arrival, on the
bundled KZ 1995 text with the default working groups (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from charterwatch.consult import service
from charterwatch.consult.routing import last_run
from charterwatch.store.db import session_scope
from consult_fixtures import ROUTED_REF, stored

RIGHTS, PRESIDENT = "Section II: Man and citizen", "Section III: The President"
FINAL = "Section IX: Final and Transitional Provisions"
IDEA = "Article 20 must forbid the censorship of journalists, bloggers and independent newspapers"
COPIES = (  # resubmissions with typos and an added phrase: near-duplicates, not exact ones
    "I think Article 20 must forbid the censorship of journalists, bloggers and independent newspapers",
    "Article 20 must forbid the censorship of journalists, bloggers and independant newspapers.",
)
OTHER = "Limit the President to a single term of office: amend Article 42"


def arrive(engine: Engine, text: str) -> service.Arrival:
    with session_scope(engine) as session:
        return service.submit_and_route(session, text, channel="web", submitter_kind="citizen", contact=None)


def listed(engine: Engine) -> dict[str, dict[str, Any]]:
    with session_scope(engine) as session:
        return {p["id"]: p for p in service.list_proposals(session, limit=10**6)}


def test_a_duplicate_group_is_routed_and_decided_once(routing_store: Engine) -> None:
    lead, *copies = stored(routing_store, IDEA, *COPIES)
    (other,) = stored(routing_store, OTHER)
    with session_scope(routing_store) as session:
        assert str(service.run_dedup(session)) == "2 unique ideas, 2 copies, 0 campaigns"
        result = service.route(session, ref=ROUTED_REF)
        queue = service.queue(session, RIGHTS)
    assert (result.ideas, result.copies, result.routed) == (2, 2, 2)
    assert result.loads[RIGHTS] == result.loads[PRESIDENT] == 1  # one idea each, whatever its copies
    assert [(p["id"], p["copies"], p["campaign"]) for p in queue] == [(lead, 2, False)]
    rows = listed(routing_store)
    assert {rows[c]["working_group"] for c in copies} == {RIGHTS}
    assert rows[other]["working_group"] == PRESIDENT
    assert {rows[c]["status"] for c in copies} == {"assigned"}
    with session_scope(routing_store) as session:
        assert all(service.proposal_detail(session, c)["assignments"] == [] for c in copies)
        service.review(session, lead, "partly", reason="taken up in article 20", reviewer="wg-2")
        assert service.group_loads(session)[RIGHTS] == 0
        service.run_dedup(session)  # new imports would re-run it: the group is kept, so is the decision
    assert {listed(routing_store)[c]["status"] for c in copies} == {"partly"}

    with session_scope(routing_store) as session:  # a reviewer says the last copy is another idea after all
        service.split_proposals(session, [copies[1]], by="chair", reason="asks about newspapers only")
    rows = listed(routing_store)
    assert rows[copies[1]]["status"] == "new" and rows[copies[1]]["working_group"] is None
    assert rows[copies[0]]["status"] == "partly"
    with session_scope(routing_store) as session:
        again = service.route(session, ref=ROUTED_REF)
        queue = service.queue(session, RIGHTS)
    assert (again.routed, again.unchanged, again.ideas) == (1, 2, 3)
    assert {(p["id"], p["copies"], p["status"]) for p in queue} == {
        (lead, 1, "partly"),
        (copies[1], 0, "assigned"),
    }


def test_an_override_on_a_copy_moves_its_idea_and_stays(routing_store: Engine) -> None:
    lead, copy, _ = stored(routing_store, IDEA, *COPIES)
    with session_scope(routing_store) as session:
        service.run_dedup(session)
        service.route(session, ref=ROUTED_REF)
        service.override(session, copy, FINAL, by="chair", reason="transitional matter")
        assert service.proposal_detail(session, lead)["assignments"][-1]["how"] == "override"
    with session_scope(routing_store) as session:
        result = service.route(session, ref=ROUTED_REF)
        assert [p["id"] for p in service.queue(session, FINAL)] == [lead]
    assert result.overridden == 1 and result.routed == 0
    assert listed(routing_store)[copy]["working_group"] == FINAL


def test_an_override_given_before_dedup_joined_it_follows_the_idea(routing_store: Engine) -> None:
    lead, copy, _ = stored(routing_store, IDEA, *COPIES)
    with session_scope(routing_store) as session:
        service.route(session, ref=ROUTED_REF)  # no dedup yet: each is its own idea
        service.override(session, copy, FINAL, by="chair", reason="transitional matter")
        service.run_dedup(session)
    with session_scope(routing_store) as session:
        result = service.route(session, ref=ROUTED_REF)
        detail = service.proposal_detail(session, lead)
    assert result.overridden == 1 and detail["working_group"] == FINAL
    assert detail["assignments"][-1]["how"] == "override" and copy in detail["assignments"][-1]["reason"]


def test_a_proposal_is_routed_on_arrival_once_routing_has_run(routing_store: Engine) -> None:
    first = arrive(routing_store, OTHER)
    assert (first.working_group, first.joined) == (None, None)  # no routing yet: it waits, new
    assert listed(routing_store)[first.proposal_id]["status"] == "new"
    with session_scope(routing_store) as session:
        routed = service.route(session, ref=ROUTED_REF, cap=50)
        assert last_run(session) == (routed.ref, 50)
    arrived = arrive(
        routing_store, "The Constitution should say in Article 20 that bloggers are journalists too"
    )
    assert arrived.working_group == RIGHTS and arrived.joined is None
    with session_scope(routing_store) as session:
        detail = service.proposal_detail(session, arrived.proposal_id)
    assert detail["status"] == "assigned" and [k["num"] for k in detail["links"]][:1] == ["20"]
    (assignment,) = detail["assignments"]
    assert assignment["how"] == "routed" and assignment["load"] == 0 and routed.ref in assignment["reason"]
    with session_scope(routing_store) as session:
        result = service.route(session, ref=ROUTED_REF, cap=50)
    assert result.routed == 0 and result.unchanged == 2  # a full run agrees with the routing on arrival


def test_an_exact_copy_joins_its_group_on_arrival(routing_store: Engine) -> None:
    (lead,) = stored(routing_store, IDEA)
    with session_scope(routing_store) as session:
        service.run_dedup(session)  # no routing yet
    copy = arrive(routing_store, IDEA.lower() + " !")
    assert copy.joined == f"g:{lead}" and copy.copy_of == lead and copy.working_group is None
    with session_scope(routing_store) as session:
        group = service.proposal_detail(session, copy.proposal_id)["duplicate_group"]
        assert group["members"] == [lead, copy.proposal_id] and group["log"][-1]["by"] == "dedup"
        service.route(session, ref=ROUTED_REF)
        assert service.queue(session, RIGHTS)[0]["copies"] == 1
        service.review(session, lead, "accepted", reviewer="wg-2")
        assert str(service.run_dedup(session)) == "1 unique ideas, 1 copies, 0 campaigns"
    late = arrive(routing_store, IDEA)
    assert late.joined == f"g:{lead}"
    assert {listed(routing_store)[p]["status"] for p in (copy.proposal_id, late.proposal_id)} == {"accepted"}


def test_before_any_dedup_or_routing_an_exact_copy_stays_new(routing_store: Engine) -> None:
    stored(routing_store, IDEA)
    copy = arrive(routing_store, IDEA)
    assert (copy.joined, copy.working_group) == (None, None)
    assert listed(routing_store)[copy.proposal_id]["duplicate_group"] is None
