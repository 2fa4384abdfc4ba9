"""Working groups in the store: loaded from a YAML file, listed with their current load.

A group owns sections (by number, "II") and articles ("23") of the version proposals are routed against. The
package ships a default file for the bundled Kazakhstan texts (``DEFAULT_GROUPS``), one group per section of
the 1995 constitution; it is a default to try things with, not the commission's real groups.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from charterwatch.consult.ideas import current_assignments, load_ideas
from charterwatch.consult.model import WorkingGroup
from charterwatch.consult.models import ReviewRow, WorkingGroupRow
from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.readers_decode import read_text_file

DEFAULT_GROUPS: Final = Path(__file__).resolve().parent / "data" / "working_groups_kz1995.yaml"
MAX_BYTES: Final = 1_000_000
CLOSED: Final = ("accepted", "partly", "rejected", "out_of_scope")  # a decided proposal is no longer load


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=255)
    sections: list[str] = []
    articles: list[str] = []
    members: list[str] = []

    @field_validator("sections", "articles", "members", mode="before")
    @classmethod
    def _as_strings(cls, value: Any) -> Any:
        return [str(v) for v in value] if isinstance(value, list) else value


class _GroupsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str | None = None
    groups: list[_Group] = Field(min_length=1)


def read_groups(path: Path) -> list[WorkingGroup]:
    """The working groups of a YAML file (``groups:`` a list of name, sections, articles, members)."""
    text = read_text_file(path, max_bytes=MAX_BYTES)
    try:
        parsed = _GroupsFile.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as e:
        raise CharterwatchError(
            E.CONSULT_GROUPS_INVALID, path=str(path), reason=str(e).splitlines()[0]
        ) from e
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        reason = f"{where}: {first['msg']}" if where else first["msg"]
        raise CharterwatchError(E.CONSULT_GROUPS_INVALID, path=str(path), reason=reason) from e
    names = [g.name for g in parsed.groups]
    if len(set(names)) < len(names):
        twice = next(n for n in names if names.count(n) > 1)
        raise CharterwatchError(E.CONSULT_GROUPS_INVALID, path=str(path), reason=f"{twice!r} is named twice")
    return [WorkingGroup(g.name, g.sections, g.articles, g.members) for g in parsed.groups]


def load_groups(session: Session, path: Path) -> list[WorkingGroup]:
    """Store the groups of a file: new names are added, known names take the file's sections and members."""
    groups = read_groups(path)
    stored = {row.name: row for row in session.scalars(select(WorkingGroupRow))}
    for group in groups:
        row = stored.get(group.name) or WorkingGroupRow(name=group.name)
        row.sections, row.articles, row.members = group.sections, group.articles, group.members
        row.source = str(path)
        session.add(row)
    session.flush()
    return groups


def list_groups(session: Session) -> list[WorkingGroup]:
    """The stored working groups, in the order they were loaded."""
    rows = session.scalars(select(WorkingGroupRow).order_by(WorkingGroupRow.id))
    return [WorkingGroup(r.name, list(r.sections), list(r.articles), list(r.members)) for r in rows]


def get_group(session: Session, name: str) -> WorkingGroupRow:
    """A stored working group by name, or ``CONSULT_GROUP_NOT_FOUND``."""
    row = session.scalar(select(WorkingGroupRow).where(WorkingGroupRow.name == name))
    if row is None:
        raise CharterwatchError(E.CONSULT_GROUP_NOT_FOUND, name=name)
    return row


def group_loads(session: Session) -> dict[str, int]:
    """Per group name, its open ideas: the leads currently assigned to it and not yet decided (a duplicate
    group is one idea however many copies it has)."""
    ideas = load_ideas(session)
    current = {p: a for p, a in current_assignments(session).items() if ideas.is_lead(p)}
    decided = set(session.scalars(select(ReviewRow.proposal_id).where(_closed_now())))
    query = select(WorkingGroupRow.id, WorkingGroupRow.name).order_by(WorkingGroupRow.id)
    names = dict(session.execute(query).all())
    loads = dict.fromkeys(names.values(), 0)
    for proposal_id, assignment in current.items():
        if proposal_id not in decided:
            loads[names[assignment.working_group_id]] += 1
    return loads


def _closed_now() -> Any:
    """Reviews that are their proposal's newest and close it."""
    later = aliased(ReviewRow)
    newer = select(later.id).where(later.proposal_id == ReviewRow.proposal_id, later.id > ReviewRow.id)
    return ReviewRow.status.in_(CLOSED) & ~newer.exists()
