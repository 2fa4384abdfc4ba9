"""What a viewer may see of stored incidents: the filter, the public edition, evidence marked in its source.

The public (anonymous and ``public`` users) sees only published incidents, in incidents/privacy.py's public
edition, and never a source's full text (it names people the public edition withholds); analysts and admins
see everything. Filters run on what the viewer sees, so a filter cannot be used to probe a withheld name.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from pydantic import BaseModel
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.model import ACTIONS, Incident
from charterwatch.incidents.models import REVIEW_STATES
from charterwatch.incidents.privacy import name_words, public_incident
from charterwatch.incidents.scoring import fold
from charterwatch.incidents.store import Filter, victim_names

PUBLISHED: Final = ("accepted", "edited")  # a reviewer has confirmed them: the public edition shows these
MARK_CLASSES: Final = 8  # legend colours, cycled (ev-0 ... ev-7 in incidents.css)
_DATE: Final = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class IncidentQuery:
    """The list's filters; dates are ISO prefixes (2026, 2026-03, 2026-03-15) compared with the incident's."""

    date_from: str | None = None
    date_to: str | None = None
    action: str | None = None
    place: str | None = None
    status: str | None = None
    who: str | None = None

    def check(self) -> None:
        for value in (self.date_from, self.date_to):
            if value is not None and not _DATE.fullmatch(value):
                raise CharterwatchError(E.BAD_DATE, value=value)
        if self.action is not None and self.action not in ACTIONS:
            raise CharterwatchError(E.BAD_FORMAT, value=self.action, choices=", ".join(ACTIONS))
        if self.status is not None and self.status not in REVIEW_STATES:
            raise CharterwatchError(E.BAD_FORMAT, value=self.status, choices=", ".join(REVIEW_STATES))

    @property
    def residual(self) -> bool:
        """Whether a filter must read the viewer's edition (place, names) rather than the store's columns."""
        return self.place is not None or self.who is not None

    def matches(self, data: dict[str, Any]) -> bool:
        """Whether one incident (as ``to_dict`` or its public edition) passes every filter."""
        date = (data["date"] or {}).get("value")
        if self.date_from and (date is None or date[: len(self.date_from)] < self.date_from):
            return False
        if self.date_to and (date is None or date[: len(self.date_to)] > self.date_to):
            return False
        if self.action and self.action not in data["actions"]:
            return False
        if self.status and data["review"] != self.status:
            return False
        if self.place and fold(self.place) not in fold(
            " ".join(filter(None, [data["place"], data["country"]]))
        ):
            return False
        labels = " ".join(v["name"] or v["description"] or "" for v in data["victims"])
        return not (self.who and fold(self.who) not in fold(labels))


class Edition:
    """The incidents as one viewer may see them: full dicts for analysts, the public edition otherwise.

    The public edition withholds every name that is private in some listed incident and published in none,
    read from the store's victims (``public_words``) without loading the incidents.
    """

    def __init__(self, session: Session, *, private: bool) -> None:
        self.private = private
        self._words = frozenset() if private else public_words(session)

    def visible(self, incident: Incident) -> bool:
        return self.private or incident.review in PUBLISHED

    def view(self, incident: Incident) -> dict[str, Any]:
        return incident.to_dict() if self.private else public_incident(incident, self._words)

    def where(self, query: IncidentQuery) -> Filter:
        """The store's filter for what the query asks and this viewer may see; ``query.residual`` (place,
        who) is left to ``query.matches`` on the views."""
        states: tuple[str, ...] = (query.status,) if query.status else () if self.private else PUBLISHED
        dated = query.date_from is not None or query.date_to is not None
        return Filter(
            states=states,
            any_action=query.action,
            date_from=query.date_from,
            date_to=query.date_to,
            withheld=("date",) if dated and not self.private else (),
        )


def public_words(session: Session) -> frozenset[str]:
    """The folded words of every victim name that is private in some incident and published in none."""
    private: set[str] = set()
    public: set[str] = set()
    for name, hidden in victim_names(session):
        (private if hidden else public).add(name)
    return name_words(private - public)


class Segment(BaseModel):
    """A run of a source's text covered by the same evidence fields (none: plain text)."""

    start: int
    end: int
    text: str
    fields: list[str]
    mark: int | None  # the legend colour of the first field, None for plain text


def segments(text: str, spans: Sequence[tuple[str, int, int]], legend: dict[str, int]) -> list[Segment]:
    """``text`` cut at every evidence boundary, each piece with the fields whose spans cover it."""
    cuts = sorted({0, len(text), *(p for _, s, e in spans for p in (s, e) if 0 <= p <= len(text))})
    found = []
    for start, end in itertools.pairwise(cuts):
        fields = sorted({f for f, s, e in spans if s <= start and end <= e}, key=lambda f: legend.get(f, 99))
        found.append(
            Segment(
                start=start,
                end=end,
                text=text[start:end],
                fields=fields,
                mark=legend[fields[0]] % MARK_CLASSES if fields else None,
            )
        )
    return found


def legend_of(evidence: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Each evidence field's colour number, in order of first appearance."""
    legend: dict[str, int] = {}
    for item in evidence:
        legend.setdefault(item["field"], len(legend))
    return legend
