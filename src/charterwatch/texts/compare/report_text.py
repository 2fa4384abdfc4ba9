"""The text report, for the terminal (Rich): the summary the demo prints too, then sections, map and pairs."""

from __future__ import annotations

import io
from typing import Final

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from charterwatch.texts.compare.model import Comparison
from charterwatch.texts.compare.report import (
    ARTICLES_DEFINITION,
    AXES_COLUMNS,
    HEADLINE,
    HEADLINE_DEFINITION,
    KIND_COLUMNS,
    TEXT_COLUMNS,
    axes_rows,
    is_changed,
    kind_label,
    kind_rows,
    pair_label,
    renumbered,
    section_rows,
    sources_label,
    summary_rows,
    text_rows,
)

TEXT_WIDTH: Final = 120
MAP_COLUMNS: Final = 4


def summary_report(comparison: Comparison, *, map_rows: int | None = None) -> Group:
    """The headline figure with its definition, the counts by kind and the renumbering map.

    ``map_rows`` keeps only the first rows of the map (of ``MAP_COLUMNS`` entries each), for a short summary.
    """
    summary = Table.grid(padding=(0, 2))
    for label, value in summary_rows(comparison.stats):
        summary.add_row(Text(label, style="bold"), value)
    kinds = Table(*KIND_COLUMNS, title="Articles by kind", title_justify="left")
    for row in kind_rows(comparison.stats):
        kinds.add_row(row.kind, str(row.pairs), row.old, row.new)
    axes = Table(*AXES_COLUMNS, title="Pairs by position and wording", title_justify="left")
    for cells in axes_rows(comparison.stats):
        axes.add_row(*cells)
    wording = Table(*TEXT_COLUMNS, title="Articles by wording", title_justify="left")
    for cells in text_rows(comparison.stats):
        wording.add_row(*cells)
    return Group(
        Text(f"{comparison.old_ref} → {comparison.new_ref}", style="bold"),
        summary,
        Text(f"{HEADLINE}: {HEADLINE_DEFINITION}.", style="dim"),
        Text(f"Articles changed: {ARTICLES_DEFINITION}.", style="dim"),
        kinds,
        axes,
        wording,
        _numbering_table(renumbered(comparison), rows=map_rows),
    )


def text_report(comparison: Comparison) -> Group:
    """The summary, then the figures by section and every pair that is not ``same``."""
    parts: list[RenderableType] = [summary_report(comparison)]
    if comparison.sections:
        sections = Table("section", "articles", "changed words", "deleted", "inserted", title="By section")
        sections.title_justify = "left"
        for cells in section_rows(comparison):
            sections.add_row(*cells)
        parts.append(sections)
    changed = [pair for pair in comparison.pairs if is_changed(pair)]
    if changed:
        table = Table("new", "old", "kind", "similarity", "−words", "+words", title="Changed articles")
        table.title_justify = "left"
        for pair in changed:
            table.add_row(
                pair_label(pair.new),
                sources_label(pair),
                kind_label(pair),
                f"{pair.similarity:.2f}",
                str(pair.words_deleted),
                str(pair.words_inserted),
            )
        parts.append(table)
    else:
        parts.append(Text("No article changed."))
    parts.append(Text(f"method {comparison.method}", style="dim"))
    return Group(*parts)


def _numbering_table(moves: list[tuple[str, str]], *, rows: int | None) -> RenderableType:
    if not moves:
        return Text("Renumbering map: every old article kept its number.")
    shown = moves if rows is None else moves[: rows * MAP_COLUMNS]
    counted = f"{len(shown)} of {len(moves)}" if len(shown) < len(moves) else f"{len(moves)}"
    table = Table(title=f"Renumbering map: {counted} old articles", title_justify="left")
    for _ in range(MAP_COLUMNS):
        table.add_column("old → new")
    for start in range(0, len(shown), MAP_COLUMNS):
        chunk = [f"{old} → {new}" for old, new in shown[start : start + MAP_COLUMNS]]
        table.add_row(*chunk, *[""] * (MAP_COLUMNS - len(chunk)))
    return table


def to_text(comparison: Comparison, *, width: int = TEXT_WIDTH) -> str:
    """The text report without colours, for a file."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False).print(text_report(comparison))
    return buffer.getvalue()
