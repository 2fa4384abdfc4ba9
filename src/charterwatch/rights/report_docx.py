"""A Word (DOCX) report of an audit or a review, for experts who edit their opinion in a word processor.

The same sections and wording as the Markdown and HTML reports (``rights.report`` helpers): summary, findings
by right with the clause quoted, safeguards, changes since the older version, the seed articles' concerns.
``render_docx(result)`` returns the file's bytes.
"""

from __future__ import annotations

import io
import re
from typing import Any

from docx import Document

from charterwatch.rights.audit import Audit
from charterwatch.rights.delta_model import ChangeKind, Passage, RightsDelta
from charterwatch.rights.report import (
    STATUS_TEXT,
    VERDICT_TEXT,
    clauses_by_right,
    concern_lines,
    delta_lines,
    ground_rows,
    observation_side,
    passage_place,
    place,
    right_title,
    safeguard_standard,
    safeguard_words,
    short,
    standard,
    summary_lines,
    test_words,
)
from charterwatch.rights.service import Review
from charterwatch.rights.standards import Standards, load_standards

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters a DOCX cannot hold


def _t(text: str) -> str:
    return _NOT_XML.sub(" ", text)


def render_docx(result: Audit | Review, *, title: str | None = None) -> bytes:
    """An audit or a review as a DOCX document."""
    review = (
        result if isinstance(result, Review) else Review(title or result.version or "constitution", result)
    )
    standards = load_standards()
    document = Document()
    document.add_heading(_t(f"Rights audit: {title or review.title}"), level=0)
    intro = (
        f"Rules: {', '.join(review.audit.rules)}. Standard: the ICCPR as read by the Human Rights Committee."
    )
    if review.delta is not None:
        intro += f" Compared with {review.delta.old_ref} over the article alignment {review.delta.method}."
    document.add_paragraph(_t(intro))
    document.add_heading("Summary", level=1)
    points = summary_lines(review.audit)
    if review.delta is not None:
        points.append(f"Against {review.delta.old_ref}: " + " ".join(delta_lines(review.delta)))
    for point in [*points, *concern_lines(review.concerns)]:
        document.add_paragraph(_t(point), style="List Bullet")
    _findings(document, standards, review.audit)
    _safeguards(document, standards, review.audit)
    if review.delta is not None:
        _delta(document, standards, review.delta)
        _concerns(document, review)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    """A grid table with a bold header row, all rows made at once (adding them one by one is slow)."""
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    for number, row in enumerate(table.rows):
        for cell, text in zip(row.cells, header if number == 0 else rows[number - 1], strict=True):
            if number == 0:
                cell.paragraphs[0].add_run(_t(text)).bold = True
            else:
                cell.paragraphs[0].text = _t(text)
    document.add_paragraph()


def _findings(document: Any, standards: Standards, result: Audit) -> None:
    document.add_heading("Findings by right", level=1)
    for right, clauses in clauses_by_right(result):
        document.add_heading(_t(right_title(standards, right)), level=2)
        for clause in clauses:
            line = document.add_paragraph()
            line.add_run(_t(place(clause.location))).bold = True
            line.add_run(_t(f" ({clause.kind}; test words: {test_words(clause)})"))
            document.add_paragraph(_t(clause.evidence.quote), style="Quote")
            rows = [
                [
                    f.phrase_id.replace("_", " "),
                    f.evidence.quote,
                    VERDICT_TEXT[f.verdicts.get(right, f.verdict)],
                    f.reason,
                    standard(standards, f, right),
                ]
                for f in clause.grounds
            ]
            _table(document, ["ground", "words", "verdict", "why", "standard"], rows)


def _safeguards(document: Any, standards: Standards, result: Audit) -> None:
    document.add_heading("Safeguards", level=1)
    rows = [
        [
            s.label,
            "yes" if s.present else "no",
            place(s.location),
            safeguard_words(s),
            safeguard_standard(standards, s),
        ]
        for s in result.safeguards
    ]
    _table(document, ["safeguard", "present", "where", "words", "standard"], rows)


def _side(words: Passage | None, context: Passage | None) -> str:
    if words is not None:
        return f"{passage_place(words)}: «{short(words.quote)}»"
    if context is not None:
        return f"— (there: {passage_place(context)}: «{short(context.quote)}»)"
    return "—"


def _delta(document: Any, standards: Standards, changes: RightsDelta) -> None:
    document.add_heading(_t(f"Changes since {changes.old_ref}"), level=1)
    two_sided: tuple[tuple[str, tuple[ChangeKind, ...], str], ...] = (
        ("Safeguards", ("safeguard_removed", "safeguard_added", "safeguard_changed"), "safeguard"),
        ("Rights dropped or added", ("right_dropped", "right_added"), "right"),
    )
    for heading, kinds, what in two_sided:
        if found := changes.of_kind(*kinds):
            document.add_heading(heading, level=2)
            rows = [
                [
                    c.label,
                    f"{c.kind.split('_', 1)[1]}: {c.detail}",
                    _side(c.old, c.old_clause),
                    _side(c.new, c.new_clause),
                ]
                for c in found
            ]
            _table(document, [what, "change", changes.old_ref, changes.new_ref], rows)
    grounds: tuple[tuple[ChangeKind, str, str], ...] = (
        ("ground_added", "Grounds added", "old text there"),
        ("ground_removed", "Grounds removed", "new text there"),
    )
    for kind, heading, other in grounds:
        if found_rows := ground_rows(changes, kind):
            document.add_heading(heading, level=2)
            rows = [[r.right, r.ground, r.verdict, r.words, r.where, r.other] for r in found_rows]
            _table(document, ["right", "ground", "verdict", "words", "where", other], rows)
    limits = changes.of_kind("limitation_broadened", "limitation_narrowed", "limitation_changed")
    if limits:
        document.add_heading("Limitations broadened or narrowed", level=2)
        for change in limits:
            line = document.add_paragraph()
            line.add_run(_t(right_title(standards, change.right))).bold = True
            line.add_run(_t(f": {change.kind.split('_', 1)[1]}. {change.detail}"))
            for ref, passage in ((changes.old_ref, change.old_clause), (changes.new_ref, change.new_clause)):
                if passage is not None:
                    document.add_paragraph(
                        _t(f"{ref}, {passage_place(passage)}: {short(passage.quote, 600)}"),
                        style="Quote",
                    )


def _concerns(document: Any, review: Review) -> None:
    if review.delta is None or not review.concerns:
        return
    document.add_heading("Concerns raised by the seed articles", level=1)
    document.add_paragraph(
        _t(
            f"Each claim is checked on both texts: {review.delta.new_ref} (new) and {review.delta.old_ref} (old)."
        )
    )
    for concern in review.concerns:
        document.add_heading(_t(concern.summary), level=2)
        line = document.add_paragraph()
        line.add_run(_t(STATUS_TEXT[concern.status])).bold = True
        line.add_run(_t(f". Raised by: {'; '.join(concern.sources)}."))
        rows = [
            [
                o.test,
                STATUS_TEXT[o.status],
                observation_side(o.new, o.new_context),
                observation_side(o.old, o.old_context),
            ]
            for o in concern.observations
        ]
        _table(document, ["test", "finding", review.delta.new_ref, review.delta.old_ref], rows)
