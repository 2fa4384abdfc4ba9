"""The interface in Russian, Kazakh and English: gettext catalogues (Babel), the language of each request.

Catalogues are ``locales/<lang>/LC_MESSAGES/messages.po``, written by the team and compiled in memory at first
use (Babel), so the package ships text files only. The language of a request is, first, the one asked for in
the page's switch (``?lang=``, then kept in the ``charterwatch_lang`` cookie), then the browser's
Accept-Language, then English. ``current`` holds it while a page renders, so templates call ``_()`` without
passing it around; every message falls back to its English original when a catalogue lacks it.
"""

from __future__ import annotations

import io
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Final

from babel.core import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LANGUAGES: Final = ("en", "ru", "kk")
DEFAULT: Final = "en"
COOKIE: Final = "charterwatch_lang"
LOCALES_DIR: Final = Path(__file__).resolve().parent / "locales"
NAMES: Final = {"en": "English", "ru": "Русский", "kk": "Қазақша"}

current: ContextVar[str] = ContextVar("charterwatch_language", default=DEFAULT)


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue of ``lang`` (English: none, the messages are English)."""
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if lang == DEFAULT or not path.is_file():
        return NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def gettext(message: str) -> str:
    return translations(current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current.get()).ngettext(singular, plural, n)


def negotiate(*, asked: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The language of a request: the switch, then the cookie, then Accept-Language, then English."""
    for choice in (asked, cookie):
        if choice in LANGUAGES:
            return choice
    if accept_language:
        wanted = [part.split(";")[0].strip().replace("-", "_") for part in accept_language.split(",")]
        found = negotiate_locale([w for w in wanted if w], list(LANGUAGES), sep="_")
        if found:
            return found.split("_")[0]
    return DEFAULT


def format_number(value: int | float, lang: str | None = None) -> str:
    """A number as the language writes it (Russian and Kazakh group thousands with a space)."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=Locale.parse(lang or current.get())))


def format_date(value: object, lang: str | None = None) -> str:
    """A date in the language's medium format ("8 дек. 2026 г.", "Dec 8, 2026")."""
    import datetime as dt

    from babel.dates import format_date as babel_format_date

    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if not isinstance(value, dt.date):
        return str(value)
    return str(babel_format_date(value, format="medium", locale=Locale.parse(lang or current.get())))
