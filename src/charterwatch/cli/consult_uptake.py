"""``charterwatch consult uptake`` and ``consult report``: was each proposal taken up between two drafts?

Proposals come from the store, or from a CSV / JSON Lines file with ``--proposals`` (nothing is stored then).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from charterwatch.cli.consult import consult_app
from charterwatch.cli.output import console

if TYPE_CHECKING:
    from charterwatch.consult.uptake_run import UptakeResult

FromOption = Annotated[
    str, typer.Option("--from", help="The draft the proposals commented on, e.g. KZ@1995-ru.")
]
ToOption = Annotated[str, typer.Option("--to", help="The next draft, e.g. KZ@2026.")]
ProposalsOption = Annotated[
    Path | None,
    typer.Option("--proposals", help="Read proposals from this CSV or JSONL file instead of the store."),
]


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


def _result(ctx: typer.Context, old_ref: str, new_ref: str, proposals_file: Path | None) -> UptakeResult:
    from charterwatch.consult.intake import read_proposals
    from charterwatch.consult.store import all_proposals
    from charterwatch.consult.uptake_run import run_uptake
    from charterwatch.store.db import session_scope

    engine = ctx.obj.engine()
    if proposals_file is not None:
        proposals = read_proposals(proposals_file)
    else:
        with session_scope(engine) as session:
            proposals = all_proposals(session)
    return run_uptake(engine, proposals, old_ref=old_ref, new_ref=new_ref)


@consult_app.command("uptake")
def uptake_command(
    ctx: typer.Context,
    old_ref: FromOption,
    new_ref: ToOption,
    proposals: ProposalsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every verdict with its evidence.")] = False,
) -> None:
    """Mark each proposal reflected / partly / not_reflected (or unlinked) with the words that changed."""
    result = _result(ctx, old_ref, new_ref, proposals)
    if as_json:
        console.out(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), highlight=False)
        return
    table = Table("proposal", "status", "confidence", "articles (old → new)", "changed words")
    for uptake in result.uptakes:
        articles = ", ".join(f"{'+'.join(a.old)} → {'+'.join(a.new) or '—'}" for a in uptake.articles)
        words = ", ".join(dict.fromkeys(w.text for w in uptake.evidence()))
        table.add_row(
            escape(uptake.proposal_id), uptake.status, f"{uptake.confidence:.2f}", articles, escape(words)
        )
    console.print(table)
    console.print(", ".join(f"{n} {status}" for status, n in result.counts().items()))


@consult_app.command("report")
def report_command(
    ctx: typer.Context,
    old_ref: FromOption,
    new_ref: ToOption,
    proposals: ProposalsOption = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="md, html (self-contained) or json.")] = (
        ReportFormat.md
    ),
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of printing.")] = None,
) -> None:
    """The public report "what we heard and what changed": counts per theme and status, examples, evidence."""
    from charterwatch.cli.compare import write_text
    from charterwatch.consult.report import render_markdown, report_context
    from charterwatch.consult.report_html import render_html

    context = report_context(_result(ctx, old_ref, new_ref, proposals))
    if fmt is ReportFormat.json:
        text = json.dumps(context, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_html(context) if fmt is ReportFormat.html else render_markdown(context)
    if out is None:
        console.out(text, highlight=False, end="")
    else:
        write_text(out, text)
        console.print(f"wrote {escape(str(out))}")
