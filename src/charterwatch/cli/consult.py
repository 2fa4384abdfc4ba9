"""``charterwatch consult ...``: thin commands over consult.service (intake, duplicates, themes, routing, uptake).

The group is defined here; command modules (this one, ``consult_uptake``) add their commands to it.
"""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from charterwatch.cli.output import JsonOption, console, progress_bar, stderr

consult_app = typer.Typer(
    help="Public consultation: import proposals, duplicates and campaigns, themes, working groups, uptake.",
    no_args_is_help=True,
)
groups_app = typer.Typer(help="Working groups: load them from a YAML file, list them.", no_args_is_help=True)
consult_app.add_typer(groups_app, name="groups")


def register(app: typer.Typer) -> None:
    app.add_typer(consult_app, name="consult")


class Channel(StrEnum):
    web = "web"
    social = "social"
    organisation = "organisation"
    expert = "expert"


class SubmitterKind(StrEnum):
    citizen = "citizen"
    organisation = "organisation"
    expert = "expert"
    official = "official"
    unknown = "unknown"


class ThemeMethod(StrEnum):
    tfidf = "tfidf"
    embeddings = "embeddings"


def _session(ctx: typer.Context) -> Any:
    from charterwatch.store.db import session_scope

    return session_scope(ctx.obj.engine())


def _print_json(data: Any) -> None:
    console.out(json.dumps(data, ensure_ascii=False, indent=2, default=str), highlight=False)


ReviewerOption = Annotated[
    str | None, typer.Option("--reviewer", help="Who decides (default: $USER); stored in the logs.")
]

LimitOption = Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")]


def _reviewer(given: str | None) -> str:
    return given or os.environ.get("USER") or "reviewer"


@consult_app.command("import")
def import_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(help="CSV or JSON Lines files (Polis comments.csv as it is).")
    ],
    channel: Annotated[Channel, typer.Option(help="Channel where no column says.")] = Channel.web,
    submitter_kind: Annotated[
        SubmitterKind, typer.Option("--submitter-kind", help="Submitter kind where no column says.")
    ] = SubmitterKind.unknown,
    prefix: Annotated[
        str | None, typer.Option(help="Id prefix (default: the file name, or a Polis conversation's folder).")
    ] = None,
) -> None:
    """Store the proposals of each file, one transaction per file; a file imported again adds nothing.

    A bad file is one line on stderr and nothing of it is stored; the others are; the exit status is then 2.
    """
    from charterwatch.consult.service import import_proposals
    from charterwatch.errors import CharterwatchError

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    failed = 0
    with progress_bar(*columns) as progress:
        task = progress.add_task("importing", total=len(paths))
        for path in paths:
            try:
                with _session(ctx) as session:
                    result = import_proposals(
                        session,
                        path,
                        channel=channel.value,
                        submitter_kind=submitter_kind.value,
                        id_prefix=prefix,
                    )
            except CharterwatchError as error:
                failed += 1
                stderr.print(f"[bold red]error[/] {error.code.name}: {escape(error.message)}", soft_wrap=True)
            else:
                console.print(
                    f"{escape(str(path))}: {result.added} added, {result.skipped} already stored"
                    f" (ids {escape(result.prefix)}…)"
                )
            progress.advance(task)
    if failed:
        raise typer.Exit(2)


@consult_app.command("dedup")
def dedup_command(ctx: typer.Context) -> None:
    """Find copies and campaigns among all stored proposals; reviewers' merges and splits are kept."""
    from charterwatch.consult.service import run_dedup

    with _session(ctx) as session:
        result = run_dedup(session)
    replayed = f" ({result.replayed} reviewer edits kept)" if result.replayed else ""
    console.print(f"{result}{replayed}")


