"""``charterwatch incidents ...`` and ``charterwatch eval incidents``: thin commands over incidents.workflow.service.

Errors of the incident store (no such incident, a merge that cannot be undone) are one line on stderr and
exit status 3, like the store errors of the catalogue.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from charterwatch.cli.output import JsonOption, console, print_json, print_rows, progress_bar, stderr

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from charterwatch.incidents.model import Incident


incidents_app = typer.Typer(
    help="Civic-space incidents: ingest articles, list, review, merge, report.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    from charterwatch.cli.compare import eval_app

    app.add_typer(incidents_app, name="incidents")
    eval_app.command("incidents")(eval_incidents_command)


def _session(ctx: typer.Context) -> Any:
    from charterwatch.store.db import session_scope

    return session_scope(ctx.obj.engine())


def _checked(values: list[str] | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """``values`` if each is one of ``allowed``, else BAD_FORMAT (exit status 2)."""
    from charterwatch.errors import CharterwatchError, E

    for value in values or ():
        if value not in allowed:
            raise CharterwatchError(E.BAD_FORMAT, value=value, choices=", ".join(allowed))
    return tuple(values or ())


def _reviewer(given: str | None) -> str:
    return given or os.environ.get("USER") or "reviewer"


ReviewerOption = Annotated[
    str | None, typer.Option("--reviewer", help="Who decides (default: $USER); stored in the logs.")
]


@incidents_app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .html, .pdf, .jsonl) and folders.")],
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for sources that give none.")
    ] = None,
) -> None:
    """Read articles, extract incidents and store them; sources already stored are skipped (same SHA-256).

    A bad file is one line on stderr and the rest is ingested; the exit status is then 2.
    """
    from charterwatch.incidents.workflow.service import ingest_into_store

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    bar = progress_bar(*columns)
    with bar as progress, _session(ctx) as session:
        task = progress.add_task("ingesting", total=None)

        def advance(done: int, total: int, path: str) -> None:
            progress.update(task, completed=done, total=total, description=Path(path).name[:40])

        result = ingest_into_store(session, paths, default_date=date, progress=advance)
    report = result.report
    for error in report.errors:
        stderr.print(f"[bold red]error[/] {error.code}: {escape(error.message)}", soft_wrap=True)
    for note in report.notes:
        stderr.print(f"note: {escape(note)}", soft_wrap=True)
    console.print(
        f"{len(report.sources)} new sources, {len(result.added)} incidents added, "
        f"{len(result.merged) + len(report.merges)} merged; {len(report.skipped)} sources already stored; "
        f"{len(report.errors)} errors"
    )
    if report.errors:
        raise typer.Exit(2)


@incidents_app.command("list")
def list_command(
    ctx: typer.Context,
    action: Annotated[
        list[str] | None, typer.Option("--action", help="Only this action (repeatable).")
    ] = None,
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--state", help="Only this review state: machine, accepted, edited, rejected (repeatable)."
        ),
    ] = None,
    victim: Annotated[
        str,
        typer.Option(
            "--victim", help="Only victims whose name has these words, in any spelling (Kasym, Касым)."
        ),
    ] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print the incidents as JSON.")] = False,
) -> None:
    """List the stored incidents (those merged into others are left out), oldest ingested first."""
    from charterwatch.incidents.extraction.names import name_matches
    from charterwatch.incidents.model import ACTIONS
    from charterwatch.incidents.workflow.models import REVIEW_STATES
    from charterwatch.incidents.workflow.store import Filter, list_incidents

    where = Filter(actions=_checked(action, ACTIONS), states=_checked(state, REVIEW_STATES))
    with _session(ctx) as session:
        incidents = list_incidents(session, where)
    if victim:
        incidents = [i for i in incidents if name_matches(victim, i.victims[0].label)]
    if as_json:
        typer.echo(json.dumps([i.to_dict() for i in incidents], ensure_ascii=False, indent=1))
        return
    table = Table("id", "date", "action", "victim", "role", "place", "review", "sources")
    for i in incidents:
        shown = i.victims[0]
        table.add_row(
            i.id,
            i.date.value if i.date else "",
            i.action,
            escape(shown.label),
            shown.role,
            i.place or "",
            i.review,
            str(len(i.source_ids)),
        )
    console.print(table)
    console.print(f"{len(incidents)} incidents")


@incidents_app.command("show")
def show_command(
    ctx: typer.Context,
    incident_id: Annotated[str, typer.Argument(help="An incident id (or its first 4+ characters).")],
    as_json: JsonOption = False,
) -> None:
    """Show one incident with the words every field came from."""
    from charterwatch.incidents.workflow.store import load_incident

    with _session(ctx) as session:
        incident = load_incident(session, incident_id)
        if as_json:
            print_json(incident.to_dict())
            return
        _show(session, incident)


def _show(session: Session, incident: Incident) -> None:
    from charterwatch.incidents.workflow.store import load_sources

    sources = {s.id: s for s in load_sources(session, incident.source_ids)}
    table = Table(show_header=False, box=None, padding=(0, 1))
    for victim in incident.victims:
        table.add_row("victim", f"{escape(victim.label)} ({victim.kind}, {victim.role})")
    rows = {
        "action": ", ".join(incident.actions),
        "date": f"{incident.date.value} ({incident.date.precision})" if incident.date else "",
        "place": ", ".join(p for p in (incident.place, incident.country) if p),
        "sanction": incident.sanction.text if incident.sanction else "",
        "legal basis": "; ".join(incident.legal_basis),
        "rights": ", ".join(incident.rights),
        "perpetrator": incident.perpetrator or "",
        "private": ", ".join(incident.private_fields),
        "review": f"{incident.review} (confidence {incident.confidence:.2f})",
    }
    for name, value in rows.items():
        if value:
            table.add_row(name, escape(value))
    console.print(f"[bold]incident {incident.id}[/]")
    console.print(table)
    for evidence in incident.evidence:
        where = sources[evidence.source_id].location if evidence.source_id in sources else evidence.source_id
        console.print(
            f"  {evidence.field:<24} {escape(repr(evidence.quote))}  [dim]{escape(where)}:{evidence.start}[/]",
            soft_wrap=True,
        )


@incidents_app.command("review")
def review_command(
    ctx: typer.Context,
    incident_ids: Annotated[
        list[str] | None, typer.Argument(help="Incidents to review (default: every one not yet reviewed).")
    ] = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Accept, edit or reject incidents one by one in the terminal; each decision is stored at once."""
    from charterwatch.incidents.workflow.store import Filter, list_incidents

    who = _reviewer(reviewer)
    with _session(ctx) as session:
        queue = incident_ids or [i.id for i in list_incidents(session, Filter(states=("machine",)))]
    decided = 0
    for number, incident_id in enumerate(queue, 1):
        with _session(ctx) as session:
            from charterwatch.incidents.workflow.store import load_incident

            incident = load_incident(session, incident_id)
            console.rule(f"{number} of {len(queue)}")
            _show(session, incident)
            choice = (
                typer.prompt("[a]ccept, [e]dit, [r]eject, [s]kip, [q]uit", default="s").strip().lower()[:1]
            )
            if choice == "q":
                break
            if choice in ("a", "r", "e"):
                _decide(session, incident, choice, who)
                decided += 1
    console.print(f"{decided} decisions stored by {who}")


