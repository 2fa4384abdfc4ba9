"""Commands on the store itself: migrate up and down, show the schema revision."""

from __future__ import annotations

from typing import Annotated

import typer

from charterwatch.cli.output import JsonOption, print_json

db_app = typer.Typer(help="The database: migrations and schema revision.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade_command(ctx: typer.Context, revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    from charterwatch.store.db import current_revision, resolve_url, upgrade

    url = resolve_url(ctx.obj.db)
    upgrade(url, revision)
    typer.echo(f"at revision {current_revision(url)}")


@db_app.command("downgrade")
def downgrade_command(ctx: typer.Context, revision: Annotated[str, typer.Argument()] = "base") -> None:
    """Migrate the database down to REVISION (default: empty)."""
    from charterwatch.store.db import current_revision, downgrade, resolve_url

    url = resolve_url(ctx.obj.db)
    downgrade(url, revision)
    typer.echo(f"at revision {current_revision(url) or 'base'}")


@db_app.command("current")
def current_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Print the schema revision of the database."""
    from charterwatch.store.db import current_revision, resolve_url

    revision = current_revision(resolve_url(ctx.obj.db))
    if as_json:
        print_json({"revision": revision})
        return
    typer.echo(revision or "base")
