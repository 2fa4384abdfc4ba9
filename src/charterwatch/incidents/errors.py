"""Errors of the incidents domain that the shared catalogue (charterwatch/errors.py) has no code for yet.

Each has a code (INCIDENT_NOT_FOUND, AMBIGUOUS_INCIDENT, INCIDENT_MERGED, MERGE_NOT_FOUND, MERGE_NOT_UNDOABLE,
SOURCE_NOT_FOUND: exit status 3, as store errors; INCIDENTS_GOLD_INVALID: exit status 2, as bad input), a
one-line message, and the exit status the CLI maps it to.
"""

from __future__ import annotations


class IncidentsError(Exception):
    def __init__(self, code: str, message: str, *, exit_status: int = 3) -> None:
        self.code = code
        self.message = message
        self.exit_status = exit_status
        super().__init__(f"{code}: {message}")
