"""The public edition of an incident: its own frozen type, built field by field from what may be published.

Nothing is copied and then deleted: :func:`public_edition` reads each field of the incident and copies it
only when it is public, so a field added to :class:`~charterwatch.incidents.model.Incident` later stays out of
the public edition until someone decides it may go in. The review log and ``private_fields`` have no place
in :class:`PublicIncident` at all. What is withheld (docs/incidents.md, "Privacy"):

1. A victim whose ``victims[i].name`` path is private, person or group, reads as its role ("a journalist
   (name withheld)"): neither its name nor the description a reviewer wrote for a group is copied.
2. A withheld ``date``, ``place``, ``country``, ``perpetrator``, ``sanction`` or ``legal_basis`` is left out, and
   so is any of those free-text fields whose words name something withheld (a sanction told with the place).
3. Evidence is left out when its field is private, when its quote holds a word of a private name (of any
   incident of the edition) or of this incident's withheld values, or contact details.
4. A source's title or location that holds such a word is left out, and its publication date when an
   incident citing it withholds its date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from charterwatch.incidents.evaluation.scoring import fold
from charterwatch.incidents.model import (
    Evidence,
    Incident,
    IncidentDate,
    Sanction,
    Source,
    Victim,
    incident_fields,
)

_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+"  # e-mail
    r"|(?:\+\d[\d ()-]{8,}\d)"  # international phone number
    r"|\b\d{3}[ -]\d{2}[ -]\d{2}\b"  # local phone number
)
_WORD = re.compile(r"\w+")
_MIN_NAME_WORD = 3


@dataclass(frozen=True, slots=True)
class PublicIncident:
    """What the public may read of one incident; ``to_dict`` has the shape of ``Incident.to_dict`` without
    ``private_fields`` and ``review_log``."""

    id: str
    victims: tuple[Victim, ...]
    action: str
    actions: tuple[str, ...]
    date: IncidentDate | None
    place: str | None
    country: str | None
    sanction: Sanction | None
    legal_basis: tuple[str, ...]
    rights: tuple[str, ...]
    perpetrator: str | None
    evidence: tuple[Evidence, ...]
    confidence: float
    source_ids: tuple[str, ...]
    extractor: str
    review: str

    def to_dict(self) -> dict[str, Any]:
        return incident_fields(self)


def withheld_label(role: str) -> str:
    """How a victim whose name is withheld reads: "a journalist (name withheld)"."""
    words = role.replace("_", " ")
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words} (name withheld)"


def hidden_victim(incident: Incident, position: int) -> bool:
    return f"victims[{position}].name" in incident.private_fields


def private_labels(incident: Incident) -> list[str]:
    """What rule 1 withholds in ``incident``: the names, or a group's description, of hidden victims."""
    return [
        victim.label
        for i, victim in enumerate(incident.victims)
        if victim.label and hidden_victim(incident, i)
    ]


def private_names(incidents: Iterable[Incident]) -> list[str]:
    """Every victim name (or withheld group description) private in some incident and published in none."""
    private: set[str] = set()
    public: set[str] = set()
    for incident in incidents:
        hidden = set(private_labels(incident))
        private |= hidden
        public |= {v.name for v in incident.victims if v.name and v.name not in hidden}
    return sorted(private - public)


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The folded words of ``names`` long enough to identify someone ("Olesya", "Khalabuzar")."""
    return frozenset(
        w for name in names for w in _WORD.findall(fold(name)) if len(w) >= _MIN_NAME_WORD and not w.isdigit()
    )


def mentions(text: str, words: frozenset[str]) -> bool:
    """Whether ``text`` holds one of the private ``words`` or contact details."""
    return bool(_CONTACT.search(text)) or any(w in words for w in _WORD.findall(fold(text)))


def withheld_words(incident: Incident) -> frozenset[str]:
    """The words of this incident's withheld values (a withheld date by its year)."""
    hidden = set(incident.private_fields)
    values: list[str] = list(private_labels(incident))
    values += [str(getattr(incident, f)) for f in ("place", "country", "perpetrator") if f in hidden]
    if "sanction" in hidden and incident.sanction:
        values.append(incident.sanction.text)
    if "legal_basis" in hidden:
        values += incident.legal_basis
    words = set(name_words(v for v in values if v and v != "None"))
    if "date" in hidden and incident.date:
        words.add(incident.date.value[:4])
    return frozenset(words)


def public_edition(incident: Incident, words: frozenset[str] = frozenset()) -> PublicIncident:
    """The public edition of ``incident``; ``words`` are the private name words of the whole edition
    (``name_words(private_names(...))``), so a quote naming a victim of another incident is left out too."""
    hidden = set(incident.private_fields)
    own = words | withheld_words(incident)

    def kept(name: str) -> Any:
        return None if name in hidden else getattr(incident, name)

    def told(text: str | None) -> bool:
        """Free text is published only when it names nothing withheld (a sanction told with the place)."""
        return text is not None and not mentions(text, own)

    sanction = kept("sanction")

    return PublicIncident(
        id=incident.id,
        victims=tuple(
            Victim(v.kind, v.role, None, withheld_label(v.role)) if hidden_victim(incident, i) else v
            for i, v in enumerate(incident.victims)
        ),
        action=incident.action,
        actions=tuple(incident.actions),
        date=kept("date"),
        place=kept("place"),
        country=kept("country"),
        sanction=sanction if sanction is not None and told(sanction.text) else None,
        legal_basis=() if "legal_basis" in hidden else tuple(t for t in incident.legal_basis if told(t)),
        rights=tuple(incident.rights),
        perpetrator=kept("perpetrator") if told(kept("perpetrator")) else None,
        evidence=tuple(
            e for e in incident.evidence if not _private_path(e.field, hidden) and not mentions(e.quote, own)
        ),
        confidence=incident.confidence,
        source_ids=tuple(incident.source_ids),
        extractor=incident.extractor,
        review=incident.review,
    )


def _private_path(field: str, hidden: set[str]) -> bool:
    """Whether an evidence path is withheld: the path itself, its top field, or a hidden victim's description."""
    described = field.endswith(".description") and field.removesuffix(".description") + ".name" in hidden
    return field in hidden or field.split("[")[0] in hidden or described


def public_editions(
    incidents: Sequence[Incident], *, words: frozenset[str] = frozenset()
) -> list[PublicIncident]:
    """The public editions of ``incidents``, each without the private names of any of them, nor ``words``
    (the private name words of the rest of the store: ``visibility.public_words``)."""
    words = words | name_words(private_names(incidents))
    return [public_edition(i, words) for i in incidents]


def public_source(source: Source, words: frozenset[str], *, date_withheld: bool = False) -> dict[str, Any]:
    """A source as the public may read it (rule 4)."""
    data = source.to_dict()
    for key in ("title", "location"):
        if data[key] and mentions(data[key], words):
            data[key] = None
    if date_withheld:
        data["published"] = None
    return data


def public_sources(
    incidents: Sequence[Incident], sources: Sequence[Source], *, words: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """The public form of ``sources`` as cited by ``incidents`` (whose private words and dates they keep),
    without ``words`` either."""
    words = words | name_words(private_names(incidents))
    words = words.union(*(withheld_words(i) for i in incidents))
    undated = {s for i in incidents if "date" in i.private_fields for s in i.source_ids}
    return [public_source(s, words, date_withheld=s.id in undated) for s in sources]
