"""The ``counter`` table: named counters that hand out numbers (intake positions) once each, under any load."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from charterwatch.store.models import Base


class CounterRow(Base):
    """The last number handed out under ``name`` (``proposal.position``, ``incident.position``)."""

    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)
