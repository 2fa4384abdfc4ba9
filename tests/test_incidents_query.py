"""The incidents list as queries (store.Filter, counts, months, victim names) gives exactly what filtering
every loaded incident in Python gives, for analysts and for the public edition, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, inspect

from charterwatch.errors import CharterwatchError
from charterwatch.incidents.workflow.public import name_words, private_names, public_edition
from charterwatch.incidents.workflow.review import edit
from charterwatch.incidents.workflow.service import ingest_into_store
from charterwatch.incidents.workflow.store import (
    count_incidents,
    incidents_by_month,
    list_incidents,
    save_incident,
)
from charterwatch.incidents.workflow.visibility import PUBLISHED, Audience, Visibility, find_row, public_words
from charterwatch.store.db import downgrade, make_engine, session_scope, upgrade
from charterwatch.web.pages.incidents_view import IncidentQuery

QUERIES = [
    IncidentQuery(),
    IncidentQuery(action="detention"),
    IncidentQuery(action="fine"),
    IncidentQuery(date_from="2026"),
    IncidentQuery(date_from="2026-03", date_to="2026-03"),
    IncidentQuery(date_from="2025-06-01", date_to="2026-02-28"),
    IncidentQuery(date_to="2025"),
    IncidentQuery(status="accepted"),
    IncidentQuery(status="edited", action="detention"),
    IncidentQuery(place="Almaty"),
    IncidentQuery(who="journalist"),
    IncidentQuery(who="Khalabuzar", date_from="2020"),
]


LIST_INDEXES = {"ix_incident_listed", "ix_incident_listed_review"}


def test_revision_0006_adds_the_list_indexes_and_takes_them_away(db_url: str) -> None:
    def indexes() -> set[str]:
        engine = make_engine(db_url)
        try:
            return {str(i["name"]) for i in inspect(engine).get_indexes("incident")}
        finally:
            engine.dispose()

    upgrade(db_url, "0006")
    assert indexes() >= LIST_INDEXES
    downgrade(db_url, "0005")
    assert not indexes() & LIST_INDEXES
    upgrade(db_url)
    assert indexes() >= LIST_INDEXES


@pytest.fixture
def seeded(engine: Engine, shared_dir: Path) -> Engine:
    """The seed incidents; every other one published, and one published with its date and place withheld."""
    with session_scope(engine) as session:
        ingest_into_store(session, [shared_dir / "seeds"], default_date="2026-03-01")
    with session_scope(engine) as session:
        incidents = list_incidents(session)
        for n, incident in enumerate(incidents):
            if n % 2 == 0:
                save_incident(session, replace(incident, review="accepted" if n % 4 else "edited"))
        dated = next(i for n, i in enumerate(incidents) if n % 2 == 0 and i.date is not None)
        withheld = [*dated.private_fields, "date", "place"]
        save_incident(session, replace(dated, review="edited", private_fields=withheld))
        group = next(
            i
            for n, i in enumerate(incidents)
            if n % 2 == 0 and i.victims[0].kind == "group" and i.id != dated.id
        )
        renamed = edit(group, reviewer="kibhr-1", victim_name="the Qarabas reading circle")
        save_incident(session, edit(renamed, reviewer="kibhr-1", private_fields=["victims[0].name"]))
    return engine


def _reference(everything: list[Any], query: IncidentQuery, *, private: bool) -> list[dict[str, Any]]:
    """The old way: every incident loaded, the viewer's edition made, then filtered in Python."""
    words = name_words(private_names(everything))
    views = [i.to_dict() if private else public_edition(i, words).to_dict() for i in everything]
    return [v for v in views if (private or v["review"] in PUBLISHED) and query.matches(v)]


@pytest.mark.parametrize("private", [True, False], ids=["analyst", "public"])
def test_queries_match_filtering_in_python(seeded: Engine, private: bool) -> None:
    with session_scope(seeded) as session:
        everything = list_incidents(session)
        assert public_words(session) == name_words(private_names(everything))
        edition = Visibility(session, Audience.STAFF if private else Audience.PUBLIC)
        checked = 0
        for query in QUERIES:
            if not private and query.status not in (None, *PUBLISHED):
                continue
            expected = _reference(everything, query, private=private)
            where = edition.where(query.where())
            found = [edition.view(i) for i in list_incidents(session, where)]
            if query.residual:
                found = [v for v in found if query.matches(v)]
            assert [v["id"] for v in found] == [v["id"] for v in expected], query
            if query.residual:
                continue
            assert count_incidents(session, where) == len(expected)
            page = list_incidents(session, where, offset=2, limit=3)
            assert [i.id for i in page] == [v["id"] for v in expected[2:5]]
            dates = [v["date"] for v in expected]
            months = Counter(d["value"][:7] for d in dates if d and d["precision"] != "year")
            assert incidents_by_month(session, where, hidden_dates=not private) == (
                dict(sorted(months.items())),
                dates.count(None),
            ), query
            checked += bool(expected)
        assert checked >= 5  # most queries select something


def test_a_withheld_date_is_not_found_by_date_nor_counted_in_a_month_by_the_public(seeded: Engine) -> None:
    with session_scope(seeded) as session:
        hidden = next(i for i in list_incidents(session) if "date" in i.private_fields)
        assert hidden.date is not None
        query = IncidentQuery(date_from=hidden.date.value, date_to=hidden.date.value)
        public, analyst = Visibility(session, Audience.PUBLIC), Visibility(session, Audience.STAFF)
        assert hidden.id in [i.id for i in analyst.incidents(query.where())]
        assert hidden.id not in [i.id for i in public.incidents(query.where())]
        months, undated = public.months()
        all_months, all_undated = incidents_by_month(session, public.where())
        assert undated == all_undated + 1 and sum(months.values()) == sum(all_months.values()) - 1


def test_the_public_finds_a_published_incident_by_prefix_and_nothing_else(seeded: Engine) -> None:
    with session_scope(seeded) as session:
        everything = list_incidents(session)
        assert "qarabas" in public_words(session)  # a withheld group name is a private word
        published = next(i for i in everything if i.review in PUBLISHED)
        unpublished = next(i for i in everything if i.review not in PUBLISHED)
        twins = [replace(unpublished, id=f"feed{n:012x}") for n in (1, 2)]
        for twin in twins:
            save_incident(session, twin)
        session.flush()
        assert find_row(session, published.id[:6], Audience.PUBLIC).id == published.id
        assert find_row(session, twins[0].id, Audience.STAFF).id == twins[0].id
        for asked in (unpublished.id, unpublished.id[:6], "feed", twins[0].id, "0000ffff"):
            with pytest.raises(CharterwatchError) as caught:
                find_row(session, asked, Audience.PUBLIC)
            assert caught.value.code.name == "INCIDENT_NOT_FOUND", asked
        with pytest.raises(CharterwatchError) as caught:
            find_row(session, "feed", Audience.STAFF)
        assert caught.value.code.name == "AMBIGUOUS_INCIDENT"
