"""``charterwatch serve`` and ``charterwatch user ...``: the web app, and the people allowed into it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core

from charterwatch.cli.output import JsonOption, console, print_json, stderr


class _TokenGroup(typer.core.TyperGroup):
    """``user token NAME`` issues a token (``user token new NAME``); ``user token revoke KEY`` revokes one."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # Any: typer's vendored click is private
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["new", *args]
        return super().parse_args(ctx, args)


user_app = typer.Typer(help="Web app users: add, list, disable, API tokens.", no_args_is_help=True)
token_app = typer.Typer(
    cls=_TokenGroup,
    help="API tokens: 'user token NAME' makes one; 'user token revoke ID_OR_PREFIX' revokes one.",
    no_args_is_help=True,
)
user_app.add_typer(token_app, name="token")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
    app.add_typer(user_app, name="user")


def serve_command(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    insecure_cookies: Annotated[
        bool,
        typer.Option(
            "--insecure-cookies", help="Session cookies without Secure: plain http on a trusted network only."
        ),
    ] = False,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            help="Proxy addresses (comma-separated, or *) whose X-Forwarded-Proto and -For are trusted; "
            "without it they are ignored."
        ),
    ] = None,
    ssl_certfile: Annotated[
        Path | None, typer.Option(help="Serve https with this certificate (PEM).")
    ] = None,
    ssl_keyfile: Annotated[Path | None, typer.Option(help="The certificate's private key (PEM).")] = None,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="One line per request on stderr.")
    ] = True,
) -> None:
    """Serve the web app and its JSON API (OpenAPI at /docs) over the store, until Ctrl-C.

    Session cookies are Secure unless the app is served over plain http on a loopback address.
    """
    import uvicorn

    from charterwatch.web.app import create_app
    from charterwatch.web.serving import log_config, plan_server
    from charterwatch.web.settings import WebSettings

    settings = WebSettings.from_env()
    plan = plan_server(
        host=host,
        port=port,
        insecure_cookies=insecure_cookies,
        forwarded_allow_ips=forwarded_allow_ips,
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
        secure_cookies=settings.secure_cookies,
    )
    for warning in plan.warnings:
        stderr.print(warning)
    settings = settings.model_copy(update={"secure_cookies": plan.secure_cookies})
    app = create_app(
        db_url=ctx.obj.db, settings=settings
    )  # its own engine: a pool sized to the worker threads
    console.print(f"charterwatch on {plan.url} (API: {plan.url}docs); Ctrl-C stops it")
    uvicorn.run(app, log_config=log_config(access_log=access_log), **plan.uvicorn)


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
def list_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Every user with their role and working group."""
    from charterwatch.store.db import session_scope
    from charterwatch.web.users import list_users, user_dict

    with session_scope(ctx.obj.engine()) as session:
        rows = [user_dict(user) for user in list_users(session)]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        flags = "" if row["active"] else " (inactive)"
        flags += " (one-time password)" if row["must_change_password"] else ""
        console.print(f"{row['name']}\t{row['role']}\t{row['working_group'] or ''}{flags}")


@token_app.command("new")
def token_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The user.")],
    expires_days: Annotated[
        int | None, typer.Option(min=1, max=3650, help="Days until the token stops working.")
    ] = None,
) -> None:
    """Make an API token for NAME (send it as 'Authorization: Bearer TOKEN'); it is shown only now."""
    from charterwatch.store.db import session_scope
    from charterwatch.web.tokens import PREFIX_CHARS, expiry_days, issue_token
    from charterwatch.web.users import get_user

    expires_at = expiry_days(expires_days) if expires_days is not None else None
    with session_scope(ctx.obj.engine()) as session:
        token = issue_token(session, get_user(session, name), expires_at=expires_at)
    until = f", expires {expires_at:%Y-%m-%d %H:%M} UTC" if expires_at is not None else ""
    prefix = token[:PREFIX_CHARS]
    stderr.print(f"token {prefix} for {name}{until}; to revoke it: charterwatch user token revoke {prefix}")
    typer.echo(token)


@token_app.command("revoke")
def revoke_command(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The token's id or prefix, as 'user tokens' lists them.")],
) -> None:
    """Revoke an API token: the next request made with it is refused (401)."""
    from charterwatch.store.db import session_scope
    from charterwatch.web.tokens import revoke_token

    with session_scope(ctx.obj.engine()) as session:
        info = revoke_token(session, key)
    console.print(f"token {info.id} ({info.prefix}) of {info.user} revoked")


@user_app.command("tokens")
def tokens_command(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="The user (default: all).")] = None,
    as_json: JsonOption = False,
) -> None:
    """API tokens (id, user, prefix, created, last used, expiry, state); never the tokens themselves."""
    from charterwatch.store.db import session_scope
    from charterwatch.web.tokens import list_tokens
    from charterwatch.web.users import get_user

    with session_scope(ctx.obj.engine()) as session:
        if name is not None:
            get_user(session, name)
        rows = [info.to_dict() for info in list_tokens(session, user=name)]
    if as_json:
        print_json(rows)
        return
    typer.echo("id\tuser\tprefix\tcreated\tlast used\texpires\tstate")  # tab-separated, for scripts too
    for row in rows:
        dates = [_when(row[key]) for key in ("created_at", "last_used_at", "expires_at")]
        typer.echo("\t".join([str(row["id"]), row["user"], row["prefix"], *dates, row["state"]]))


def _when(moment: object) -> str:
    import datetime as dt

    return moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, dt.datetime) else "-"


@user_app.command("disable")
def disable_command(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The user.")]) -> None:
    """Stop NAME signing in: their sessions and API tokens are refused from their next request."""
    _set_active(ctx, name, active=False)


@user_app.command("enable")
def enable_command(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The user.")]) -> None:
    """Let a disabled user sign in again (their tokens that are not revoked or expired work again)."""
    _set_active(ctx, name, active=True)


def _set_active(ctx: typer.Context, name: str, *, active: bool) -> None:
    from charterwatch.store.db import session_scope
    from charterwatch.web.users import set_active

    with session_scope(ctx.obj.engine()) as session:
        set_active(session, name, active=active)
    console.print(f"user {name} {'enabled' if active else 'disabled'}")