def _decide(session: Session, incident: Incident, choice: str, reviewer: str) -> None:
    from charterwatch.incidents.workflow.service import review_incident

    changes = _ask_changes(incident) if choice == "e" else {}
    note = typer.prompt("note (optional)", default="", show_default=False)
    if choice == "r":
        updated = review_incident(session, incident.id, "reject", reviewer=reviewer, note=note)
    elif changes:
        updated = review_incident(session, incident.id, "edit", reviewer=reviewer, note=note, **changes)
    else:
        updated = review_incident(session, incident.id, "accept", reviewer=reviewer, note=note)
    console.print(f"{updated.id}: {updated.review}")


def _ask_changes(incident: Incident) -> dict[str, Any]:
    """Prompt for each editable field with its value as the default; "-" clears a value."""
    from charterwatch.incidents.model import ACTIONS, RIGHTS, ROLES

    changes: dict[str, Any] = {}
    action = typer.prompt(f"action ({', '.join(ACTIONS)})", default=incident.action)
    if action != incident.action:
        changes["action"] = action
    date = typer.prompt(
        "date (YYYY, YYYY-MM or YYYY-MM-DD)", default=incident.date.value if incident.date else "-"
    )
    if date != (incident.date.value if incident.date else "-"):
        changes["date"] = None if date == "-" else date
    for name in ("place", "perpetrator"):
        current = getattr(incident, name) or "-"
        value = typer.prompt(name, default=current)
        if value != current:
            changes[name] = None if value == "-" else value
    victim = incident.victims[0]
    role = typer.prompt(f"victim's role ({', '.join(ROLES)})", default=victim.role)
    if role != victim.role:
        changes["victim_role"] = role
    rights = typer.prompt(f"rights ({', '.join(RIGHTS)})", default=", ".join(incident.rights) or "-")
    if rights != (", ".join(incident.rights) or "-"):
        changes["rights"] = [] if rights == "-" else [r.strip() for r in rights.split(",") if r.strip()]
    if victim.name and "victims[0].name" in incident.private_fields:
        if typer.confirm(f"publish the name {victim.name!r} in public exports?", default=False):
            changes["private_fields"] = [p for p in incident.private_fields if p != "victims[0].name"]
    elif victim.name and typer.confirm(
        f"withhold the name {victim.name!r} from public exports?", default=False
    ):
        changes["private_fields"] = [*incident.private_fields, "victims[0].name"]
    return changes


