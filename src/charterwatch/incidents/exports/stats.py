"""Counts of incidents by action, role, month and place, as CSV tables and a Markdown summary.

Each incident counts once, under its headline action (the gravest, ``Incident.action``) and its first
victim's role. A month is only given for incidents dated to the month or the day; an incident dated to the
year counts under "YYYY (month not given)", an undated one under "no date". The counts read any
:class:`Countable`: stored incidents for staff, their public editions (incidents/workflow/public.py) for publication,
so a withheld date or place is counted as "no date" or "no place given".
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from charterwatch.incidents.extraction.geo import place_named
from charterwatch.incidents.model import IncidentDate, Sanction, Victim


class Countable(Protocol):
    """What statistics and the timeline read of an incident: ``Incident`` and ``PublicIncident`` both are."""

    @property
    def action(self) -> str: ...
    @property
    def victims(self) -> Sequence[Victim]: ...
    @property
    def date(self) -> IncidentDate | None: ...
    @property
    def place(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def sanction(self) -> Sanction | None: ...
    @property
    def review(self) -> str: ...


NO_DATE = "no date"
NO_PLACE = "no place given"


def month_of(incident: Countable) -> str:
    date = incident.date
    if date is None:
        return NO_DATE
    return date.value[:7] if date.precision != "year" else f"{date.value[:4]} (month not given)"


def place_of(incident: Countable) -> str:
    """The place under the gazetteer's name, so "Nur-Sultan" and "Астане" count with Astana."""
    if not incident.place:
        return NO_PLACE
    named = place_named(incident.place, incident.country)
    place = named.name if named is not None else incident.place
    return f"{place}, {incident.country}" if incident.country else place


DIMENSIONS: dict[str, Callable[[Countable], str]] = {
    "action": lambda i: i.action,
    "role": lambda i: i.victims[0].role,
    "month": month_of,
    "place": place_of,
}


@dataclass(frozen=True)
class Table:
    dimension: str
    rows: list[tuple[str, int]]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([self.dimension, "incidents", "share"])
        total = sum(n for _, n in self.rows) or 1
        writer.writerows((key, n, f"{n / total:.3f}") for key, n in self.rows)
        return out.getvalue()


def table(incidents: Sequence[Countable], dimension: str) -> Table:
    """Counts by ``dimension``: most frequent first (ties by name); months in calendar order."""
    counts = Counter(DIMENSIONS[dimension](i) for i in incidents)
    if dimension == "month":
        rows = sorted(counts.items(), key=lambda kv: (kv[0] == NO_DATE, kv[0]))
    else:
        rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return Table(dimension, rows)


def summary_markdown(
    incidents: Sequence[Countable], *, sources: int, title: str = "Civic-space incidents"
) -> str:
    """A short report: totals, review states, sanctions, and the four tables."""
    dated = sorted(i.date.value for i in incidents if i.date)
    states = Counter(i.review for i in incidents)
    lines = [
        f"# {title}",
        "",
        f"{len(incidents)} incidents from {sources} sources"
        + (f", dated {dated[0]} to {dated[-1]}" if dated else "")
        + f"; {sum(1 for i in incidents if i.date is None)} undated.",
        "",
        "Review: "
        + ", ".join(f"{states[s]} {s}" for s in ("machine", "accepted", "edited") if states[s])
        + ".",
        "",
    ]
    lines += _sanctions(incidents)
    for dimension in DIMENSIONS:
        rows = table(incidents, dimension).rows
        lines += [f"## By {dimension}", "", f"| {dimension} | incidents |", "| --- | ---: |"]
        lines += [f"| {key} | {n} |" for key, n in rows]
        lines.append("")
    return "\n".join(lines)


def _sanctions(incidents: Sequence[Countable]) -> list[str]:
    sanctions = [i.sanction for i in incidents if i.sanction]
    days = sum(s.arrest_days or 0 for s in sanctions)
    months = sum(s.prison_months or 0 for s in sanctions)
    fines: dict[str, float] = {}
    for s in sanctions:
        if s.fine_amount is not None:
            key = s.fine_currency or "?"
            fines[key] = fines.get(key, 0.0) + s.fine_amount
    parts = [f"{len(sanctions)} incidents with a sanction"]
    if days:
        parts.append(f"{days} days of administrative arrest")
    if months:
        parts.append(f"{months / 12:g} years of prison")
    parts += [f"{amount:,.0f} {currency} in fines or damages" for currency, amount in sorted(fines.items())]
    note = " (a sum imposed on several victims together counts for each)" if fines else ""
    return ["Sanctions: " + "; ".join(parts) + note + ".", ""]
