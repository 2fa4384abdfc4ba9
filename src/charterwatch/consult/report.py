"""The public report "what we heard and what changed": one context, rendered as Markdown or HTML.

Counts per status and per theme, and for each theme a few example proposals with the articles they target and
the words that changed toward them. Only a proposal's id, text and language are shown, never its contact or
source columns; texts are cut to ``EXCERPT`` characters.
"""

from __future__ import annotations

from typing import Any, Final

from charterwatch.consult.uptake import STATUSES, Uptake
from charterwatch.consult.uptake_run import UptakeResult

EXCERPT: Final = 300
EVIDENCE: Final = 8
LABELS: Final = {
    "reflected": "reflected",
    "partly": "partly reflected",
    "not_reflected": "not reflected",
    "unlinked": "no article found",
}
DEFINITIONS: Final = (
    "A proposal is *reflected* when the articles it speaks to changed toward it (the words it asks for were "
    "inserted, or the words it asks to remove were deleted), *partly* when only part of it moved, *not "
    "reflected* when those articles were left as they were or changed in other words, and *no article found* "
    "when it names no article and shares too few words with any."
)


def report_context(result: UptakeResult, *, title: str = "What we heard and what changed") -> dict[str, Any]:
    """The one dict both renderings serialise."""
    texts = {p.id: p for p in result.proposals}
    uptakes = {u.proposal_id: u for u in result.uptakes}
    themes = []
    for theme in result.themes:
        examples = [
            _example(texts[pid].text, texts[pid].language, uptakes[pid])
            for status in STATUSES
            for pid in theme.examples.get(status, [])
        ]
        themes.append({**theme.to_dict(), "examples": examples})
    return {
        "title": title,
        "old_ref": result.old_ref,
        "new_ref": result.new_ref,
        "method": result.method,
        "proposals": len(result.proposals),
        "counts": result.counts(),
        "labels": LABELS,
        "definitions": DEFINITIONS,
        "themes": themes,
    }


def _example(text: str, language: str, uptake: Uptake) -> dict[str, Any]:
    words: dict[str, None] = {}
    for word in uptake.evidence():
        words.setdefault(("+" if word.side == "inserted" else "−") + word.text, None)
    return {
        "id": uptake.proposal_id,
        "text": text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…",
        "language": language,
        "status": uptake.status,
        "confidence": uptake.confidence,
        "articles": [
            {"old": a.old, "new": a.new, "kind": a.kind, "status": a.status, "ref": a.link.ref}
            for a in uptake.articles
        ],
        "evidence": list(words)[:EVIDENCE],
    }


def render_markdown(context: dict[str, Any]) -> str:
    """The report as Markdown; table cells have their pipes escaped."""
    counts, labels = context["counts"], context["labels"]
    lines = [
        f"# {_md(context['title'])}",
        "",
        f"{context['proposals']} proposals on {context['old_ref']}, set against {context['new_ref']}.",
        "",
        context["definitions"],
        "",
        "| status | proposals |",
        "| --- | ---: |",
        *(f"| {labels[s]} | {counts[s]} |" for s in STATUSES),
        "",
        "## By theme",
        "",
        "| theme | proposals | " + " | ".join(labels[s] for s in STATUSES) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in STATUSES) + " |",
    ]
    for theme in context["themes"]:
        cells = " | ".join(str(theme["counts"][s]) for s in STATUSES)
        lines.append(f"| {_md(theme['label'])} | {theme['total']} | {cells} |")
    for theme in context["themes"]:
        lines += ["", f"## {_md(theme['label'])}", ""]
        for example in theme["examples"]:
            articles = ", ".join(_articles(a) for a in example["articles"]) or "—"
            lines.append(f"- **{labels[example['status']]}** ({articles}): {_md(example['text'])}")
            if example["evidence"]:
                lines.append(f"  - changed words: {_md(', '.join(example['evidence']))}")
    lines += ["", f"Method `{context['method']}`."]
    return "\n".join(lines) + "\n"


def _articles(article: dict[str, Any]) -> str:
    old = "+".join(article["old"]) or "—"
    new = "+".join(article["new"]) or "removed"
    return f"art. {old} → {new}"


def _md(text: str) -> str:
    """Text safe in a Markdown line or table cell: no HTML, no pipes, no line breaks."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return " ".join(escaped.split())