@incidents_app.command("merge")
def merge_command(
    ctx: typer.Context,
    into: Annotated[str, typer.Argument(help="The incident that stays.")],
    absorbed: Annotated[str, typer.Argument(help="The incident folded into it.")],
    reviewer: ReviewerOption = None,
) -> None:
    """Merge two incidents that tell the same event (logged; 'incidents unmerge' undoes it)."""
    from charterwatch.incidents.workflow.service import merge_stored

    with _session(ctx) as session:
        row = merge_stored(session, into, absorbed, by=_reviewer(reviewer))
    console.print(f"merge {row.id}: {row.absorbed_id} merged into {row.into_id}")


@incidents_app.command("unmerge")
def unmerge_command(
    ctx: typer.Context,
    merge_id: Annotated[int, typer.Argument(help="The merge's number ('incidents merges' lists them).")],
    reviewer: ReviewerOption = None,
) -> None:
    """Undo a merge: both incidents come back exactly as they were before it."""
    from charterwatch.incidents.workflow.service import unmerge

    with _session(ctx) as session:
        restored, apart = unmerge(session, merge_id, by=_reviewer(reviewer))
    console.print(f"merge {merge_id} undone: {restored.id} and {apart.id} are apart again")


@incidents_app.command("merges")
def merges_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the merge log: automatic merges (by charterwatch) and reviewers' merges, undone or not."""
    from charterwatch.incidents.workflow.service import merge_log
    from charterwatch.incidents.workflow.store import load_incident

    with _session(ctx) as session:
        rows = [
            (row.id, row.into_id, row.absorbed_id, label, row.merged_by, row.undone_by)
            for row in merge_log(session)
            # the log keeps only a delta; the absorbed incident is still stored, hidden
            for label in [load_incident(session, row.absorbed_id).victims[0].label]
        ]
    print_rows(("merge", "into", "absorbed", "victim", "by", "undone by"), rows, as_json=as_json)


@incidents_app.command("organisations")
def organisations_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the NGOs, unions, media and sites that are victims, each with its incidents over time."""
    from charterwatch.incidents.workflow.store import organisations

    with _session(ctx) as session:
        found = organisations(session)
    if as_json:
        print_json([org.to_dict() for org in found])
        return
    table = Table("organisation", "kind", "incidents")
    for org in found:
        history = "; ".join(f"{i.date.value if i.date else '?'} {i.action}" for i in org.incidents)
        table.add_row(escape(org.name), org.kind, escape(history))
    console.print(table)


@incidents_app.command("report")
def report_command(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="The folder to write into (made if missing).")],
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--state",
            help="Only incidents in this review state (repeatable; default: the published ones, accepted "
            "and edited).",
        ),
    ] = None,
) -> None:
    """Write the exports: full and public JSON and CSV, an ACLED-like CSV, statistics and a timeline chart.

    Every file but incidents_full.* holds only the public editions; by default only reviewed incidents go in."""
    from charterwatch.incidents.exports.report import write_report
    from charterwatch.incidents.workflow.models import REVIEW_STATES
    from charterwatch.incidents.workflow.store import Filter, list_incidents, load_sources
    from charterwatch.incidents.workflow.visibility import PUBLISHED, public_words

    states = _checked(state, REVIEW_STATES) or PUBLISHED
    with _session(ctx) as session:
        incidents = list_incidents(session, Filter(states=states))
        sources = load_sources(session)
        words = public_words(session)  # names private in incidents left out of the report too
    for path in write_report(incidents, sources, out, words=words):
        console.print(f"wrote {path}")
    console.print(f"{len(incidents)} incidents")


def eval_incidents_command(
    gold: Annotated[Path, typer.Option("--gold", help="JSON lines as shared/gold/incidents_seeds.jsonl.")],
    docs: Annotated[
        Path,
        typer.Option("--docs", help="The folder of articles: every one is scored, named in the gold or not."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score incident extraction against hand-checked answers: precision, recall, F1, each miss and false alarm."""
    from charterwatch.incidents.evaluation.evaluate import evaluate_folder

    result = evaluate_folder(gold, docs)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    for error in result.errors:
        stderr.print(f"[bold red]error[/] {error}", soft_wrap=True)
    score = result.score
    console.print(
        f"precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}  "
        f"({len(score.matched)} matched, {score.extracted} extracted, {score.gold} in the gold)"
    )
    for language, part in result.by_language.items():
        console.print(
            f"  {language:<15} precision {part.precision:.3f}  recall {part.recall:.3f}  F1 {part.f1:.3f}  "
            f"({len(part.matched)} matched, {part.extracted} extracted, {part.gold} in the gold)"
        )
    for name, value in score.field_accuracy.items():
        console.print(f"  {name:<15} {value:.3f}")
    for line in result.lines():
        console.print(escape(line), soft_wrap=True)
