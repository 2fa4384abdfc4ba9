"""Which fields of an incident are private: the marks ingest and review put in ``private_fields``.

What the public may then see of an incident is decided in one place, incidents/workflow/visibility.py, from these
marks (docs/incidents.md, "Privacy"):

1. The name of a victim who is a person is private, unless the victim is a politician (a public figure by
   role) or a reviewer has published it (``edit(..., private_fields=[...])`` without that path). Ingest
   marks these names in ``private_fields``; organisations and unnamed groups are public until a reviewer
   withholds them.
2. A reviewer may withhold a victim's name (or a group's description), or the ``date``, ``place``,
   ``country``, ``perpetrator``, ``sanction`` or ``legal_basis`` of an incident, the same way: by adding its
   path to ``private_fields``.
"""

from __future__ import annotations

from dataclasses import replace

from charterwatch.incidents.model import Incident

PUBLIC_FIGURE_ROLES = frozenset({"politician"})
WITHHOLDABLE = ("date", "place", "country", "perpetrator", "sanction", "legal_basis")


def default_private_fields(incident: Incident) -> list[str]:
    """The paths rule 1 makes private: names of victims who are persons and not public figures."""
    return [
        f"victims[{i}].name"
        for i, victim in enumerate(incident.victims)
        if victim.kind == "person" and victim.name and victim.role not in PUBLIC_FIGURE_ROLES
    ]


def with_default_privacy(incident: Incident) -> Incident:
    """``incident`` with the default private paths added to its ``private_fields`` (order kept, no repeats)."""
    fields = list(dict.fromkeys([*incident.private_fields, *default_private_fields(incident)]))
    return incident if fields == incident.private_fields else replace(incident, private_fields=fields)
