"""The interface's messages as the templates ask for them, to check and update the catalogues.

``TRANSLATED`` lists the templates whose every message must be translated into Russian and Kazakh (a test
fails on a missing one); the public pages first: the proposal form, its confirmation, the sender's follow page,
the consultation overview, its themes and the uptake report, with the frame every page shares. Other pages
are English until they join the list. ``python -m charterwatch.i18n.messages`` prints the messages a catalogue
lacks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

TEMPLATES_DIR: Final = Path(__file__).resolve().parents[1] / "web" / "templates"
TRANSLATED: Final = (
    "base.html",
    "error.html",
    "_pager.html",
    "consult/index.html",
    "consult/propose.html",
    "consult/thanks.html",
    "consult/follow.html",
    "consult/themes.html",
    "consult/theme.html",
    "consult/uptake.html",
)


def template_messages(names: tuple[str, ...] = TRANSLATED) -> Iterator[str | tuple[str, str]]:
    """Each message id (a ``(singular, plural)`` pair for plural forms) in the templates, once, in order."""
    from jinja2.ext import babel_extract

    seen: set[str | tuple[str, str]] = set()
    for name in names:
        with (TEMPLATES_DIR / name).open("rb") as template:
            for _line, _function, found, _comments in babel_extract(
                template, ("_", "gettext", "ngettext"), [], {"extensions": "jinja2.ext.i18n"}
            ):
                parts = [part for part in (found if isinstance(found, tuple) else (found,)) if part]
                message: str | tuple[str, str] = parts[0] if len(parts) == 1 else (parts[0], parts[1])
                if message not in seen:
                    seen.add(message)
                    yield message


def missing(lang: str) -> list[str | tuple[str, str]]:
    """The messages of the translated templates that the ``lang`` catalogue lacks or leaves empty."""
    from babel.messages.pofile import read_po

    from charterwatch.i18n import LOCALES_DIR

    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=lang)
    lacking: list[str | tuple[str, str]] = []
    for message in template_messages():
        entry = catalog.get(message if isinstance(message, str) else message[0])
        strings = entry.string if entry is not None else ""
        if not entry or not all(strings if isinstance(strings, tuple) else (strings,)):
            lacking.append(message)
    return lacking


if __name__ == "__main__":
    for code in ("ru", "kk"):
        for message in missing(code):
            print(code, repr(message))
