"""JSON and Markdown renderings of a parsed text (Akoma Ntoso lives in ``akn.py``).

JSON is the lossless form: the tree with its spans and the source they point into, so a JSON file can stand in
for the original everywhere (a re-import gives back exactly the same tree). Markdown is the readable form for
people, and it is also an input: our readers strip its markup and the plain-text parser reads the result back
to the same tree. That is why headings use the label exactly as printed ("Статья 5", "5-бап") and every line
of text is written as it is in the tree, with only Markdown's own characters escaped.
"""

from __future__ import annotations

import json
import re
from typing import Any

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.tree import ParsedText, Provision

JSON_SCHEMA = "charterwatch.parsed-text"
JSON_SCHEMA_VERSION = 1

_MARKDOWN_LEVEL = {"section": "## ", "chapter": "### ", "article": "#### "}
_SPECIAL = re.compile(r"([\\*_])")
_LINE_START = re.compile(r"^(\s*)([#>])", re.MULTILINE)


def to_json(parsed: ParsedText) -> str:
    """The tree, its spans and its source text as JSON, tagged with a schema name and version."""
    data: dict[str, Any] = {"schema": JSON_SCHEMA, "schema_version": JSON_SCHEMA_VERSION}
    data.update(parsed.to_dict(with_source=True))
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def from_json(text: str, *, path: str = "<json>") -> ParsedText:
    """Read back :func:`to_json` output; anything else raises ``JSON_INVALID``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise CharterwatchError(E.JSON_INVALID, path=path, reason=f"{e.msg} at line {e.lineno}") from e
    if not isinstance(data, dict) or data.get("schema") != JSON_SCHEMA:
        raise CharterwatchError(E.JSON_INVALID, path=path, reason=f'no "schema": "{JSON_SCHEMA}" field')
    version = data.get("schema_version")
    if version != JSON_SCHEMA_VERSION:
        raise CharterwatchError(E.JSON_INVALID, path=path, reason=f"unsupported schema_version {version!r}")
    try:
        parsed = ParsedText.from_dict(data)
    except (KeyError, TypeError, ValueError) as e:
        raise CharterwatchError(E.JSON_INVALID, path=path, reason=f"bad tree: {e}") from e
    _check_spans(parsed, path=path)
    return parsed


def _check_spans(parsed: ParsedText, *, path: str) -> None:
    """Spans are promises about the source text; a file that breaks them would mislead every citation."""
    for node in parsed.walk():
        start, end = node.text_span
        if parsed.source_text[start:end] != node.text or not 0 <= start <= end:
            raise CharterwatchError(
                E.JSON_INVALID, path=path, reason=f"the text of {node.eid} is not at its span in source_text"
            )


def to_markdown(parsed: ParsedText, *, title: str | None = None) -> str:
    """Markdown that reads well and that ``read_source`` + ``parse_text`` read back to the same tree.

    ``title`` replaces the parsed title in the '# ' line. The parser recognises a title by the word
    "Constitution" (in the text's language), so a title without it comes back as a line of the preamble.
    """
    heading = title if title is not None else parsed.title
    blocks: list[str] = []
    if heading:
        blocks.append("# " + _escape(heading))
    for node in parsed.provisions:
        _render(node, blocks, parsed.source_text)
    return "\n\n".join(blocks) + "\n"


def _render(node: Provision, blocks: list[str], source: str) -> None:
    if node.kind == "note":
        blocks.append(_quote(node.text))
        return
    inline = [c for c in node.children if c.kind == "note" and _on_same_line(node, c, source)]
    prefix = _MARKDOWN_LEVEL.get(node.kind)
    words = node.text
    if prefix is not None:
        line = node.label or ""
        if node.heading and node.kind == "article":
            line = f"{line} {node.heading}" if line else node.heading
        blocks.append(prefix + _escape(line))
        if node.heading and node.kind != "article":
            blocks.append(_heading_line(node.heading))
    elif node.label:
        words = f"{node.label} {words}" if words else node.label
    if words:
        blocks.append(_escape(" ".join([words, *(c.text for c in inline)])))
    for child in node.children:
        if not any(child is c for c in inline):
            _render(child, blocks, source)


def _heading_line(heading: str) -> str:
    """A section or chapter title on the line after its number, in bold (plain text once the ** go)."""
    escaped = _escape(heading)
    return f"**{escaped}**" if escaped.strip() == escaped and "\n" not in escaped else escaped


def _on_same_line(node: Provision, note: Provision, source: str) -> bool:
    """Whether ``note`` was split off the end of ``node``'s own line (an editorial tail like "(В редакции ...)");
    written on a line of its own it could attach elsewhere."""
    end, start = node.text_span[1], note.span[0]
    return bool(node.text) and end <= start and source[end:start].strip(" \t") == ""


def _quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in _escape(text).split("\n"))


def _escape(text: str) -> str:
    """Backslash-escape what our Markdown reader would otherwise take as markup."""
    return _LINE_START.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", text))
