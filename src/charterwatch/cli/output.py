"""The consoles every command prints to; wide enough for tables when output goes to a file or a pipe."""

from __future__ import annotations

import sys

from rich.console import Console

_PIPE_WIDTH = 120

console = Console(highlight=False, width=None if sys.stdout.isatty() else _PIPE_WIDTH)
stderr = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else _PIPE_WIDTH)
