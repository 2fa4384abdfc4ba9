"""``charterwatch demo``: load the bundled Kazakhstan corpus, print what the analyses show so far, and make sure
the web app has an admin (``make demo`` then serves it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table

from charterwatch.cli.output import console

if TYPE_CHECKING:
    from sqlalchemy import Engine

CENSORSHIP = "цензура"
DEMO_QUERIES = ("общественного порядка", "public order", CENSORSHIP)
SPEECH_THEN_AND_NOW = ("KZ@1995-ru", "KZ@2026")
COMPARED = ("KZ@1995-ru", "KZ@2026")
DEMO_ADMIN = "admin"


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)


def demo_command(ctx: typer.Context) -> None:
    """Load the bundled corpus, then print the versions, searches across them, and speech then and now."""
    from charterwatch.cli.texts import corpus_load, show_command
    from charterwatch.store.db import session_scope
    from charterwatch.texts.storage import search
    from charterwatch.texts.summary import summarise_versions

    corpus_load(ctx)
    engine = ctx.obj.engine()
    with session_scope(engine) as session:
        summaries = summarise_versions(session)
        hits = {query: search(session, query, limit=1000) for query in DEMO_QUERIES}

    table = Table("version", "date", "status", "divisions", "articles", "paragraphs", "words", "notes")
    table.title = "Constitutions in the store"
    for s in summaries:
        row = (
            s.ref,
            s.date.isoformat() if s.date else "",
            s.status,
            s.sections,
            s.articles,
            s.paragraphs,
            s.words,
            s.notes,
        )
        table.add_row(*(str(cell) for cell in row))
    console.print(table)
    _print_comparison(engine)

    console.print("\n[bold]Where the texts speak of these phrases[/] (full-text search over every version)")
    for query, found in hits.items():
        by_version: dict[str, list[str]] = {}
        for hit in found:
            by_version.setdefault(hit.ref, []).append(hit.article or "-")
        listing = "; ".join(
            f"{ref}: art. {', '.join(dict.fromkeys(arts))}" for ref, arts in by_version.items()
        )
        console.print(f"  {query!r}: {listing or 'no hits'}")

    console.print(
        "\n[bold]The articles that ban censorship in Kazakhstan, 1995 and 2026[/] (found by the search above)"
    )
    for ref in SPEECH_THEN_AND_NOW:
        article = next((hit.article for hit in hits[CENSORSHIP] if hit.ref == ref and hit.article), None)
        if article is not None:
            console.print(f"\n[bold]{ref}[/]")
            show_command(ctx, ref, article)
    _ensure_admin(engine)


def _ensure_admin(engine: Engine) -> None:
    """An admin for the web app if there is none yet, with a one-time password printed once."""
    from charterwatch.store.db import session_scope
    from charterwatch.web.users import add_user, count_admins

    with session_scope(engine) as session:
        if count_admins(session):
            console.print("\n[bold]Web app[/]: an admin exists already ('charterwatch user list').")
            return
        _, password = add_user(session, DEMO_ADMIN, role="admin")
    console.print(
        f"\n[bold]Web app[/]: sign in as [bold]{DEMO_ADMIN}[/] with the one-time password [bold]{password}[/] "
        "(you will choose your own); 'charterwatch serve' serves it on http://127.0.0.1:8000/"
    )


def _print_comparison(engine: Engine) -> None:
    """What changed from 1995 to 2026: the headline figure, the counts by kind, the start of the renumbering map."""
    from charterwatch.texts.compare.report_text import summary_report
    from charterwatch.texts.compare.service import compare_refs

    old, new = COMPARED
    console.print(
        f"\n[bold]What changed from {old} to {new}[/] (articles aligned by what they say, not by number)"
    )
    console.print(summary_report(compare_refs(engine, old, new), map_rows=3))
    console.print(f"The whole comparison: charterwatch diff {old} {new} --format html --out kz.html")