@consult_app.command("duplicates")
def duplicates_command(
    ctx: typer.Context,
    campaigns: Annotated[bool, typer.Option("--campaigns", help="Campaigns only.")] = False,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List duplicate groups and campaigns, largest first."""
    from charterwatch.consult.service import duplicate_groups

    with _session(ctx) as session:
        groups = duplicate_groups(session, campaigns_only=campaigns, limit=limit)
    if as_json:
        _print_json(groups)
        return
    table = Table("group", "kind", "size", "representative", "template", "merges")
    for group in groups:
        template = (group["template"] or "")[:60]
        row = (group["id"], group["kind"], str(group["size"]), group["representative"], template)
        table.add_row(*(escape(cell) for cell in row), str(len(group["log"])))
    console.print(table)


@consult_app.command("merge")
def merge_command(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The group (or a proposal of it) that stays.")],
    absorb: Annotated[str, typer.Argument(help="The group (or a proposal of it) that joins it.")],
    reason: Annotated[str, typer.Option(help="Why they say the same thing.")] = "same idea",
    reviewer: ReviewerOption = None,
) -> None:
    """Merge two duplicate groups (logged; `consult undo` reverses it)."""
    from charterwatch.consult.service import merge_groups

    with _session(ctx) as session:
        group = merge_groups(session, keep, absorb, by=_reviewer(reviewer), reason=reason)
    console.print(f"group {escape(group.id)}: {len(group.members)} proposals")


@consult_app.command("undo")
def undo_command(
    ctx: typer.Context,
    group: Annotated[str, typer.Argument(help="The group (or a proposal of it) whose last merge to undo.")],
    reviewer: ReviewerOption = None,
) -> None:
    """Undo the last merge of a group: the proposals it brought in leave as a group of their own."""
    from charterwatch.consult.service import undo_merge

    with _session(ctx) as session:
        new = undo_merge(session, group, by=_reviewer(reviewer))
    console.print(f"group {escape(new.id)}: {len(new.members)} proposals taken out")


@consult_app.command("split")
def split_command(
    ctx: typer.Context,
    proposal_ids: Annotated[list[str], typer.Argument(help="Proposals to take out of their group.")],
    reason: Annotated[str, typer.Option(help="Why they are a different idea.")] = "different idea",
    reviewer: ReviewerOption = None,
) -> None:
    """Take proposals out of their duplicate group into a new group (logged)."""
    from charterwatch.consult.service import split_proposals

    with _session(ctx) as session:
        new = split_proposals(session, proposal_ids, by=_reviewer(reviewer), reason=reason)
    console.print(f"group {escape(new.id)}: {len(new.members)} proposals")


@consult_app.command("themes")
def themes_command(
    ctx: typer.Context,
    method: Annotated[ThemeMethod, typer.Option(help="embeddings needs the 'embeddings' extra.")] = (
        ThemeMethod.tfidf
    ),
    limit: LimitOption = 30,
    as_json: JsonOption = False,
) -> None:
    """Group the stored ideas (one per duplicate group) into themes and store them, replacing earlier ones."""
    from charterwatch.consult.service import run_themes

    with _session(ctx) as session:
        themes = run_themes(session, method=method.value)
    if as_json:
        _print_json([t.to_dict() for t in themes[:limit]])
        return
    covered = sum(len(t.members) for t in themes)
    console.print(f"{len(themes)} themes covering {covered} ideas")
    table = Table("theme", "ideas", "keywords")
    for theme in themes[:limit]:
        table.add_row(escape(theme.id), str(len(theme.members)), escape(", ".join(theme.keywords)))
    console.print(table)


@groups_app.command("load")
def groups_load_command(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(help="YAML file (default: one group per section of KZ 1995, a default).")
    ] = None,
) -> None:
    """Store working groups from a YAML file; groups already stored take the file's sections and members."""
    from charterwatch.consult.service import DEFAULT_GROUPS, load_groups

    with _session(ctx) as session:
        groups = load_groups(session, path or DEFAULT_GROUPS)
    console.print(f"{len(groups)} working groups loaded from {escape(str(path or DEFAULT_GROUPS))}")


@groups_app.command("list")
def groups_list_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the working groups with what they own and their open proposals."""
    from charterwatch.consult.service import group_loads, list_groups

    with _session(ctx) as session:
        groups, loads = list_groups(session), group_loads(session)
    if as_json:
        _print_json([g.to_dict() | {"open": loads.get(g.name, 0)} for g in groups])
        return
    table = Table("working group", "sections", "articles", "members", "open")
    for g in groups:
        articles = ", ".join(g.articles[:8]) + (" …" if len(g.articles) > 8 else "")
        row = (g.name, ", ".join(g.sections), articles, ", ".join(g.members), str(loads.get(g.name, 0)))
        table.add_row(*(escape(cell) for cell in row))
    console.print(table)


@consult_app.command("route")
def route_command(
    ctx: typer.Context,
    version: Annotated[str, typer.Option("--version", help="The draft proposals speak to, e.g. KZ@1995-ru.")],
    cap: Annotated[
        int | None, typer.Option(min=1, help="Open proposals a group takes before others.")
    ] = None,
) -> None:
    """Link proposals to the version's articles and route each to the working group owning them.

    Manual assignments (`consult assign`) are kept; a proposal a moderator rejected is not routed.
    """
    from charterwatch.consult.service import route

    with _session(ctx) as session:
        result = route(session, ref=version, cap=cap)
    console.print(
        f"{result.ref}: {result.linked} proposals linked to articles; {result.routed} routed"
        f" ({result.unowned} by load alone), {result.unchanged} unchanged, {result.overridden} kept as assigned"
    )
    for name, load in result.loads.items():
        console.print(f"  {escape(name)}: {load} open")


@consult_app.command("assign")
def assign_command(
    ctx: typer.Context,
    proposal_id: Annotated[str, typer.Argument(help="The proposal.")],
    group: Annotated[str, typer.Argument(help="The working group's name.")],
    reason: Annotated[str, typer.Option(help="Why (kept in the log).")] = "",
    reviewer: ReviewerOption = None,
) -> None:
    """Give a proposal to a working group by hand; later `consult route` runs keep it there."""
    from charterwatch.consult.service import override

    with _session(ctx) as session:
        override(session, proposal_id, group, by=_reviewer(reviewer), reason=reason)
    console.print(f"{escape(proposal_id)} → {escape(group)}")


@consult_app.command("review")
def review_command(
    ctx: typer.Context,
    proposal_id: Annotated[str, typer.Argument(help="The proposal.")],
    status: Annotated[
        str, typer.Argument(help="accepted, partly, rejected, out_of_scope (or new, assigned).")
    ],
    reason: Annotated[str, typer.Option(help="Why; needed for partly, rejected and out_of_scope.")] = "",
    reviewer: ReviewerOption = None,
) -> None:
    """Record a working group's decision on a proposal (a new entry of its history)."""
    from charterwatch.consult.service import review

    with _session(ctx) as session:
        decision = review(session, proposal_id, status, reason=reason, reviewer=_reviewer(reviewer))  # type: ignore[arg-type]
    console.print(
        f"{escape(proposal_id)}: {decision.status} ({escape(decision.working_group or 'no group')})"
    )


@consult_app.command("list")
def list_command(
    ctx: typer.Context,
    group: Annotated[str | None, typer.Option(help="Only this working group's proposals.")] = None,
    status: Annotated[str | None, typer.Option(help="Only proposals with this status.")] = None,
    theme: Annotated[str | None, typer.Option(help="Only proposals of this theme (its id).")] = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List stored proposals with their duplicate group, theme, working group and status."""
    from charterwatch.consult.service import list_proposals

    with _session(ctx) as session:
        found = list_proposals(session, group=group, status=status, theme=theme, limit=limit)
    if as_json:
        _print_json(found)
        return
    table = Table("id", "status", "working group", "articles", "text")
    for p in found:
        text = p["text"] if len(p["text"]) <= 70 else p["text"][:69] + "…"
        row = (p["id"], p["status"], p["working_group"] or "", ", ".join(p["articles"]), text)
        table.add_row(*(escape(cell) for cell in row))
    console.print(table)


@consult_app.command("show")
def show_command(
    ctx: typer.Context,
    proposal_id: Annotated[str, typer.Argument(help="The proposal.")],
    private: Annotated[bool, typer.Option("--private", help="Include the submitter's contact.")] = False,
) -> None:
    """A proposal with its duplicates, themes, article links and evidence, assignments and reviews (JSON)."""
    from charterwatch.audience import Audience
    from charterwatch.consult.service import proposal_detail

    with _session(ctx) as session:
        audience = Audience.STAFF if private else Audience.PUBLIC
        _print_json(proposal_detail(session, proposal_id, audience=audience))


@consult_app.command("summary")
def summary_command(ctx: typer.Context) -> None:
    """Counts: proposals by channel, language, moderation and status; ideas, copies, campaigns; groups (JSON)."""
    from charterwatch.consult.service import summary

    with _session(ctx) as session:
        _print_json(summary(session))


from charterwatch.cli import consult_uptake as _consult_uptake  # noqa: E402, F401  (adds uptake and report)
