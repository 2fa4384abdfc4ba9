"""A self-contained HTML report that reads like a lawyer's comparison table.

One file, no scripts, no external assets, so it can be mailed, archived and opened offline. On top the
headline figure with its definition, the counts and the renumbering map; below, one row per aligned pair:
new article | old article(s) | kind | redline. A checkbox switches the redline to old and new side by side (the
redline's second copy, deletions hidden in one and insertions in the other) and another hides unchanged
articles, with CSS only. All text is escaped; rows have ids (``art-23``) to link to.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Final

from charterwatch.texts.compare.model import AlignedPair, Comparison, RedlineOp
from charterwatch.texts.compare.report import (
    ARTICLES_DEFINITION,
    AXES_COLUMNS,
    HEADLINE,
    HEADLINE_DEFINITION,
    KIND_COLUMNS,
    TEXT_COLUMNS,
    anchor,
    axes_rows,
    kind_label,
    kind_rows,
    pair_label,
    percent,
    renumbered,
    section_rows,
    sources_label,
    summary_rows,
    text_rows,
)

_TAGS: Final = {"insert": "ins", "delete": "del"}
CSS: Final = """
body{font:15px/1.45 Georgia,"Times New Roman",serif;margin:2rem auto;max-width:78rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.2rem;margin:2rem 0 .5rem}
.meta,.definition{color:#555;font-size:.9rem}
.headline{font-size:2.6rem;font-weight:bold;margin:.8rem 0 0}
.figures{display:flex;flex-wrap:wrap;gap:1.5rem 3rem;align-items:flex-start}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f3f0}td.n{text-align:right;font-variant-numeric:tabular-nums}
.renumbering{display:flex;flex-wrap:wrap;gap:.2rem .6rem;padding:0;list-style:none;font-size:.9rem}
.renumbering li{border:1px solid #ddd;padding:.1rem .4rem;white-space:nowrap}
.renumbering .removed{color:#a40000}
.pairs{width:100%;margin-top:.6rem}.pairs td.num{white-space:nowrap;font-weight:bold}
.pairs td.text{white-space:pre-wrap;width:70%}.pairs td.side{white-space:pre-wrap;width:35%}
.side del,.old-label{display:none}
.kind{font-size:.85rem;white-space:nowrap}.sim{color:#777;font-size:.8rem}
tr.k-same .kind{color:#777}tr.k-new .kind{color:#0a5d00}tr.k-removed .kind{color:#a40000}
ins{color:#0a5d00;background:#e6f4e3;text-decoration:underline}
del{color:#a40000;background:#fbe9e9;text-decoration:line-through}
.toggles label{margin-right:1.5rem;cursor:pointer}
.side{display:none}
#side-by-side:checked~table .side{display:table-cell}
#side-by-side:checked~table .inline,#side-by-side:checked~table td.text ins{display:none}
#side-by-side:checked~table .old-label{display:inline}#side-by-side:checked~table td.text{width:35%}
#changed-only:checked~table tr.k-same{display:none}
:target{outline:2px solid #e0a800}
@media print{.toggles,input{display:none}body{margin:0;max-width:none}}
"""


def to_html(comparison: Comparison) -> str:
    """The whole report as one HTML document."""
    title = f"{comparison.old_ref} → {comparison.new_ref}"
    parts = [
        "<!doctype html>",
        '<html><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}: comparison</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Comparison of {escape(comparison.old_ref)} (old) with {escape(comparison.new_ref)} '
        f"(new) by charterwatch, method <code>{escape(comparison.method)}</code>.</p>",
        _summary(comparison),
        _renumbering(comparison),
        _pairs(comparison),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(comparison: Comparison) -> str:
    stats = comparison.stats
    figures = "".join(
        f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"
        for label, value in summary_rows(stats)[1:]
    )
    out = [
        '<section id="summary"><h2>Summary</h2>',
        f'<p class="headline">{escape(percent(stats.changed_word_share))}</p>',
        f'<p class="definition"><strong>{escape(HEADLINE)}</strong>: {escape(HEADLINE_DEFINITION)}.</p>',
        f'<p class="definition"><strong>Articles changed</strong>: {escape(ARTICLES_DEFINITION)}.</p>',
        '<div class="figures">',
        f"<table>{figures}</table>",
        _table(KIND_COLUMNS, [tuple(str(cell) for cell in row) for row in kind_rows(stats)]),
        _table(AXES_COLUMNS, axes_rows(stats)),
        _table(TEXT_COLUMNS, text_rows(stats)),
        "</div>",
    ]
    if comparison.sections:
        columns = ("section", "articles (old → new)", "changed words", "deleted", "inserted")
        out.append('<h2 id="sections">By section</h2>')
        out.append(_table(columns, section_rows(comparison), numbers_from=2))
    out.append("</section>")
    return "\n".join(out)


def _table(columns: Sequence[str], rows: Sequence[Sequence[str]], *, numbers_from: int = 1) -> str:
    """A table of escaped cells; cells from ``numbers_from`` on are right-aligned figures."""
    head = "".join(f"<th>{escape(column)}</th>" for column in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if i >= numbers_from else ''}>{escape(cell)}</td>" for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _renumbering(comparison: Comparison) -> str:
    moves = renumbered(comparison)
    items = "".join(
        f"<li{' class=removed' if new == '—' else ''}>{escape(old)} → {escape(new)}</li>"
        for old, new in moves
    )
    return (
        '<section id="renumbering"><h2>Renumbering map</h2>'
        f'<p class="definition">Old article number → new number, for the {len(moves)} old articles whose '
        "number changed (— : removed). Articles that kept their number are not listed.</p>"
        f'<ul class="renumbering">{items}</ul></section>'
    )


def _pairs(comparison: Comparison) -> str:
    head = (
        "<thead><tr><th>New article</th><th>Old article(s)</th><th>Kind</th>"
        '<th><span class="inline">Redline</span><span class="old-label">Old text</span></th>'
        '<th class="side">New text</th>'
        "</tr></thead>"
    )
    rows = "\n".join(_row(pair) for pair in comparison.pairs)
    return (
        '<section id="articles"><h2>Articles</h2>'
        '<input type="checkbox" id="side-by-side"><label for="side-by-side" class="toggles">Side by side</label> '
        '<input type="checkbox" id="changed-only"><label for="changed-only" class="toggles">Changed articles only'
        "</label>"
        f'<table class="pairs">{head}<tbody>\n{rows}\n</tbody></table></section>'
    )


def _row(pair: AlignedPair) -> str:
    """One article's row; its redline twice, the second copy shown side by side with deletions hidden by CSS."""
    kind = escape(pair.kind)
    redline = redline_html(pair.redline)
    return (
        f'<tr id="{escape(anchor(pair))}" class="k-{kind}">'
        f'<td class="num">{escape(pair_label(pair.new))}</td>'
        f'<td class="num">{escape(sources_label(pair))}</td>'
        f'<td><span class="kind">{escape(kind_label(pair))}</span><br>'
        f'<span class="sim">similarity {pair.similarity:.2f}</span></td>'
        f'<td class="text">{redline}</td><td class="side">{redline}</td>'
        "</tr>"
    )


def redline_html(ops: list[RedlineOp]) -> str:
    """The redline as escaped HTML: inserted words in ``<ins>``, deleted ones in ``<del>``."""
    out: list[str] = []
    for op in ops:
        text = escape(op.text)
        tag = _TAGS.get(op.op)
        out.append(f"<{tag}>{text}</{tag}>" if tag else text)
    return "".join(out)
