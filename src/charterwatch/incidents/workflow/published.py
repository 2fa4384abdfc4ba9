"""The publication date of an article, read one way for ingest, evaluation and the web.

Event dates are resolved against the publication date ("on Monday", "3 марта" without a year), so an input
without one loses most of its dates. The date is taken from the first of these that gives a whole day:

1. ``metadata``: the feed's or file's own date (a JSON line's ``"date"``, the HTML meta that
   :func:`html_metadata` reads with trafilatura);
2. a header at the top of the text: an address line and/or a date line (``https://...`` then ``2024-03-15``),
   as saved pages and clippings often start;
3. a ``date 2024-03-15`` prefix at the top of the body;
4. a date line at the top of the body ("Friday, 27 February 2026");
5. a date in the address path (``/2024/03/15/``, ``2024-03-15``), from the header or ``location``;
6. the dateline ("ALMATY, March 3 (Reuters) -", "АЛМАТЫ, 3 марта —"), its year from a header or prefix that
   gives only the month or year ("2024-03"), else from ``fallback``, when the dateline has none;
7. ``fallback`` (the ``--date`` a user gives).

The header's span is kept so that the extractor can read the text with those lines blanked out (the same
length, so evidence offsets still index the stored text).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from urllib.parse import unquote, urlsplit

from charterwatch.incidents.model import Precision

DateKind = Literal["metadata", "header", "prefix", "date_line", "address", "dateline", "fallback", "none"]

_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z]*)?")
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2}))?")  # a header or prefix that gives only the month or the year
_UNKNOWN = frozenset({"unknown", "n/a", "none", "-", "?", "неизвестно"})
_PREFIX = re.compile(
    r"[^\w\n]*(?:date|published|дата|опубликовано)\s*:?\s*(\d{4}-\d{2}(?:-\d{2})?)\b", re.IGNORECASE
)
_PATH_DATE = re.compile(r"(?<!\d)(\d{4})([/_-])(\d{1,2})\2(\d{1,2})(?!\d)")
_MONTH = r"[A-Za-zА-Яа-яЁё]{3,10}\.?"
_DATELINE = re.compile(
    r"^[ \t]*\(?(?P<city>[A-ZА-ЯЁ][A-ZА-ЯЁ.'’ -]{2,30}),[ \t]*(?:[A-ZА-ЯЁ][\w.-]+,[ \t]*)?"
    rf"(?P<date>{_MONTH}[ \t]+\d{{1,2}}(?:,?[ \t]+\d{{4}})?|\d{{1,2}}[ \t]+{_MONTH}(?:[ \t]+\d{{4}})?)"
    r"[ \t]*(?:\((?:[^()\n]{1,30})\))?[ \t]*(?:\)|[-—–]{1,2})",
    re.MULTILINE,
)
_PRECISION: dict[int, Precision] = {4: "year", 7: "month", 10: "day"}
_TOP_LINES = 5  # lines of the body read for a prefix, a date line or a dateline
_DATE_LINE_MAX = 40


@dataclass(frozen=True)
class Header:
    """The address and date lines at the top of a text; ``end`` is where the body starts (0: no header)."""

    address: str | None = None
    date_text: str | None = None
    date_span: tuple[int, int] | None = None
    end: int = 0

    @property
    def publisher(self) -> str | None:
        """The address's host without ``www.`` ("rferl.org"), as the source's publisher."""
        if self.address is None:
            return None
        host = urlsplit(self.address if "//" in self.address else f"//{self.address}").hostname or ""
        return host.removeprefix("www.") or None


@dataclass(frozen=True)
class PublishedDate:
    """An ISO date or None, where it was read (``source_kind``) and its span in the text, if it was there.

    ``value`` is a day, except when the text tells only a month or a year ("2024-03") and no other cue nor
    ``fallback`` gives a day; :attr:`day` is then None, as the event-date resolvers need a whole day.
    """

    value: str | None
    source_kind: DateKind
    span: tuple[int, int] | None = None

    @property
    def precision(self) -> Precision | None:
        return None if self.value is None else _PRECISION[len(self.value)]

    @property
    def day(self) -> str | None:
        return self.value if self.precision == "day" else None


def read_header(text: str) -> Header:
    """The leading address line and/or date line (ISO, or a placeholder such as ``unknown`` next to an address).

    Blank lines before and after belong to the header; any other first line means there is none.
    """
    address: str | None = None
    date_text: str | None = None
    date_span: tuple[int, int] | None = None
    placeholder = False
    end = position = 0
    for line in text.splitlines(keepends=True):
        start, position = position, position + len(line)
        content = line.strip()
        if not content:
            if address or date_text or placeholder:
                end = position
            continue
        lead = start + len(line) - len(line.lstrip())
        if address is None and _ADDRESS.fullmatch(content):
            address = content
        elif (
            date_text is None and not placeholder and (_ISO.fullmatch(content) or _PARTIAL.fullmatch(content))
        ):
            date_text, date_span = content, (lead, lead + len(content))
        elif not placeholder and date_text is None and content.lower() in _UNKNOWN and address:
            placeholder = True
        else:
            break
        end = position
    if placeholder and not address:
        return Header()
    return Header(address, date_text, date_span, end)


def publication_date(
    text: str,
    *,
    location: str | None = None,
    metadata: Mapping[str, object] | None = None,
    fallback: str | None = None,
) -> PublishedDate:
    """The publication date of ``text`` by the order of the module docstring (``fallback`` last)."""
    found = _iso_day((metadata or {}).get("date"))
    if found:
        return PublishedDate(found, "metadata")
    header = read_header(text)
    partial: PublishedDate | None = None
    if header.date_text and header.date_span:
        if found := _iso_day(header.date_text):
            return PublishedDate(found, "header", header.date_span)
        partial = _partial(header.date_text, "header", header.date_span)
    body = header.end + len(text[header.end :]) - len(text[header.end :].lstrip())
    top = _top_lines(text, body)
    prefix = _PREFIX.match(text, body)
    if prefix:
        if found := _iso_day(prefix.group(1)):
            return PublishedDate(found, "prefix", prefix.span(1))
        partial = partial or _partial(prefix.group(1), "prefix", prefix.span(1))
    for start, line in top:
        if (found := _date_line(line)) is not None:
            return PublishedDate(found, "date_line", (start, start + len(line)))
    for address in (header.address, location):
        if address and (found := _address_date(address)):
            return PublishedDate(found, "address")
    for start, line in top:
        if (dateline := _DATELINE.match(line)) and (
            found := _dateline_date(dateline.group("date"), partial, fallback)
        ):
            return PublishedDate(
                found, "dateline", (start + dateline.start("date"), start + dateline.end("date"))
            )
    found = _iso_day(fallback)
    if found:
        return PublishedDate(found, "fallback")
    return partial or PublishedDate(None, "none")


def html_metadata(html: str, *, url: str | None = None) -> dict[str, str]:
    """The page's date, address, site name and title as trafilatura reads them (meta tags, JSON-LD, URL)."""
    from trafilatura import extract_metadata

    metadata = extract_metadata(html, default_url=url)
    if metadata is None:
        return {}
    fields = {
        "date": metadata.date,
        "url": metadata.url,
        "sitename": metadata.sitename,
        "title": metadata.title,
    }
    return {name: value for name, value in fields.items() if isinstance(value, str) and value}


