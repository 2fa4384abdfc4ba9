"""``charterwatch consult run`` and ``consult themes-file``: the pipeline over files, in memory or on Dask.

Nothing is stored: these read proposal files, print what they found and, with ``--out``, write it as JSON
Lines. The store-backed commands (``consult import``, ``dedup``, ``themes``) live in ``consult.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from charterwatch.cli.consult import ThemeMethod, _print_json, consult_app
from charterwatch.cli.output import JsonOption, console, stderr

if TYPE_CHECKING:
    from charterwatch.consult.model import Proposal
    from charterwatch.consult.pipeline import Consultation

FilesArgument = Annotated[
    list[Path], typer.Argument(help="CSV or JSON Lines files of proposals (Polis comments.csv as it is).")
]


@consult_app.command("run")
def run_command(
    files: FilesArgument,
    workers: Annotated[
        int, typer.Option("--workers", min=0, help="Dask workers on this machine; 0 runs in memory.")
    ] = 2,
    threads: Annotated[int, typer.Option("--threads", min=1, help="Threads per Dask worker.")] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="A running Dask scheduler (tcp://host:8786); the files must be on every worker.",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write groups.jsonl, themes.jsonl and summary.json here.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Themes to print.")] = 10,
) -> None:
    """Duplicates, campaigns and themes of the proposals in FILES, on a Dask cluster or in memory."""
    from charterwatch.consult.pipeline import run_pipeline

    if workers == 0 and scheduler is None:
        result = run_pipeline(_read(files))
    else:
        from charterwatch.consult.distributed import connect, run_distributed

        source = files if all(f.suffix.lower() == ".jsonl" for f in files) else _read(files)
        with connect(workers=workers, threads=threads, scheduler=scheduler) as client:
            result = run_distributed(client, source, progress=True)
    _show(result, limit=limit)
    if out is not None:
        for path in result.write(out):
            stderr.print(f"wrote {escape(str(path))}")


@consult_app.command("themes-file")
def themes_file_command(
    file: Annotated[Path, typer.Argument(help="A CSV or JSON Lines file of proposals.")],
    method: Annotated[
        ThemeMethod, typer.Option("--method", help="tfidf, or embeddings (English; the embeddings extra).")
    ] = ThemeMethod.tfidf,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Themes to print.")] = 10,
    as_json: JsonOption = False,
) -> None:
    """Themes of one file's unique ideas (one per duplicate group), largest first; nothing is stored."""
    from charterwatch.consult.pipeline import run_pipeline

    result = run_pipeline(_read([file]), use_embeddings=method is ThemeMethod.embeddings)
    if as_json:
        _print_json([theme.to_dict() for theme in result.themes[:limit]])
        return
    console.print(result.summary())
    _themes_table(result, limit=limit)


def _read(files: list[Path]) -> list[Proposal]:
    from charterwatch.consult.intake import read_files

    intake = read_files(files)
    for error in intake.errors.values():
        raise error
    return intake.proposals


def _show(result: Consultation, *, limit: int) -> None:
    console.print(result.summary())
    timings = Table("stage", "seconds", title="Time per stage")
    for stage, seconds in result.timings.items():
        timings.add_row(stage, f"{seconds:.2f}")
    console.print(timings)
    campaigns = Table("members", "template", title="Campaigns")
    for group in sorted(result.dedup.campaigns, key=lambda g: -len(g.members)):
        campaigns.add_row(str(len(group.members)), escape((group.template or "")[:100]))
    if result.dedup.campaigns:
        console.print(campaigns)
    if limit:
        _themes_table(result, limit=limit)


def _themes_table(result: Consultation, *, limit: int) -> None:
    table = Table("ideas", "keywords", "theme", title="Largest themes")
    for theme in result.themes[:limit]:
        table.add_row(str(len(theme.members)), escape(", ".join(theme.keywords)), theme.id)
    console.print(table)
