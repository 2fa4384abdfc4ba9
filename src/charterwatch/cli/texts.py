"""Commands on texts and versions: import, corpus, versions, show, search, export."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from charterwatch.cli.output import JsonOption, console, print_json, print_rows, progress_bar
from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.tree import Provision

corpus_app = typer.Typer(help="The bundled corpus of constitution texts.", no_args_is_help=True)
EXPORT_FORMATS = ("json", "md", "akn")


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("versions")(versions_command)
    app.command("show")(show_command)
    app.command("search")(search_command)
    app.command("export")(export_command)
    app.add_typer(corpus_app, name="corpus")


def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A .txt, .html, .pdf, .docx, Akoma Ntoso .xml, or our .json / .md export.")
    ],
    jurisdiction: Annotated[str, typer.Option("--jurisdiction", "-j", help="Country code, e.g. KZ.")] = "",
    version: Annotated[str, typer.Option("--version", "-v", help="Version label, e.g. 2026.")] = "",
    date: Annotated[str, typer.Option("--date", help="Date of this state of the text, YYYY-MM-DD.")] = "",
    lang: Annotated[str | None, typer.Option("--lang", help="en, ru or kk (guessed when absent).")] = None,
    status: Annotated[
        str, typer.Option("--status", help="draft, adopted, in_force or superseded.")
    ] = "adopted",
    work: Annotated[str | None, typer.Option("--work", help="Year of the work, if not the label's.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the parsed tree as JSON; store nothing.")
    ] = False,
) -> None:
    """Import a constitution file as a version (one transaction; nothing is written on error)."""
    from charterwatch.texts.importer import VersionInfo, import_file, parse_date, parse_file

    if as_json:
        parsed, _ = parse_file(file, lang=lang)
        typer.echo(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=1))
        return
    if not (jurisdiction and version and date):
        raise typer.BadParameter("--jurisdiction, --version and --date are required to store a version")
    info = VersionInfo(
        jurisdiction=jurisdiction,
        label=version,
        date=parse_date(date),
        lang=lang,
        status=status,  # type: ignore[arg-type]  # checked by VersionInfo
        work=work,
    )
    result = import_file(ctx.obj.engine(), file, info)
    console.print(
        f"imported [bold]{result.ref}[/] from {result.source_format}: "
        f"{result.articles} articles, {result.provisions} provisions"
    )
    console.print(result.structure.summary(), markup=False)
    for problem in result.structure.problems:
        console.print(Text(f"warning: {problem.message}", style="yellow"))


@corpus_app.command("load")
def corpus_load(ctx: typer.Context) -> None:
    """Import every bundled text with its date and status (re-running changes nothing)."""
    from charterwatch.texts.corpus import corpus_entries
    from charterwatch.texts.importer import load_corpus

    engine = ctx.obj.engine()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with progress_bar(*columns) as progress:
        task = progress.add_task("loading the corpus", total=len(corpus_entries()))
        results = load_corpus(engine, on_version=lambda entry, _: progress.advance(task))
    for entry, result in zip(corpus_entries(), results, strict=True):
        console.print(f"  {entry.file:<38} {result.articles:>4} articles  {result.provisions:>5} provisions")
    console.print(f"{len(results)} bundled versions in the store; 'charterwatch versions' lists them all")


@corpus_app.command("list")
def corpus_list(as_json: JsonOption = False) -> None:
    """List the bundled texts and their provenance."""
    from charterwatch.texts.corpus import corpus_entries

    rows = [(e.ref, e.date.isoformat(), e.status, e.file, e.source) for e in corpus_entries()]
    print_rows(("ref", "date", "status", "file", "source"), rows, as_json=as_json)


def versions_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the versions in the store."""
    from charterwatch.store.db import session_scope
    from charterwatch.texts.storage import list_versions, version_ref

    with session_scope(ctx.obj.engine()) as session:
        rows = [
            (
                version_ref(version),
                version.title or version.document.title or "",
                version.date.isoformat() if version.date else None,
                version.status,
                version.lang,
                version.source_format,
            )
            for version in list_versions(session)
        ]
    print_rows(("ref", "title", "date", "status", "lang", "format"), rows, as_json=as_json)


def show_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Version, e.g. KZ@2026 or KZ@1995-ru.")],
    article: Annotated[str, typer.Argument(help="Article number as printed, e.g. 7 or 44-1.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the article tree as JSON.")] = False,
) -> None:
    """Print an article with its paragraphs, items and editorial notes."""
    from charterwatch.store.db import session_scope
    from charterwatch.texts.storage import get_article, resolve_ref

    with session_scope(ctx.obj.engine()) as session:
        node = get_article(session, resolve_ref(session, ref), article)
    if as_json:
        typer.echo(json.dumps(node.to_dict(), ensure_ascii=False, indent=1))
        return
    console.print(Text(" ".join(p for p in (node.label, node.heading) if p), style="bold"))
    if node.text:
        console.print(Text(" ".join(node.text.split())))
    _print_children(node, depth=1)


def _print_children(node: Provision, *, depth: int) -> None:
    indent = "  " * depth
    for child in node.children:
        if child.kind == "note":
            console.print(Text(f"{indent}[note] {' '.join(child.text.split())}", style="dim"))
            continue
        prefix = f"{child.label} " if child.label else ""
        console.print(Text(indent + prefix + " ".join(child.text.split())))
        _print_children(child, depth=depth + 1)


def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words or a phrase, e.g. "общественного порядка".')],
    ref: Annotated[str | None, typer.Option("--ref", help="Search one version only.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000)] = 50,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over every version; hits with their article references."""
    from charterwatch.store.db import session_scope
    from charterwatch.texts.storage import search

    with session_scope(ctx.obj.engine()) as session:
        hits = search(session, query, limit=limit, ref=ref)
    if as_json:
        print_json([dataclasses.asdict(hit) for hit in hits])  # with the eid and span of each hit's words
        return
    for hit in hits:
        where = f"{hit.ref} art. {hit.article}" if hit.article else hit.ref
        console.print(Text(f"{where:<24} ", style="bold") + Text(" ".join(hit.snippet.split())))
    console.print(f"{len(hits)} hits")


def export_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Version, e.g. KZ@2026.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, md or akn.")] = "json",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Export a stored version as JSON, Markdown or Akoma Ntoso XML."""
    from charterwatch.texts.exporting import export_version

    if fmt not in EXPORT_FORMATS:
        raise CharterwatchError(E.BAD_FORMAT, value=fmt, choices=", ".join(EXPORT_FORMATS))
    data = export_version(ctx.obj.engine(), ref, fmt=fmt)
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        out.write_bytes(data)
        console.print(f"wrote {out} ({len(data):,} bytes)")
