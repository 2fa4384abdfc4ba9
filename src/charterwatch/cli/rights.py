"""``charterwatch audit``: the rights audit of a stored version, and against an older one, the delta and concerns."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from charterwatch.cli.output import console
from charterwatch.errors import CharterwatchError, E

if TYPE_CHECKING:
    from charterwatch.rights.service import Review
    from charterwatch.texts.tree import ParsedText

AUDIT_FORMATS = ("md", "html", "docx", "json")


def register(app: typer.Typer) -> None:
    from charterwatch.cli.compare import eval_app

    app.command("audit")(audit_command)
    eval_app.command("audit")(eval_audit_command)


def audit_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="The version to audit, e.g. KZ@2026.")],
    against: Annotated[
        str | None,
        typer.Option(
            "--against", help="An older version, e.g. KZ@1995-ru: adds the changes and the concerns."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html, docx or json.")] = "md",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The report's title (default: the refs).")
    ] = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Compare the versions again even if the store has the comparison.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """Audit a version against the ICCPR: limitation clauses, grounds, verdicts and safeguards, as an opinion."""
    from charterwatch.rights.service import review_refs

    fmt = "json" if as_json else fmt
    if fmt not in AUDIT_FORMATS:
        raise CharterwatchError(E.BAD_FORMAT, value=fmt, choices=", ".join(AUDIT_FORMATS))
    result = review_refs(ctx.obj.engine(), ref, against=against, fresh=fresh)
    report = render(result, fmt=fmt, title=title)
    if out is None:
        if isinstance(report, bytes):
            sys.stdout.buffer.write(report)
            sys.stdout.flush()
        else:
            typer.echo(report, nl=False)
        return
    write(out, report)
    console.print(
        f"wrote {out} ({len(report if isinstance(report, bytes) else report.encode('utf-8')):,} bytes)"
    )


def render(result: Review, *, fmt: str, title: str | None = None) -> str | bytes:
    """The review in one of ``AUDIT_FORMATS`` (DOCX as bytes)."""
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "html":
        from charterwatch.rights.report_html import render_html

        return render_html(result, title=title)
    if fmt == "docx":
        from charterwatch.rights.report_docx import render_docx

        return render_docx(result, title=title)
    from charterwatch.rights.report import render_markdown

    return render_markdown(result, title=title)


def write(path: Path, report: str | bytes) -> None:
    try:
        if isinstance(report, bytes):
            path.write_bytes(report)
        else:
            path.write_text(report, encoding="utf-8")
    except OSError as e:
        raise CharterwatchError(E.CANNOT_WRITE, path=str(path), reason=e.strerror or str(e)) from e


def eval_audit_command(
    gold: Annotated[
        Path, typer.Option("--gold", help="JSON lines in the format of rights_*.jsonl (see docs/rights.md).")
    ],
    texts: Annotated[
        Path | None,
        typer.Option("--texts", help="Folder with the texts the gold names (default: the bundled corpus)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the rights audit against hand-made answers: precision, recall, verdict agreement, safeguards."""
    from charterwatch.rights.evaluate import bundled_text, evaluate
    from charterwatch.texts.importer import parse_file

    def from_folder(doc: str, folder: Path | None = texts) -> ParsedText:
        return parse_file((folder or Path()) / doc)[0]

    scores = evaluate(gold, resolve=bundled_text if texts is None else from_folder)
    if as_json:
        typer.echo(json.dumps({doc: s.to_dict() for doc, s in scores.items()}, ensure_ascii=False, indent=1))
        return
    table = Table("text", "precision", "recall", "verdict agreement", "safeguards right")
    for doc, s in scores.items():
        table.add_row(
            doc,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.verdict_agreement:.3f}",
            f"{s.safeguards_right}/{s.safeguards_total}",
        )
    console.print(table)
    overall = scores["all"]
    for pair in overall.missed:
        console.print(f"missed       {' '.join(map(str, pair))}")
    for pair in overall.extra:
        console.print(f"false alarm  {' '.join(map(str, pair))}")
    for pair, expected, found in overall.verdict_disagreements:
        console.print(f"verdict      {' '.join(map(str, pair))}: gold {expected}, found {found}")
    for key, expected_present, found_present in overall.safeguard_errors:
        console.print(f"safeguard    {' '.join(key)}: gold present={expected_present}, found {found_present}")
