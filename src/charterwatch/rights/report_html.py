"""A self-contained HTML report of an audit or a review: inline CSS, every text escaped, anchors per article.

The same sections as the Markdown report, from the same helpers (``rights.report``): summary, findings by right,
safeguards, changes since the older version, the seed articles' concerns. Each ICCPR right has an anchor
(``#iccpr-19``), each constitution article one in the index of articles (``#art-23``), and each clause its
own (``#iccpr-19-c3``), so an opinion can link to the exact finding.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from charterwatch.rights.audit import Audit
from charterwatch.rights.concerns import Observation
from charterwatch.rights.delta_model import ChangeKind, Passage, RightsDelta
from charterwatch.rights.model import Clause
from charterwatch.rights.report import (
    STATUS_TEXT,
    clauses_by_right,
    concern_lines,
    delta_lines,
    findings_of,
    ground_rows,
    observation_side,
    passage_place,
    place,
    right_anchor,
    right_title,
    safeguard_standard,
    safeguard_words,
    short,
    summary_lines,
    test_words,
    verdict_under,
)
from charterwatch.rights.service import Review
from charterwatch.rights.standards import Standards, load_standards

_CSS = """
body{font:15px/1.5 Georgia,serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1d1d1d}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif;line-height:1.25}
h2{border-bottom:2px solid #444;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.2rem;font-size:13px}
th,td{border:1px solid #bbb;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#eee;font-family:Helvetica,Arial,sans-serif}
blockquote{margin:.4rem 0 .6rem;padding:.3rem .8rem;border-left:4px solid #888;background:#f6f6f6}
.clause{margin:1rem 0 1.6rem}
.where{font-weight:bold}
.meta{color:#555;font-size:13px}
.not_permitted,.no,.st-not_supported{color:#a00000;font-weight:bold}
.conditional,.st-partly{color:#8a5a00}
.permitted,.yes,.st-supported{color:#1d6b2a}
.st-not_found{color:#555;font-style:italic}
nav a{margin-right:.6rem}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def render_html(result: Audit | Review, *, title: str | None = None) -> str:
    """An audit or a review as one HTML page with no outside resources."""
    review = (
        result if isinstance(result, Review) else Review(title or result.version or "constitution", result)
    )
    standards = load_standards()
    head = f"Rights audit: {title or review.title}"
    body = [f"<h1>{_e(head)}</h1>", _intro(review), _summary(review), _nav(review)]
    anchors: dict[str, list[tuple[str, str]]] = defaultdict(list)  # article -> (anchor, label)
    body.append(_findings(standards, review.audit, anchors))
    body.append(_articles(anchors))
    body.append(_safeguards(standards, review.audit))
    if review.delta is not None:
        body.append(_delta(standards, review.delta))
    if review.concerns:
        body.append(_concerns(review))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(head)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _intro(review: Review) -> str:
    text = (
        f"Rules: {', '.join(review.audit.rules)}. Standard: the ICCPR as read by the Human Rights Committee."
    )
    if review.delta is not None:
        text += f" Compared with {review.delta.old_ref} over the article alignment {review.delta.method}."
    return f'<p class="meta">{_e(text)}</p>'


def _summary(review: Review) -> str:
    points = summary_lines(review.audit)
    if review.delta is not None:
        points.append(f"Against {review.delta.old_ref}: " + " ".join(delta_lines(review.delta)))
    points += concern_lines(review.concerns)
    items = "".join(f"<li>{_e(p)}</li>" for p in points)
    return f'<h2 id="summary">Summary</h2>\n<ul>{items}</ul>'


def _nav(review: Review) -> str:
    links = [
        f'<a href="#{right_anchor(right)}">{_e("all rights" if right == "*" else "art. " + right)}</a>'
        for right, _ in clauses_by_right(review.audit)
    ]
    sections = [("articles", "Articles"), ("safeguards", "Safeguards")]
    if review.delta is not None:
        sections.append(("changes", "Changes"))
    if review.concerns:
        sections.append(("concerns", "Concerns"))
    links += [f'<a href="#{anchor}">{label}</a>' for anchor, label in sections]
    return f"<nav>ICCPR rights: {' '.join(links)}</nav>"


def _findings(standards: Standards, result: Audit, anchors: dict[str, list[tuple[str, str]]]) -> str:
    parts = ['<h2 id="findings">Findings by right</h2>']
    for right, clauses in clauses_by_right(result):
        parts.append(f'<h3 id="{right_anchor(right)}">{_e(right_title(standards, right))}</h3>')
        for number, clause in enumerate(clauses, start=1):
            anchor = f"{right_anchor(right)}-c{number}"
            label = "all rights" if right == "*" else f"ICCPR art. {right}"
            anchors[clause.location.article or "—"].append((anchor, label))
            parts.append(_clause(standards, clause, right, anchor))
    return "\n".join(parts)


def _clause(standards: Standards, clause: Clause, right: str, anchor: str) -> str:
    rows = "".join(
        f"<tr><td>{_e(b.ground)}</td><td>{_e(f.evidence.quote)}</td>"
        f'<td class="{b.verdict}">{_e(verdict_under(b))}</td><td>{_e(b.why)}</td>'
        f"<td>{_e(b.cited())}</td></tr>"
        for f, b in findings_of(clause, right)
    )
    return (
        f'<div class="clause" id="{anchor}"><p><span class="where">{_e(place(clause.location))}</span> '
        f'<span class="meta">({_e(clause.kind)}; test words: {_e(test_words(clause))}; '
        f"{_e(clause.location.eid)}, characters {clause.evidence.start}–{clause.evidence.end})</span></p>"
        f"<blockquote>{_e(clause.evidence.quote)}</blockquote>"
        "<table><tr><th>ground</th><th>words</th><th>verdict</th><th>why</th><th>rests on</th></tr>"
        f"{rows}</table></div>"
    )


def _articles(anchors: dict[str, list[tuple[str, str]]]) -> str:
    def order(article: str) -> tuple[int, str]:
        digits = "".join(ch for ch in article.split("-")[0].split(".")[0] if ch.isdigit())
        return (int(digits) if digits else 10**6, article)

    rows = "".join(
        f'<tr id="art-{_e(article)}"><td>Art. {_e(article)}</td><td>'
        + ", ".join(f'<a href="#{a}">{_e(label)}</a>' for a, label in links)
        + "</td></tr>"
        for article, links in sorted(anchors.items(), key=lambda item: order(item[0]))
    )
    return (
        '<h2 id="articles">Articles with limitation clauses</h2>\n'
        f"<table><tr><th>article</th><th>findings</th></tr>{rows}</table>"
    )


def _safeguards(standards: Standards, result: Audit) -> str:
    rows = "".join(
        f'<tr><td>{_e(s.label)}</td><td class="{"yes" if s.present else "no"}">{"yes" if s.present else "no"}</td>'
        f"<td>{_e(place(s.location))}</td><td>{_e(safeguard_words(s))}</td>"
        f"<td>{_e(safeguard_standard(standards, s))}</td></tr>"
        for s in result.safeguards
    )
    return (
        '<h2 id="safeguards">Safeguards</h2>\n<table><tr><th>safeguard</th><th>present</th><th>where</th>'
        f"<th>words</th><th>standard</th></tr>{rows}</table>"
    )


def _side(words: Passage | None, context: Passage | None) -> str:
    if words is not None:
        return f"{_e(passage_place(words))}: «{_e(short(words.quote))}»"
    if context is not None:
        return (
            f'<span class="meta">— there: {_e(passage_place(context))}:</span> «{_e(short(context.quote))}»'
        )
    return "—"


def _delta(standards: Standards, changes: RightsDelta) -> str:
    parts = [f'<h2 id="changes">Changes since {_e(changes.old_ref)}</h2>']
    two_sided: tuple[tuple[str, tuple[ChangeKind, ...], str], ...] = (
        ("Safeguards", ("safeguard_removed", "safeguard_added", "safeguard_changed"), "safeguard"),
        ("Rights dropped or added", ("right_dropped", "right_added"), "right"),
    )
    for heading, kinds, what in two_sided:
        found = changes.of_kind(*kinds)
        if found:
            rows = "".join(
                f"<tr><td>{_e(c.label)}</td><td>{_e(c.kind.split('_', 1)[1])}: {_e(c.detail)}</td>"
                f"<td>{_side(c.old, c.old_clause)}</td><td>{_side(c.new, c.new_clause)}</td></tr>"
                for c in found
            )
            parts.append(
                f"<h3>{heading}</h3><table><tr><th>{what}</th><th>change</th>"
                f"<th>{_e(changes.old_ref)}</th><th>{_e(changes.new_ref)}</th></tr>{rows}</table>"
            )
    grounds: tuple[tuple[ChangeKind, str, str], ...] = (
        ("ground_added", "Grounds added", "old text there"),
        ("ground_removed", "Grounds removed", "new text there"),
    )
    for kind, heading, other in grounds:
        ground_table = ground_rows(changes, kind)
        if ground_table:
            rows = "".join(
                f"<tr><td>{_e(r.right)}</td><td>{_e(r.ground)}</td><td>{_e(r.verdict)}</td><td>{_e(r.words)}</td>"
                f"<td>{_e(r.where)}</td><td>{_e(r.other)}</td></tr>"
                for r in ground_table
            )
            parts.append(
                f"<h3>{heading}</h3><table><tr><th>right</th><th>ground</th><th>verdict</th><th>words</th>"
                f"<th>where</th><th>{other}</th></tr>{rows}</table>"
            )
    limits = changes.of_kind("limitation_broadened", "limitation_narrowed", "limitation_changed")
    if limits:
        parts.append("<h3>Limitations broadened or narrowed</h3>")
        for change in limits:
            quotes = "".join(
                f"<blockquote><b>{_e(ref)}, {_e(passage_place(p))}</b>: {_e(short(p.quote, 600))}</blockquote>"
                for ref, p in ((changes.old_ref, change.old_clause), (changes.new_ref, change.new_clause))
                if p is not None
            )
            parts.append(
                f"<p><b>{_e(right_title(standards, change.right))}</b>: {_e(change.kind.split('_', 1)[1])}. "
                f"{_e(change.detail)}</p>{quotes}"
            )
    return "\n".join(parts)


def _concerns(review: Review) -> str:
    if review.delta is None:
        return ""
    parts = [
        '<h2 id="concerns">Concerns raised by the seed articles</h2>',
        f"<p>Each claim is checked on both texts: {_e(review.delta.new_ref)} (new) and "
        f"{_e(review.delta.old_ref)} (old).</p>",
    ]
    for concern in review.concerns:
        rows = "".join(_observation_row(o) for o in concern.observations)
        parts.append(
            f'<h3 id="concern-{_e(concern.id)}">{_e(concern.summary)}</h3>'
            f'<p><span class="st-{concern.status}">{_e(STATUS_TEXT[concern.status])}</span>. '
            f"Raised by: {_e('; '.join(concern.sources))}.</p>"
            f"<table><tr><th>test</th><th>finding</th><th>{_e(review.delta.new_ref)}</th>"
            f"<th>{_e(review.delta.old_ref)}</th></tr>{rows}</table>"
        )
    return "\n".join(parts)


def _observation_row(observation: Observation) -> str:
    return (
        f"<tr><td>{_e(observation.test)}</td>"
        f'<td class="st-{observation.status}">{_e(STATUS_TEXT[observation.status])}</td>'
        f"<td>{_e(observation_side(observation.new, observation.new_context))}</td>"
        f"<td>{_e(observation_side(observation.old, observation.old_context))}</td></tr>"
    )
