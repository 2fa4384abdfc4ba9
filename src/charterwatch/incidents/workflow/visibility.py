"""What an audience may see of the stored incidents: the one rule every page, chart, count and export calls.

Staff (analysts, admins, the CLI's full editions) see every incident as it is stored. The public sees:

- only **published** incidents (review state ``accepted`` or ``edited``), never one merged into another:
  :func:`restrict` adds this to any store :class:`~charterwatch.incidents.workflow.store.Filter`, so lists, counts,
  months and the dashboard are the same SQL query for everyone, narrowed for the public;
- each in its **public edition** (incidents/workflow/public.py), never the incident itself: :func:`view`;
- a withheld date neither found by a date filter nor counted in a month (:func:`months`);
- an id or an id prefix that is unknown, ambiguous, unpublished or merged away answers the same
  ``INCIDENT_NOT_FOUND`` (:func:`find_row`), so no answer tells that unpublished incidents exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from typing import Any, Final

from sqlalchemy.orm import Session

from charterwatch.audience import Audience
from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.model import Incident, Source
from charterwatch.incidents.workflow.models import REVIEW_STATES, IncidentRow
from charterwatch.incidents.workflow.public import (
    PublicIncident,
    name_words,
    public_edition,
    public_source,
    withheld_words,
)
from charterwatch.incidents.workflow.store import (
    Filter,
    count_incidents,
    incident_row,
    incidents_by_month,
    list_incidents,
    rows_matching,
    victim_names,
)

__all__ = [
    "ALL",
    "PUBLISHED",
    "RECORDED",
    "Audience",
    "Visibility",
    "find_row",
    "months",
    "public_words",
    "restrict",
    "view",
    "visible_states",
]

PUBLISHED: Final = ("accepted", "edited")  # a reviewer has confirmed them: the public edition shows these
RECORDED: Final = ("machine", "accepted", "edited")  # every incident not rejected: what staff count
ALL: Final = Filter()  # every incident the audience may see


def visible_states(audience: Audience) -> tuple[str, ...]:
    """The review states ``audience`` may see (all, for staff)."""
    return REVIEW_STATES if audience.sees_private else PUBLISHED


def restrict(where: Filter, audience: Audience) -> Filter:
    """``where`` narrowed to what ``audience`` may see; a public query for unpublished states is FORBIDDEN."""
    if audience.sees_private:
        return where
    states = tuple(s for s in where.states if s in PUBLISHED) if where.states else PUBLISHED
    if not states:
        raise CharterwatchError(E.FORBIDDEN, role=audience.value)
    dated = where.date_from is not None or where.date_to is not None
    withheld = tuple(dict.fromkeys([*where.withheld, *(("date",) if dated else ())]))
    return replace(where, states=states, include_merged=False, withheld=withheld)


def view(incident: Incident, audience: Audience, words: frozenset[str] = frozenset()) -> dict[str, Any]:
    """``incident`` as ``audience`` may read it, as a dict (``to_dict`` for staff, the public edition's else)."""
    return incident.to_dict() if audience.sees_private else public_edition(incident, words).to_dict()


def public_words(session: Session) -> frozenset[str]:
    """The folded words of every victim name that is private in some listed incident and published in none,
    read from the store's victims without loading the incidents."""
    private: set[str] = set()
    public: set[str] = set()
    for name, hidden in victim_names(session):
        (private if hidden else public).add(name)
    return name_words(private - public)


def find_row(session: Session, incident_id: str, audience: Audience) -> IncidentRow:
    """The row of ``incident_id`` (or of the one visible incident its prefix starts); for the public every
    failure is INCIDENT_NOT_FOUND, the same as for an id that never existed."""
    if audience.sees_private:
        return incident_row(session, incident_id)
    found = rows_matching(session, incident_id, restrict(ALL, audience))
    if len(found) != 1:
        raise CharterwatchError(E.INCIDENT_NOT_FOUND, incident=incident_id)
    return found[0]


def months(session: Session, where: Filter, audience: Audience) -> tuple[dict[str, int], int]:
    """Incidents of ``where`` per month and undated, as ``audience`` may count them."""
    return incidents_by_month(session, restrict(where, audience), hidden_dates=not audience.sees_private)


class Visibility:
    """The rule bound to one session and audience: what the web app's pages call.

    The public edition withholds every name private in some listed incident and published in none, read
    once from the store (``public_words``).
    """

    def __init__(self, session: Session, audience: Audience) -> None:
        self.session = session
        self.audience = audience

    @cached_property
    def words(self) -> frozenset[str]:
        """Read on first use: counts and months need no names."""
        return frozenset() if self.private else public_words(self.session)

    @property
    def private(self) -> bool:
        return self.audience.sees_private

    @property
    def states(self) -> tuple[str, ...]:
        return visible_states(self.audience)

    def where(self, where: Filter = ALL) -> Filter:
        return restrict(where, self.audience)

    def count(self, where: Filter = ALL) -> int:
        return count_incidents(self.session, self.where(where))

    def months(self, where: Filter = ALL) -> tuple[dict[str, int], int]:
        return months(self.session, where, self.audience)

    def incidents(self, where: Filter = ALL, *, offset: int = 0, limit: int | None = None) -> list[Incident]:
        """The stored incidents ``where`` selects among those visible (staff-side objects: view them before
        showing them)."""
        return list_incidents(self.session, self.where(where), offset=offset, limit=limit)

    def edition(self, incident: Incident) -> Incident | PublicIncident:
        """The incident itself for staff, its public edition else: what a chart or statistic may read."""
        return incident if self.private else public_edition(incident, self.words)

    def view(self, incident: Incident) -> dict[str, Any]:
        return view(incident, self.audience, self.words)

    def find(self, incident_id: str) -> IncidentRow:
        return find_row(self.session, incident_id, self.audience)

    def sources(self, incident: Incident, sources: Sequence[Source]) -> list[dict[str, Any]]:
        """The incident's sources as this audience may read them (public.py's rule 4)."""
        if self.private:
            return [s.to_dict() for s in sources]
        words = self.words | withheld_words(incident)
        dated = "date" not in incident.private_fields
        return [public_source(s, words, date_withheld=not dated) for s in sources]
