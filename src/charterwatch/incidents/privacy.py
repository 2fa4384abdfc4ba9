"""Which fields of an incident stay out of public exports, and the public view of an incident.

The rule (docs/incidents.md, "Privacy"):

1. The name of a victim who is a person is private, unless the victim is a politician (a public figure by
   role) or a reviewer has published it (``edit(..., private_fields=[...])`` without that path). Ingest
   marks these names in ``private_fields``; organisations and unnamed groups are public.
2. A reviewer may withhold a victim's name, or the ``date``, ``place``, ``country``, ``perpetrator``,
   ``sanction`` or ``legal_basis`` of an incident, the same way: by adding its path to ``private_fields``.
3. The review log (reviewers, notes, changes) is private: the public view keeps only the review state.
4. Evidence is private when its field is private, when its quote contains a word of a private name, or
   when it holds contact details (an e-mail address or a phone number). Spans go with their quotes.
5. A source title that names a private victim is left out.

A private name replaced in the public view reads as a description of its role: "a journalist (name
withheld)".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from charterwatch.incidents.model import Incident, Source
from charterwatch.incidents.scoring import fold

PUBLIC_FIGURE_ROLES = frozenset({"politician"})
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+"  # e-mail
    r"|(?:\+\d[\d ()-]{8,}\d)"  # international phone number
    r"|\b\d{3}[ -]\d{2}[ -]\d{2}\b"  # local phone number
)
WITHHOLDABLE = ("date", "place", "country", "perpetrator", "sanction", "legal_basis")
_WORD = re.compile(r"\w+")
_MIN_NAME_WORD = 3


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


def private_names(incidents: Iterable[Incident]) -> list[str]:
    """Every victim name that is private in some incident and published in none."""
    private: set[str] = set()
    public: set[str] = set()
    for incident in incidents:
        for i, victim in enumerate(incident.victims):
            if victim.name:
                hidden = f"victims[{i}].name" in incident.private_fields
                (private if hidden else public).add(victim.name)
    return sorted(private - public)


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The folded words of ``names`` long enough to identify someone ("Olesya", "Khalabuzar")."""
    return frozenset(
        w for name in names for w in _WORD.findall(fold(name)) if len(w) >= _MIN_NAME_WORD and not w.isdigit()
    )


def mentions(text: str, words: frozenset[str]) -> bool:
    """Whether ``text`` holds one of the private ``words`` or contact details."""
    return bool(_CONTACT.search(text)) or any(w in words for w in _WORD.findall(fold(text)))


def public_incident(incident: Incident, words: frozenset[str]) -> dict[str, Any]:
    """The public view of ``incident`` as a dict shaped like ``to_dict``, without anything private.

    ``words`` are the folded words of every private name of the export (``name_words(private_names(...))``),
    so a quote naming a victim of another incident is left out too.
    """
    data = incident.to_dict()
    hidden = set(incident.private_fields)
    for i, victim in enumerate(data["victims"]):
        if f"victims[{i}].name" in hidden and victim["name"]:
            role = victim["role"].replace("_", " ")
            victim["name"] = None
            victim["description"] = f"{'an' if role[0] in 'aeiou' else 'a'} {role} (name withheld)"
    for path in hidden & set(WITHHOLDABLE):
        data[path] = [] if path == "legal_basis" else None
    data["evidence"] = [
        e
        for e in data["evidence"]
        if not _private_path(e["field"], hidden) and not mentions(e["quote"], words)
    ]
    del data["review_log"], data["private_fields"]
    return data


def _private_path(field: str, hidden: set[str]) -> bool:
    return field in hidden or field.split("[")[0] in hidden


def public_source(source: Source, words: frozenset[str]) -> dict[str, Any]:
    """A source without a title that names a private victim."""
    data = source.to_dict()
    if data["title"] and mentions(data["title"], words):
        data["title"] = None
    return data
