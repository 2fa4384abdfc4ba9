"""The consoles every command prints to, and the one way a read command prints JSON instead of a table.

Consoles are wide enough for tables when output goes to a file or a pipe. ``--json`` output is plain
``json.dumps`` on stdout (dates as ISO strings), so scripts read every command the same way.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, ProgressColumn

_PIPE_WIDTH = 120

console = Console(highlight=False, width=None if sys.stdout.isatty() else _PIPE_WIDTH)
stderr = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else _PIPE_WIDTH)

quiet = False  # set by ``-q`` (cli/logs.py): errors only, no progress bars


def progress_bar(*columns: ProgressColumn | str) -> Progress:
    """A progress bar on stderr (stdout stays clean for pipes), gone when done, off with ``-q`` or a pipe."""
    return Progress(*columns, console=stderr, transient=True, disable=quiet or not stderr.is_terminal)


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def print_json(value: object) -> None:
    """``value`` as indented JSON on stdout; dates, paths and other objects as their string form."""
    typer.echo(json.dumps(value, ensure_ascii=False, indent=1, default=str))


def print_rows(
    columns: Sequence[str], rows: Iterable[Sequence[object]], *, as_json: bool, keys: Sequence[str] = ()
) -> None:
    """Rows as a table, or with ``as_json`` as a list of objects keyed by ``keys`` (default: the columns)."""
    from rich.table import Table
    from rich.text import Text

    names = list(keys) or [column.replace(" ", "_") for column in columns]
    if as_json:
        print_json([dict(zip(names, row, strict=True)) for row in rows])
        return
    table = Table(*columns)
    for row in rows:
        table.add_row(*(Text("" if cell is None else str(cell)) for cell in row))  # never read as markup
    console.print(table)
