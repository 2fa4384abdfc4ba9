"""Save the audit of a stored version and load it back, so nobody audits the same version twice.

A version has at most one stored audit, with the method id that made it (``audit_method()``, a hash of the
rules' code and data) and its source's checksum; ``audit_version`` reuses it only on an exact match of both,
and otherwise audits again and replaces it. ``STORED`` lists the stale ones for ``db check``.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from charterwatch.rights.audit import Audit, audit, audit_method
from charterwatch.rights.models import AuditFindingRow, AuditRow
from charterwatch.store.freshness import StaleResult
from charterwatch.store.models import Version
from charterwatch.texts.storage import load_version, version_ref


def audit_version(session: Session, version: Version, *, fresh: bool = False) -> Audit:
    """The stored audit of ``version`` by the built-in rules, or a new one, stored before it is returned.

    ``fresh`` audits again even when the stored audit is current (``db check --refresh``, timing runs).
    """
    if not fresh and (stored := load_audit(session, version, method=audit_method())) is not None:
        return stored
    result = audit(load_version(session, version), version=version_ref(version))
    try:
        with session.begin_nested():
            save_audit(session, result, version)
    except IntegrityError:
        pass  # another process stored the same audit meanwhile; theirs is as good as ours
    return result


def save_audit(session: Session, result: Audit, version: Version) -> AuditRow:
    """Store ``result`` as the audit of ``version``, replacing the one stored earlier (by whatever method)."""
    session.execute(delete(AuditRow).where(AuditRow.version_id == version.id))
    row = AuditRow(
        version_id=version.id,
        method=result.method,
        version_ref=result.version or version_ref(version),
        checksum=version.checksum,
        data=asdict(result),
    )
    session.add(row)
    session.flush()
    findings = finding_rows(result)
    if findings:
        session.execute(insert(AuditFindingRow), [{"audit_id": row.id, **f} for f in findings])
    return row


def load_audit(session: Session, version: Version, *, method: str) -> Audit | None:
    """The stored audit of ``version`` by ``method``, or None when there is none, it was made by another
    method, or the version's source has changed since."""
    row = session.scalars(select(AuditRow).where(AuditRow.version_id == version.id)).one_or_none()
    if row is None or row.method != method or row.checksum != version.checksum:
        return None
    return _adapter().validate_python(row.data)


def finding_rows(result: Audit) -> list[dict[str, Any]]:
    """The clauses, grounds and present safeguards of ``result`` as ``audit_finding`` columns, in order."""
    rows: list[dict[str, Any]] = []
    for clause in result.clauses:
        place = clause.location
        where = {"article": place.article, "paragraph": place.paragraph, "eid": place.eid}
        rows.append(
            {"kind": "clause", "rule": clause.rule, "name": clause.kind, "verdict": None, **where}
            | {"span_start": clause.evidence.start, "span_end": clause.evidence.end}
            | {"confidence": clause.confidence}
        )
        for ground in clause.grounds:
            rows.append(
                {"kind": "ground", "rule": ground.rule, "name": "+".join(ground.ground_ids), **where}
                | {
                    "verdict": ground.verdict,
                    "span_start": ground.evidence.start,
                    "span_end": ground.evidence.end,
                }
                | {"confidence": ground.confidence}
            )
    for safeguard in result.safeguards:
        if safeguard.present and safeguard.location is not None and safeguard.evidence is not None:
            place = safeguard.location
            rows.append(
                {"kind": "safeguard", "rule": safeguard.rule, "name": safeguard.safeguard, "verdict": None}
                | {"article": place.article, "paragraph": place.paragraph, "eid": place.eid}
                | {"span_start": safeguard.evidence.start, "span_end": safeguard.evidence.end}
                | {"confidence": safeguard.confidence}
            )
    return [{"position": i, **row} for i, row in enumerate(rows)]


@cache
def _adapter() -> TypeAdapter[Audit]:
    return TypeAdapter(Audit)


class StoredAudits:
    """Stored audits for ``db check``: stale when made by another method or from another source."""

    kind = "audit"
    refreshable = True

    def current_method(self) -> str:
        return audit_method()

    def count(self, session: Session) -> int:
        return session.scalar(select(func.count()).select_from(AuditRow)) or 0

    def stale(self, session: Session) -> list[StaleResult]:
        current = self.current_method()
        query = (
            select(AuditRow.id, AuditRow.version_ref, AuditRow.method, AuditRow.checksum != Version.checksum)
            .join(Version, Version.id == AuditRow.version_id)
            .order_by(AuditRow.id)
        )
        return [
            StaleResult(self.kind, row_id, ref, method, current, "method" if method != current else "source")
            for row_id, ref, method, changed in session.execute(query)
            if method != current or changed
        ]

    def refresh(self, session: Session, result: StaleResult) -> None:
        row = session.get(AuditRow, result.row_id)
        if row is not None:  # else replaced meanwhile
            audit_version(session, session.get_one(Version, row.version_id), fresh=True)


STORED = StoredAudits()
