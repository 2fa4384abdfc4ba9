"""Commands on comparisons: ``diff`` two versions, and ``eval align`` against a hand-made answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from charterwatch.cli.output import console
from charterwatch.errors import CharterwatchError, E

REPORT_FORMATS = ("text", "json", "md", "html")  # as charterwatch.texts.compare.report, without importing it


# Scoring against hand-made answers; other domains may add their ``eval`` commands to this group.
eval_app = typer.Typer(help="Score charterwatch's analyses against hand-made answers.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("diff")(diff_command)
    app.add_typer(eval_app, name="eval")


def diff_command(
    ctx: typer.Context,
    old_ref: Annotated[str, typer.Argument(help="The old version, e.g. KZ@1995-ru.")],
    new_ref: Annotated[str, typer.Argument(help="The new version, e.g. KZ@2026.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json, md or html.")] = "text",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Compare again even if the store has this comparison.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """Compare two versions article by article: alignment, redlines and how much changed (stored for reuse)."""
    from charterwatch.texts.compare.report import render
    from charterwatch.texts.compare.report_text import text_report
    from charterwatch.texts.compare.service import compare_refs

    fmt = "json" if as_json else fmt
    if fmt not in REPORT_FORMATS:
        raise CharterwatchError(E.BAD_FORMAT, value=fmt, choices=", ".join(REPORT_FORMATS))
    comparison = compare_refs(ctx.obj.engine(), old_ref, new_ref, fresh=fresh)
    if fmt == "text" and out is None:
        console.print(text_report(comparison))
        return
    report = render(comparison, fmt=fmt)
    if out is None:
        typer.echo(report, nl=False)
        return
    write_text(out, report)
    console.print(f"wrote {out} ({len(report.encode('utf-8')):,} bytes)")


def write_text(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise CharterwatchError(E.CANNOT_WRITE, path=str(path), reason=e.strerror or str(e)) from e


@eval_app.command("align")
def eval_align_command(
    ctx: typer.Context,
    gold: Annotated[
        Path,
        typer.Option(
            "--gold", help='JSON lines: {"new": "7", "old": ["8"], "kind": "amended"}, {"old_removed": "9"}.'
        ),
    ],
    old_ref: Annotated[str, typer.Option("--old", help="The old version, e.g. RU@2019.")],
    new_ref: Annotated[str, typer.Option("--new", help="The new version, e.g. RU@2020.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the alignment of two versions: precision, recall and F1 over (new, old) links, kind accuracy."""
    from charterwatch.texts.compare.service import evaluate_refs

    score = evaluate_refs(ctx.obj.engine(), gold, old_ref=old_ref, new_ref=new_ref)
    if as_json:
        typer.echo(json.dumps(score.to_dict(), ensure_ascii=False, indent=1))
        return
    console.print(f"[bold]{old_ref} → {new_ref}[/] against {gold}")
    console.print(
        f"precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}  "
        f"kind accuracy {score.kind_accuracy:.3f}  "
        f"(links: {score.links_gold} gold, {score.links_found} found, {score.links_correct} correct)"
    )
    console.print(
        f"without new/removed pseudo-links: precision {score.precision_links_only:.3f}  "
        f"recall {score.recall_links_only:.3f}  F1 {score.f1_links_only:.3f}"
    )
    if not score.disagreements:
        console.print("no disagreements")
        return
    table = Table(
        "what", "new", "old", "gold kind", "found kind", title=f"{len(score.disagreements)} disagreements"
    )
    table.title_justify = "left"
    for d in score.disagreements:
        table.add_row(
            d["what"], d.get("new") or "—", d.get("old") or "", d.get("gold", ""), d.get("found", "")
        )
    console.print(table)
