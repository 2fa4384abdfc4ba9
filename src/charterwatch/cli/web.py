"""``charterwatch serve`` and ``charterwatch user ...``: the web app, and the people allowed into it."""

from __future__ import annotations

from typing import Annotated

import typer

from charterwatch.cli.output import console

user_app = typer.Typer(help="Web app users: add, list, API tokens.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
    app.add_typer(user_app, name="user")


def serve_command(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web app and its JSON API (OpenAPI at /docs) over the store, until Ctrl-C."""
    import uvicorn

    from charterwatch.web.app import create_app

    app = create_app(engine=ctx.obj.engine())
    console.print(f"charterwatch on http://{host}:{port}/ (API: http://{host}:{port}/docs); Ctrl-C stops it")
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)


@user_app.command("add")
def add_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The user name to sign in with.")],
    role: Annotated[str, typer.Option(help="admin, analyst, working_group or public.")],
    group: Annotated[str | None, typer.Option(help="The working group of a working_group user.")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin instead of generating one.")
    ] = False,
) -> None:
    """Add a user; prints a generated one-time password (changed at first sign-in) unless one is read."""
    import sys

    from charterwatch.store.db import session_scope
    from charterwatch.web.users import add_user

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    with session_scope(ctx.obj.engine()) as session:
        user, generated = add_user(session, name, role=role, working_group=group, password=password)
        summary = f"user {user.name} ({user.role}{', ' + group if group else ''}) added"
    console.print(summary)
    if generated is not None:
        console.print(f"one-time password: {generated}")


@user_app.command("list")
def list_command(ctx: typer.Context) -> None:
    """Every user with their role and working group."""
    from charterwatch.store.db import session_scope
    from charterwatch.web.users import list_users, user_dict

    with session_scope(ctx.obj.engine()) as session:
        rows = [user_dict(user) for user in list_users(session)]
    for row in rows:
        flags = "" if row["active"] else " (inactive)"
        flags += " (one-time password)" if row["must_change_password"] else ""
        console.print(f"{row['name']}\t{row['role']}\t{row['working_group'] or ''}{flags}")


@user_app.command("token")
def token_command(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The user.")]) -> None:
    """Make an API token for NAME (send it as 'Authorization: Bearer TOKEN'); it is shown only now."""
    from charterwatch.store.db import session_scope
    from charterwatch.web.users import get_user, issue_token

    with session_scope(ctx.obj.engine()) as session:
        token = issue_token(session, get_user(session, name))
    typer.echo(token)
