"""The consoles every command prints to; wide enough for tables when output goes to a file or a pipe."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import Progress, ProgressColumn

_PIPE_WIDTH = 120

console = Console(highlight=False, width=None if sys.stdout.isatty() else _PIPE_WIDTH)
stderr = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else _PIPE_WIDTH)

quiet = False  # set by ``-q`` (cli/logs.py): errors only, no progress bars


def progress_bar(*columns: ProgressColumn | str) -> Progress:
    """A progress bar on stderr (stdout stays clean for pipes), gone when done, off with ``-q`` or a pipe."""
    return Progress(*columns, console=stderr, transient=True, disable=quiet or not stderr.is_terminal)
