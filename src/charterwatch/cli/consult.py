"""``charterwatch consult ...``: thin commands over consult.service (intake, duplicates, themes, routing, uptake).

The group is defined here; command modules (this one, ``consult_uptake``) add their commands to it.
"""

from __future__ import annotations

import typer

consult_app = typer.Typer(
    help="Public consultation: import proposals, duplicates and campaigns, themes, working groups, uptake.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(consult_app, name="consult")