def blank_header(text: str, header: Header) -> str:
    """``text`` with the header lines turned to spaces (newlines kept): the same length, the same offsets."""
    if not header.end:
        return text
    return re.sub(r"[^\n]", " ", text[: header.end]) + text[header.end :]


def _top_lines(text: str, start: int) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    position = start
    for line in text[start:].splitlines(keepends=True):
        if line.strip():
            lines.append((position, line.rstrip("\r\n")))
        position += len(line)
        if len(lines) == _TOP_LINES:
            break
    return lines


def _date_line(line: str) -> str | None:
    """A short line that is nothing but a date with its year ("Пятница, 27 Февраля 2026", "15.03.2024")."""
    content = line.strip()
    if len(content) > _DATE_LINE_MAX or not re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", content):
        return None
    return _parse(content, require_year=True)


def _address_date(address: str) -> str | None:
    path = unquote(urlsplit(address if "//" in address else f"//{address}").path)
    for match in _PATH_DATE.finditer(path):
        found = _valid(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        if found:
            return found
    return None


def _dateline_date(phrase: str, partial: PublishedDate | None, fallback: str | None) -> str | None:
    if re.search(r"\d{4}", phrase):
        found = _parse(phrase, require_year=True)
    elif partial is not None and partial.value is not None:  # the last day of the month or year told
        year, _, month = partial.value.partition("-")
        last = date(int(year) + 1, 1, 1) if not month or month == "12" else date(int(year), int(month) + 1, 1)
        found = _parse(phrase, require_year=False, base=last - timedelta(days=1))
    elif (base := _iso_day(fallback)) is not None:
        found = _parse(phrase, require_year=False, base=date.fromisoformat(base))
    else:
        return None  # "March 3" with no year anywhere: no day can be told
    if found and partial is not None and partial.value and not found.startswith(partial.value):
        return None  # a dateline that disagrees with the header is not the publication's
    return found


def _parse(phrase: str, *, require_year: bool, base: date | None = None) -> str | None:
    import dateparser

    parts = ["day", "month", "year"] if require_year else ["day", "month"]
    settings: dict[str, object] = {"REQUIRE_PARTS": parts, "PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        parsed = dateparser.parse(phrase, languages=["en", "ru"], settings=settings)
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed is not None else None


def _partial(value: str, kind: DateKind, span: tuple[int, int]) -> PublishedDate | None:
    match = _PARTIAL.fullmatch(value)
    if not match or not 1900 <= int(match.group(1)) <= 2100:
        return None
    if match.group(2) and not 1 <= int(match.group(2)) <= 12:
        return None
    return PublishedDate(match.group(0), kind, span)


def _iso_day(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _ISO.match(value.strip())
    return _valid(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def _valid(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
