"""Trigger frames for the parse-based extractors: one shape for every language, read from ``data/frames_*.yaml``.

A frame file lists, by lemma, the verbs and nouns that tell an action, the verbs that do so only in the
passive, the nouns that need a modifier ("a criminal case"), the light verbs whose object carries the action
("placed under house arrest", "назначил 10 суток") with those objects, and the words above a trigger that make
it a threat or a demand. Language-specific lists (what a victim owns, the phrases that name a target) are keys
of the same file; a language leaves out what it does not use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Frames:
    verbs: dict[str, str]  # lemma -> action
    passive_only: frozenset[str]
    nouns: dict[str, str]
    needs_modifier: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    hold_nouns: dict[str, str]  # a light verb's object -> action
    blockers: frozenset[str]
    owned: frozenset[str] = frozenset()  # what belongs to a victim: "searched X's home" names X
    targets: frozenset[str] = frozenset()  # "в отношении X", "против X"
    administrative: frozenset[str] = frozenset()  # administrative (not criminal) liability
    members_of: tuple[tuple[str, ...], ...] = ()  # "среди них X": X are members of the group told before
    on_targets: frozenset[str] = (
        frozenset()
    )  # verbs whose "на X" (animate) names the target: "завели дело на X"
    irregular_forms: tuple[str, ...] = ()  # inflected forms no suffix rule makes ("held", "shut")
    custody_places: frozenset[str] = frozenset()  # "taken to a police station": custody told by the place
    state_agent: frozenset[str] = frozenset()  # active only with the state as subject ("the FSB accused X")

    @property
    def starts(self) -> frozenset[str]:
        """The lemmas that make a sentence worth parsing."""
        return frozenset({*self.verbs, *self.nouns, *self.light_verbs})


@cache
def frames(language: str) -> Frames:
    """The frames of ``language`` (``en``, ``ru``), read once from the package's data."""
    path = resources.files("charterwatch.incidents").joinpath(f"data/frames_{language}.yaml")
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Frames(
        verbs={lemma: action for action, lemmas in raw["verbs"].items() for lemma in lemmas},
        passive_only=frozenset(raw["passive_only"]),
        nouns={lemma: action for action, lemmas in raw["nouns"].items() for lemma in lemmas},
        needs_modifier={k: frozenset(v) for k, v in raw["needs_modifier"].items()},
        light_verbs=frozenset(raw["light_verbs"]),
        hold_nouns=dict(raw["hold_nouns"]),
        blockers=frozenset(raw["blockers"]),
        owned=frozenset(raw.get("owned", ())),
        targets=frozenset(raw.get("targets", ())),
        administrative=frozenset(raw.get("administrative", ())),
        on_targets=frozenset(raw.get("on_targets", ())),
        members_of=tuple(tuple(phrase.split()) for phrase in raw.get("members_of", ())),
        irregular_forms=tuple(raw.get("irregular_forms", ())),
        custody_places=frozenset(raw.get("custody_places", ())),
        state_agent=frozenset(raw.get("state_agent", ())),
    )
