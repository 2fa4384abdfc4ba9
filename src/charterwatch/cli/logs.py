"""Standard logging for the command line: one line per record on stderr, at the level -v / -q ask for.

Every module logs to a ``charterwatch.*`` logger and never prints; the command line decides what reaches the
user. Warnings are shown by default (parsers report problems of a text this way, texts/parser_warnings.py),
``-v`` adds what is being done, ``-vv`` debugging, ``-q`` leaves errors only and turns progress bars off.
"""

from __future__ import annotations

import logging

from charterwatch.cli import output

_LEVELS = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}
_STYLES = {logging.WARNING: "[yellow]warning[/]", logging.ERROR: "[bold red]error[/]"}


class _OneLine(logging.Handler):
    """A record as one line on stderr: the level's word for warnings and errors, the message as it is."""

    def emit(self, record: logging.LogRecord) -> None:
        from rich.markup import escape

        label = _STYLES.get(record.levelno, "[dim]" + record.levelname.lower() + "[/]")
        output.stderr.print(f"{label} {escape(record.getMessage())}", highlight=False, soft_wrap=True)


def configure(*, verbosity: int) -> None:
    """Route ``charterwatch.*`` records to stderr: -1 errors only, 0 warnings, 1 info, 2 and more debug."""
    output.quiet = verbosity < 0
    root = logging.getLogger("charterwatch")
    root.setLevel(_LEVELS.get(verbosity, logging.DEBUG))
    if not any(isinstance(handler, _OneLine) for handler in root.handlers):
        root.addHandler(_OneLine())
