"""The public report as one self-contained HTML file: inline CSS, no scripts, fonts or links out; every
piece of text escaped, since proposals are written by anyone."""

from __future__ import annotations

from html import escape
from typing import Any, Final

from charterwatch.consult.uptake import STATUSES

_CSS: Final = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
td.n{text-align:right}.reflected{color:#17612e}.partly{color:#8a5a00}.not_reflected{color:#a11}
.unlinked{color:#555}li{margin:.5rem 0}.ev{font-size:.9em;color:#444}
"""


def render_html(context: dict[str, Any]) -> str:
    """The report as HTML; the same context as ``render_markdown``."""
    labels, counts = context["labels"], context["counts"]
    head = "".join(f"<th>{escape(labels[s])}</th>" for s in STATUSES)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(context['title'])}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(context['title'])}</h1>",
        f"<p>{context['proposals']} proposals on {escape(context['old_ref'])}, set against "
        f"{escape(context['new_ref'])}.</p>",
        f"<p>{escape(context['definitions']).replace('*', '')}</p>",
        "<table><tr><th>status</th><th>proposals</th></tr>",
        *(
            f'<tr><td class="{s}">{escape(labels[s])}</td><td class="n">{counts[s]}</td></tr>'
            for s in STATUSES
        ),
        "</table><h2>By theme</h2>",
        f"<table><tr><th>theme</th><th>proposals</th>{head}</tr>",
    ]
    for k, theme in enumerate(context["themes"]):
        cells = "".join(f'<td class="n">{theme["counts"][s]}</td>' for s in STATUSES)
        parts.append(
            f'<tr><td><a href="#theme-{k}">{escape(theme["label"])}</a></td>'
            f'<td class="n">{theme["total"]}</td>{cells}</tr>'
        )
    parts.append("</table>")
    for k, theme in enumerate(context["themes"]):
        parts.append(f'<h2 id="theme-{k}">{escape(theme["label"])}</h2><ul>')
        for example in theme["examples"]:
            parts.append(_example(example, labels))
        parts.append("</ul>")
    parts.append(f"<p>Method <code>{escape(context['method'])}</code>.</p></body></html>")
    return "\n".join(parts) + "\n"


def _example(example: dict[str, Any], labels: dict[str, str]) -> str:
    articles = ", ".join(
        f"art. {escape('+'.join(a['old']) or '—')} → {escape('+'.join(a['new']) or 'removed')}"
        for a in example["articles"]
    )
    evidence = ", ".join(escape(word) for word in example["evidence"])
    line = (
        f'<li><strong class="{escape(example["status"])}">{escape(labels[example["status"]])}</strong>'
        f' ({articles or "—"}): <q lang="{escape(example["language"])}">{escape(example["text"])}</q>'
    )
    if evidence:
        line += f'<div class="ev">changed words: {evidence}</div>'
    return line + "</li>"
