"""The incidents list's query, and evidence marked in its source: what the incidents pages share.

What a viewer may see is not decided here but by incidents/workflow/visibility.py (the one rule for pages, counts,
charts and exports): ``IncidentQuery.where()`` is the store filter of the query, which ``Visibility.where``
narrows to the viewer's audience; the ``place`` and ``who`` filters read the viewer's edition, so a filter
cannot be used to probe a withheld name or place.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from pydantic import BaseModel

from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.evaluation.scoring import fold
from charterwatch.incidents.model import ACTIONS
from charterwatch.incidents.workflow.models import REVIEW_STATES
from charterwatch.incidents.workflow.store import Filter

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

    def where(self) -> Filter:
        """The store's filter for the query's columns (status, action, dates); ``residual`` filters (place,
        who) are left to ``matches`` on the viewer's edition."""
        return Filter(
            states=(self.status,) if self.status else (),
            any_action=self.action,
            date_from=self.date_from,
            date_to=self.date_to,
        )


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
