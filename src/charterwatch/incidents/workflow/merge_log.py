"""What a merge changed in the incident it merged into: a field-level delta that undoes it.

Keeping the merged incident whole before each merge made the log grow with the square of the tellings (its
evidence grows with every source: 1,000 copies of one event logged 378 MB). A delta keeps, per field the merge
changed, the value before and after it (plain fields) or the edits of the list (list fields: the slice
replaced, what it held before and what it holds after), so its size is what the merge changed.

Undoing applies the delta backwards. A field a reviewer changed after the merge keeps the reviewer's value
(plain fields), and a list that changed since loses what the merge added and gets back what it removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

from charterwatch.incidents.model import Evidence, Incident, IncidentDate, Sanction, Victim

Delta = dict[
    str, Any
]  # JSON: {"fields": {name: [before, after]}, "lists": {name: {"length": n, "edits": [...]}}}

_PLAIN = ("action", "date", "place", "country", "sanction", "perpetrator", "confidence", "extractor")
_LISTS = ("victims", "actions", "legal_basis", "rights", "evidence", "source_ids", "private_fields")


def _plain_out(name: str, value: Any) -> Any:
    return value.to_dict() if name in ("date", "sanction") and value is not None else value


def _plain_in(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "date":
        return IncidentDate(**value)
    return Sanction(**value) if name == "sanction" else value


def _item_out(name: str) -> Callable[[Any], Any]:
    return (lambda item: item.to_dict()) if name in ("victims", "evidence") else (lambda item: item)


def _item_in(name: str) -> Callable[[Any], Any]:
    if name == "victims":
        return lambda data: Victim(**data)
    return (lambda data: Evidence(**data)) if name == "evidence" else (lambda data: data)


def delta(before: Incident, after: Incident) -> Delta:
    """The changes from ``before`` to ``after`` (the same incident), as JSON-ready data."""
    fields = {
        name: [_plain_out(name, getattr(before, name)), _plain_out(name, getattr(after, name))]
        for name in _PLAIN
        if getattr(before, name) != getattr(after, name)
    }
    lists: dict[str, Any] = {}
    for name in _LISTS:
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        out = _item_out(name)
        edits = [
            [j1, j2, [out(x) for x in old[i1:i2]], [out(x) for x in new[j1:j2]]]
            for i1, i2, j1, j2 in _edits(old, new)
        ]
        lists[name] = {"length": len(new), "edits": edits}
    return {"fields": fields, "lists": lists}


def _edits(old: list[Any], new: list[Any]) -> list[tuple[int, int, int, int]]:
    """The slices ``old[i1:i2]`` replaced by ``new[j1:j2]``; the common head and tail are skipped first, as a
    merge mostly appends (difflib on whole lists of thousands of evidence spans costs seconds)."""
    head, most = 0, min(len(old), len(new))
    while head < most and (old[head] is new[head] or old[head] == new[head]):
        head += 1
    tail = 0
    while tail < most - head and (old[-1 - tail] is new[-1 - tail] or old[-1 - tail] == new[-1 - tail]):
        tail += 1
    old_middle, new_middle = old[head : len(old) - tail], new[head : len(new) - tail]
    if not old_middle or not new_middle:
        return [(head, head + len(old_middle), head, head + len(new_middle))]
    matcher = SequenceMatcher(None, old_middle, new_middle, autojunk=False)
    return [
        (head + i1, head + i2, head + j1, head + j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def undo(current: Incident, changes: Delta) -> Incident:
    """``current`` with the merge that ``changes`` describes undone (the module docstring says how)."""
    updates: dict[str, Any] = {}
    for name, (old, new) in changes.get("fields", {}).items():
        if _plain_out(name, getattr(current, name)) == new:
            updates[name] = _plain_in(name, old)
    for name, change in changes.get("lists", {}).items():
        updates[name] = _undo_list(list(getattr(current, name)), change, _item_in(name))
    return replace(current, **updates)


def _undo_list(items: list[Any], change: dict[str, Any], read: Callable[[Any], Any]) -> list[Any]:
    edits = [(j1, j2, [read(x) for x in old], [read(x) for x in new]) for j1, j2, old, new in change["edits"]]
    unchanged = len(items) == change["length"] and all(items[j1:j2] == new for j1, j2, _, new in edits)
    if unchanged:
        restored: list[Any] = []
        position = 0
        for j1, j2, old, _ in edits:
            restored += items[position:j1] + old
            position = j2
        return restored + items[position:]
    added = [x for _, _, _, new in edits for x in new]
    removed = [x for _, _, old, _ in edits for x in old]
    kept = [x for x in items if x not in added]
    return kept + [x for x in removed if x not in kept]
