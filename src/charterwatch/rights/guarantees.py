"""Named guarantees (data/concerns.yaml): rights narrower than an ICCPR article whose loss the delta reports."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.delta_model import Change, evidence_of, location_of, where_passage
from charterwatch.rights.passages import Sides, find_phrases, paragraph_of
from charterwatch.rights.standards import load_yaml

DATA_FILE = "concerns.yaml"


class Guarantee(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str
    iccpr: str | None = None  # the ICCPR article it belongs to, if any
    standard: str
    phrases: dict[str, list[str]]  # language -> phrases


def read_data() -> dict[str, Any]:
    """``data/concerns.yaml``: the named guarantees and the concerns."""
    try:
        text = resources.files("charterwatch.rights").joinpath("data", DATA_FILE).read_text("utf-8")
        data = load_yaml(text)
    except (OSError, yaml.YAMLError) as e:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"{DATA_FILE}: {str(e).splitlines()[0]}") from e
    if not isinstance(data, dict):
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"{DATA_FILE} is not a mapping")
    return data


@cache
def guarantee_specs() -> tuple[Guarantee, ...]:
    try:
        return tuple(Guarantee.model_validate(g) for g in read_data().get("guarantees", []))
    except ValidationError as e:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"{DATA_FILE}: {str(e).splitlines()[0]}") from e


def guarantee_changes(sides: Sides) -> list[Change]:
    if sides.old.parsed is None or sides.new.parsed is None:
        return []
    changes: list[Change] = []
    for spec in guarantee_specs():
        old_lang, new_lang = sides.old.parsed.lang, sides.new.parsed.lang
        before = find_phrases(sides.old, spec.id, spec.phrases.get(old_lang, []))
        after = find_phrases(sides.new, spec.id, spec.phrases.get(new_lang, []))
        if not spec.phrases.get(old_lang) or not spec.phrases.get(new_lang) or bool(before) == bool(after):
            continue
        if before:
            words = before[0]
            context = paragraph_of(sides.old, words)
            changes.append(
                Change(
                    "right_dropped",
                    spec.iccpr,
                    spec.id,
                    spec.label,
                    f"guaranteed in the old version ({where_passage(words)}), in no words of the new one",
                    old=words,
                    old_clause=context,
                    new_clause=sides.in_new(location_of(words), evidence_of(context or words)),
                )
            )
        else:
            words = after[0]
            context = paragraph_of(sides.new, words)
            changes.append(
                Change(
                    "right_added",
                    spec.iccpr,
                    spec.id,
                    spec.label,
                    f"guaranteed in the new version ({where_passage(words)}), in no words of the old one",
                    new=words,
                    new_clause=context,
                    old_clause=sides.in_old(location_of(words), evidence_of(context or words)),
                )
            )
    return changes
