"""What a third-party parser says while it reads a file becomes one coded line, never a stream of stderr noise.

pypdf reports damaged cross-reference tables and the like through ``logging`` (and sometimes ``warnings``);
with no logging configured, Python prints each record on stderr, so a broken PDF printed a dozen lines before
its one-line error. Inside ``collected_warnings`` those records and warnings are kept instead of printed. If
the parse then fails, its coded error is the only line; if it succeeds, the problems are summed up in one
``PARSER_WARNINGS`` record on the ``charterwatch.parsers`` logger, which the CLI prints as one line.

The parsers' loggers stop propagating only while a parse is collecting, and a record from a thread that is
not collecting goes on to the root logger as before. ``warnings.catch_warnings`` is process-wide, so two
threads parsing at once may see each other's warnings in their summary (never on stderr).
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from charterwatch.errors import CharterwatchError, E

PARSER_LOGGERS: Final = (
    "pypdf",
    "docx",
    "trafilatura",
    "htmldate",
    "courlan",
    "justext",
    "charset_normalizer",
)
log = logging.getLogger("charterwatch.parsers")


class _Collector(logging.Handler):
    """Routes a parser's log record to the list of the thread that is parsing, or on to the root logger."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.lists: dict[int, list[str]] = {}
        self.users = 0
        self.propagated: dict[str, bool] = {}
        self.guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        found = self.lists.get(record.thread or 0)
        if found is None:
            logging.getLogger().handle(record)
        else:
            found.append(record.getMessage())


_COLLECTOR: Final = _Collector()


@contextmanager
def collected_warnings(parser: str, *, path: str) -> Iterator[None]:
    """Keep what ``parser`` logs or warns while the block runs; on success, log one ``PARSER_WARNINGS`` line."""
    messages: list[str] = []
    thread = threading.get_ident()
    _start(thread, messages)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        messages.extend(str(w.message) for w in caught)
    finally:
        _stop(thread)
    if messages:
        first = messages[0].strip().splitlines()[0][:160] if messages[0].strip() else "(no text)"
        summary = CharterwatchError(
            E.PARSER_WARNINGS, parser=parser, count=len(messages), path=path, first=first
        )
        log.warning("%s", summary)


def _start(thread: int, messages: list[str]) -> None:
    with _COLLECTOR.guard:
        _COLLECTOR.lists[thread] = messages
        _COLLECTOR.users += 1
        if _COLLECTOR.users == 1:
            for name in PARSER_LOGGERS:
                logger = logging.getLogger(name)
                _COLLECTOR.propagated[name] = logger.propagate
                logger.propagate = False
                logger.addHandler(_COLLECTOR)


def _stop(thread: int) -> None:
    with _COLLECTOR.guard:
        _COLLECTOR.lists.pop(thread, None)
        _COLLECTOR.users -= 1
        if _COLLECTOR.users == 0:
            for name in PARSER_LOGGERS:
                logger = logging.getLogger(name)
                logger.removeHandler(_COLLECTOR)
                logger.propagate = _COLLECTOR.propagated.pop(name, True)
