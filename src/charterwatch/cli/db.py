"""Commands on the store itself: migrate up and down, show the schema revision, check stored results."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Annotated

import typer

from charterwatch.cli.output import JsonOption, console, print_json, progress_bar, stderr

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from charterwatch.store.freshness import KindStatus, StaleResult

LISTED = 20  # stale results printed per kind

db_app = typer.Typer(
    help="The database: migrations, schema revision, stale stored results.", no_args_is_help=True
)


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


@db_app.command("check")
def check_command(
    ctx: typer.Context,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Recompute the stale results, one transaction each.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List stored results (comparisons, audits, incident extraction) whose method id or source differs from
    the current one."""
    from charterwatch.store.freshness import check

    engine = ctx.obj.engine()
    statuses = check(engine)
    if refresh:
        stale = [s for status in statuses if status.refreshable for s in status.stale]
        _refresh(engine, stale)
        statuses = check(engine)
    if as_json:
        print_json([s.to_dict() for s in statuses])
        return
    for status in statuses:
        _print_status(status)


def _refresh(engine: Engine, stale: list[StaleResult]) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

    from charterwatch.store.freshness import refresh

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    started = time.perf_counter()
    with progress_bar(*columns) as progress:
        task = progress.add_task("refreshing", total=len(stale))

        def done(result: StaleResult) -> None:
            progress.update(task, advance=1, description=f"{result.kind} {result.subject}"[:40])

        count = refresh(engine, stale, progress=done)
    stderr.print(f"refreshed {count} stale result(s) in {time.perf_counter() - started:.1f} s")


def _print_status(status: KindStatus) -> None:
    console.print(
        f"[bold]{status.kind}[/]  {status.current_method}  {status.stored} stored, {len(status.stale)} stale",
        soft_wrap=True,
    )
    for result in status.stale[:LISTED]:
        why = "another method" if result.reason == "method" else "source changed"
        console.print(f"  stale  {result.subject}  {result.stored_method}  ({why})", soft_wrap=True)
    if len(status.stale) > LISTED:
        console.print(f"  ... and {len(status.stale) - LISTED} more (--json lists them all)")
    if status.stale and not status.refreshable:
        console.print("  not recomputed by --refresh: people's reviews rest on these results")
