"""The ``charterwatch`` command: option parsing and output only; the work happens in the domain packages.

``CharterwatchError`` becomes one line on stderr and its catalogue exit status here, and nowhere else.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from charterwatch.cli.output import stderr
from charterwatch.errors import CharterwatchError

if TYPE_CHECKING:
    from sqlalchemy import Engine

app = typer.Typer(
    name="charterwatch",
    help="An observatory for constitutional reform: texts and versions, rights, incidents, consultation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Context:
    """What every command may need: the store chosen by --db, $CHARTERWATCH_DB or the default."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._engine: Engine | None = None

    def engine(self) -> Engine:
        """The store, migrated to the current schema (imported lazily so `--help` stays fast)."""
        if self._engine is None:
            from charterwatch.store.db import open_store, resolve_url

            self._engine = open_store(resolve_url(self.db))
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL or SQLite file (default $CHARTERWATCH_DB, ./charterwatch.db)."
        ),
    ] = None,
) -> None:
    ctx.obj = Context(db)
    ctx.call_on_close(ctx.obj.close)


def _register() -> None:
    from charterwatch.cli import compare, consult, db, demo, incidents, rights, texts, web

    texts.register(app)
    compare.register(app)
    rights.register(app)
    incidents.register(app)
    consult.register(app)
    from charterwatch.cli import consult_scale  # noqa: F401  (adds consult run and themes-file)

    db.register(app)
    demo.register(app)
    web.register(app)


class _WarningLines(logging.Handler):
    """A ``charterwatch.parsers`` record (one coded line, texts/parser_warnings.py) as one line on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        from rich.markup import escape

        stderr.print(f"[yellow]warning[/] {escape(record.getMessage())}", highlight=False, soft_wrap=True)


def _print_parser_warnings() -> None:
    parsers = logging.getLogger("charterwatch.parsers")
    if not any(isinstance(handler, _WarningLines) for handler in parsers.handlers):
        parsers.addHandler(_WarningLines())
        parsers.propagate = False


def run(argv: list[str]) -> int:
    """Run the command line ``argv`` and return its exit status (what tests call)."""
    _print_parser_warnings()
    try:
        app(args=argv, prog_name="charterwatch")
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except CharterwatchError as error:
        stderr.print(
            f"[bold red]error[/] {error.code.name}: {error.message}", highlight=False, soft_wrap=True
        )
        return error.exit_status
    return 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))


_register()
