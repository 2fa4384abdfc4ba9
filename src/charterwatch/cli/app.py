"""The ``charterwatch`` command: option parsing and output only; the work happens in the domain packages.

``CharterwatchError`` becomes one line on stderr and its catalogue exit status here, and nowhere else.
"""

from __future__ import annotations

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
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish and PowerShell
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


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version

        typer.echo(f"charterwatch {version('charterwatch')}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL or SQLite file (default $CHARTERWATCH_DB, `db` in the config file, "
            "./charterwatch.db).",
        ),
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="Say more: -v what is done, -vv debugging.")
    ] = 0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Errors only: no warnings and no progress bars.")
    ] = False,
    _version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and stop."),
    ] = False,
) -> None:
    from charterwatch.cli.logs import configure

    configure(verbosity=-1 if quiet else verbose)
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


def run(argv: list[str]) -> int:
    """Run the command line ``argv`` and return its exit status (what tests call)."""
    from charterwatch.cli.logs import configure

    configure(verbosity=0)
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
