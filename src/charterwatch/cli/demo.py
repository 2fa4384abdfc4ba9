"""``charterwatch demo``: load the bundled Kazakhstan corpus and the sample consultation (and, given a folder,
news and NGO texts for the incident pipeline), print what the analyses show, and make sure the web app has an
admin (``make demo`` then serves it). The project bundles no news prose and never invents incidents: without
``--seeds`` the store holds none."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from charterwatch.cli.output import console
from charterwatch.errors import CharterwatchError, E

if TYPE_CHECKING:
    from sqlalchemy import Engine

CENSORSHIP = "цензура"
DEMO_QUERIES = ("общественного порядка", "public order", CENSORSHIP)
SPEECH_THEN_AND_NOW = ("KZ@1995-ru", "KZ@2026")
COMPARED = ("KZ@1995-ru", "KZ@2026")
DEMO_ADMIN = "admin"
SEED_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".jsonl")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)


SeedsOption = Annotated[
    Path | None,
    typer.Option(
        "--seeds",
        help="A folder of news / NGO texts (.txt, .html, .pdf, JSONL) to ingest as incidents, left for review.",
    ),
]


def demo_command(ctx: typer.Context, seeds: SeedsOption = None) -> None:
    """Load the bundled corpus and sample consultation; print the versions, searches, speech then and now, the
    consultation's counts and uptake, and the incidents ingested from --seeds."""
    from charterwatch.cli.texts import corpus_load, show_command
    from charterwatch.store.db import session_scope
    from charterwatch.texts.storage import search
    from charterwatch.texts.summary import summarise_versions

    if seeds is not None and not seeds.is_dir():
        raise CharterwatchError(E.FILE_NOT_FOUND, path=str(seeds))
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
    _print_consultation(engine)
    _print_incidents(engine, seeds)
    _ensure_admin(engine)


def _print_consultation(engine: Engine) -> None:
    """The sample consultation through the whole pipeline: duplicates, themes, routing and uptake."""
    from charterwatch.consult.sample import DRAFT, NEXT, load_sample

    run = load_sample(engine)
    console.print(
        f"\n[bold]The consultation[/] ({run.imported.added + run.imported.skipped} sample proposals written by "
        "the project, not real submissions)"
    )
    console.print(f"  {run.duplicates}; themes: {run.themes}")
    held = ", ".join(f"{name.split(':')[0]} {n}" for name, n in run.routing.loads.items() if n)
    console.print(f"  routed against {run.routing.ref}; open ideas per working group: {held or 'none'}")
    counts = ", ".join(f"{n} {status}" for status, n in run.uptake.items())
    console.print(f"  uptake {DRAFT} → {NEXT}: {counts}")


def _print_incidents(engine: Engine, seeds: Path | None) -> None:
    """Incidents from the news and NGO texts in ``seeds``, left for an analyst's review."""
    from charterwatch.incidents.workflow.service import ingest_into_store
    from charterwatch.store.db import session_scope

    if seeds is None:
        console.print(
            "\n[bold]Incidents[/]: none loaded (the project ships no news texts; "
            "'charterwatch demo --seeds DIR' ingests a folder of them)."
        )
        return
    paths = sorted(p for p in seeds.iterdir() if p.suffix.lower() in SEED_SUFFIXES)
    with session_scope(engine) as session:
        result = ingest_into_store(session, paths)
    report = result.report
    console.print(
        f"\n[bold]Incidents[/] from {escape(str(seeds))}: {len(report.sources)} new sources, "
        f"{len(report.skipped)} already stored, {len(result.added)} new incidents left for review "
        f"(web app: /incidents?status=machine), {len(report.errors)} files with errors"
    )


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
