"""A Word (DOCX) expert opinion of an audit or a review, for lawyers who edit and send it.

The same findings and wording as the Markdown and HTML reports (``rights.report`` helpers, ``rights.basis``),
laid out as an opinion: a title page, a table of contents, numbered sections (summary, findings by right,
safeguards, changes since the older version, the seed articles' concerns, the standards cited), A4 pages
numbered in the footer, tables of fixed widths (``rights.docx_layout``). Each verdict names the right, the ICCPR
paragraph, the ground and the General Comment or Siracusa paragraphs it rests on.
``render_docx(result, author=...)`` returns the file's bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from charterwatch import __version__
from charterwatch.rights.audit import Audit
from charterwatch.rights.basis import Basis, source_of
from charterwatch.rights.delta_model import ChangeKind, Passage, RightsDelta
from charterwatch.rights.docx_layout import (
    TEXT_WIDTH_CM,
    Cell,
    fill_table_of_contents,
    new_document,
    page_footer,
    table,
    table_of_contents,
    title_page,
)
from charterwatch.rights.report import (
    STATUS_TEXT,
    clauses_by_right,
    concern_lines,
    delta_lines,
    findings_of,
    ground_rows,
    passage_place,
    place,
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

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters a DOCX cannot hold
_QUOTE = 200  # characters of a passage quoted in a table cell
DEFAULT_AUTHOR = "charterwatch"


def _t(text: str) -> str:
    return _NOT_XML.sub(" ", text)


def _cols(*shares: float) -> list[float]:
    """Column widths in cm from relative shares, summing to the text width."""
    total = sum(shares)
    return [round(TEXT_WIDTH_CM * s / total, 2) for s in shares]


def render_docx(
    result: Audit | Review,
    *,
    title: str | None = None,
    author: str | None = None,
    date: dt.date | None = None,
) -> bytes:
    """An audit or a review as a DOCX opinion; ``author`` and ``date`` go on the title page and properties."""
    review = (
        result if isinstance(result, Review) else Review(title or result.version or "constitution", result)
    )
    standards = load_standards()
    head = _t(f"Rights audit: {title or review.title}")
    who = _t(author or DEFAULT_AUTHOR)
    when = date or dt.date.today()
    document = new_document(
        title=head,
        author=who,
        date=when,
        subject=f"ICCPR limitation clauses and safeguards of {review.ref}",
        keywords="ICCPR; limitation clauses; Siracusa Principles; constitution",
    )
    against = f", compared with {review.delta.old_ref}" if review.delta is not None else ""
    title_page(
        document,
        kicker="Expert opinion",
        title=head,
        lines=[
            f"The limitation clauses and safeguards of {review.ref}{against}, read against the International "
            "Covenant on Civil and Political Rights",
            f"Prepared by {who}",
            f"{when.day} {when:%B %Y}",
        ],
        small=[
            f"Prepared with charterwatch {__version__} (rules {', '.join(review.audit.rules)}). Standard: the "
            "ICCPR as read by the Human Rights Committee in its General Comments, and the Siracusa Principles.",
            "Every finding quotes the text's own words; the verdicts are the reading of the rules set out in "
            "section 2 and the standards cited in the last section.",
        ],
    )
    table_of_contents(document)
    page_footer(document, head)
    bases: list[Basis] = []
    _summary(document, review)
    _findings(document, standards, review.audit, bases)
    _safeguards(document, standards, review.audit)
    if review.delta is not None:
        _delta(document, standards, review.delta)
        _concerns(document, review)
    _standards_cited(document, bases, 6 if review.delta is not None else 4)
    fill_table_of_contents(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _summary(document: Any, review: Review) -> None:
    document.add_heading("1. Summary", level=1)
    points = summary_lines(review.audit)
    if review.delta is not None:
        points.append(f"Against {review.delta.old_ref}: " + " ".join(delta_lines(review.delta)))
    for point in [*points, *concern_lines(review.concerns)]:
        document.add_paragraph(_t(point), style="List Bullet")


def _findings(document: Any, standards: Standards, result: Audit, bases: list[Basis]) -> None:
    document.add_heading("2. Findings by right", level=1)
    document.add_paragraph(
        "For each right, every clause that limits it is quoted, then each ground it names: the verdict under "
        "the ICCPR paragraph that admits limits on the right, why, and the paragraphs of the General Comments "
        "and the Siracusa Principles the verdict rests on."
    )
    widths = _cols(4.2, 2.6, 10.2)
    for right, clauses in clauses_by_right(result):
        document.add_heading(_t(right_title(standards, right)), level=2)
        for clause in clauses:
            line = document.add_paragraph()
            line.paragraph_format.keep_with_next = True
            line.add_run(_t(place(clause.location))).bold = True
            line.add_run(_t(f" ({clause.kind}; test words: {test_words(clause)})"))
            quote = document.add_paragraph(_t(f"«{clause.evidence.quote}»"), style="Quote")
            quote.paragraph_format.keep_with_next = True
            rows: list[list[Cell]] = []
            for finding, basis in findings_of(clause, right):
                bases.append(basis)
                rows.append(
                    [
                        [(_t(basis.ground), "b"), (_t(f"«{short(finding.evidence.quote, 120)}»"), "")],
                        [(verdict_under(basis), "b" if basis.verdict == "not_permitted" else "")],
                        [(_t(basis.why), ""), (_t(basis.cited()), "i")],
                    ]
                )
            table(document, ["ground and words", "verdict", "why, and what it rests on"], rows, widths)


def _safeguards(document: Any, standards: Standards, result: Audit) -> None:
    document.add_heading("3. Safeguards", level=1)
    rows: list[list[Cell]] = [
        [
            s.label,
            "yes" if s.present else "no",
            [(place(s.location), "b"), (_t(short(safeguard_words(s), _QUOTE)), "")]
            if s.location is not None or s.evidence is not None
            else [("not found in the text", "i")],
            [(_t(safeguard_standard(standards, s)), "i")],
        ]
        for s in result.safeguards
    ]
    table(document, ["safeguard", "present", "where and words", "standard"], rows, _cols(3.8, 1.8, 6.6, 4.8))


def _side(words: Passage | None, context: Passage | None) -> Cell:
    if words is not None:
        return [(passage_place(words), "b"), (_t(f"«{short(words.quote, _QUOTE)}»"), "")]
    if context is not None:
        return [
            (f"not there; instead {passage_place(context)}:", "i"),
            (_t(f"«{short(context.quote, _QUOTE)}»"), ""),
        ]
    return "—"


def _sides(passages: tuple[Passage, ...], context: Passage | None) -> Cell:
    """The words an observation found (the first two passages), else what the text says there instead."""
    if not passages:
        return _side(None, context) if context is not None else [("not found", "i")]
    lines: list[tuple[str, str]] = []
    for passage in passages[:2]:
        lines += [(passage_place(passage), "b"), (_t(f"«{short(passage.quote, _QUOTE)}»"), "")]
    if len(passages) > 2:
        lines.append((f"and {len(passages) - 2} more", "i"))
    return lines


def _delta(document: Any, standards: Standards, changes: RightsDelta) -> None:
    document.add_heading(_t(f"4. Changes since {changes.old_ref}"), level=1)
    two_sided: tuple[tuple[str, tuple[ChangeKind, ...], str], ...] = (
        ("Safeguards", ("safeguard_removed", "safeguard_added", "safeguard_changed"), "safeguard"),
        ("Rights dropped or added", ("right_dropped", "right_added"), "right"),
    )
    for heading, kinds, what in two_sided:
        if found := changes.of_kind(*kinds):
            document.add_heading(heading, level=2)
            rows: list[list[Cell]] = [
                [
                    [(_t(c.label), "b"), (_t(f"{c.kind.split('_', 1)[1]}: {c.detail}"), "")],
                    _side(c.old, c.old_clause),
                    _side(c.new, c.new_clause),
                ]
                for c in found
            ]
            table(document, [what, changes.old_ref, changes.new_ref], rows, _cols(5, 6, 6))
    grounds: tuple[tuple[ChangeKind, str, str, str], ...] = (
        ("ground_added", "Grounds added", changes.new_ref, f"{changes.old_ref} there"),
        ("ground_removed", "Grounds removed", changes.old_ref, f"{changes.new_ref} there"),
    )
    for kind, heading, this, other in grounds:
        if found_rows := ground_rows(changes, kind):
            document.add_heading(heading, level=2)
            rows = [
                [
                    [(_t(r.ground), "b"), (f"{r.right}; {r.verdict}", "")],
                    [(r.where, "b"), (_t(f"«{short(r.words, _QUOTE)}»"), "")],
                    _t(short(r.other, _QUOTE)),
                ]
                for r in found_rows
            ]
            table(document, ["ground, right, verdict", this, other], rows, _cols(4.5, 6, 6.5))
    limits = changes.of_kind("limitation_broadened", "limitation_narrowed", "limitation_changed")
    if limits:
        document.add_heading("Limitations broadened or narrowed", level=2)
        rows = [
            [
                [
                    (_t(right_title(standards, c.right)), "b"),
                    (_t(f"{c.kind.split('_', 1)[1]}: {c.detail}"), ""),
                ],
                _side(c.old_clause, None),
                _side(c.new_clause, None),
            ]
            for c in limits
        ]
        table(document, ["right and change", changes.old_ref, changes.new_ref], rows, _cols(5, 6, 6))


def _concerns(document: Any, review: Review) -> None:
    if review.delta is None or not review.concerns:
        return
    document.add_heading("5. Concerns raised by the seed articles", level=1)
    document.add_paragraph(
        _t(
            f"Each claim is checked on both texts: {review.delta.new_ref} (new) and {review.delta.old_ref} (old), "
            "with the words found on each side or, where they are missing, what the text says there instead."
        )
    )
    for concern in review.concerns:
        document.add_heading(_t(concern.summary), level=2)
        line = document.add_paragraph()
        line.paragraph_format.keep_with_next = True
        line.add_run(_t(STATUS_TEXT[concern.status])).bold = True
        line.add_run(_t(f". Raised by: {'; '.join(concern.sources)}."))
        rows: list[list[Cell]] = [
            [
                [(_t(o.test), ""), (STATUS_TEXT[o.status], "b")],
                _sides(o.new, o.new_context),
                _sides(o.old, o.old_context),
            ]
            for o in concern.observations
        ]
        table(
            document, ["test and finding", review.delta.new_ref, review.delta.old_ref], rows, _cols(5, 6, 6)
        )


def _standards_cited(document: Any, bases: list[Basis], number: int) -> None:
    """The documents behind the verdicts, with their UN symbols: the opinion's list of authorities."""
    paragraphs: dict[str, set[str]] = {}
    for basis in bases:
        for citation in basis.citations:
            if citation.source != "iccpr":
                paragraphs.setdefault(citation.source, set()).update(citation.paragraphs)
    document.add_heading(f"{number}. Standards cited", level=1)
    rows: list[list[Cell]] = []
    for source_id, paras in paragraphs.items():
        source = source_of(source_id)
        if source is None:
            continue
        cited = ", ".join(sorted(paras, key=lambda p: (len(p.split("-")[0]), p))) or "—"
        rows.append([source.title, source.doc or "—", cited])
    table(document, ["document", "symbol", "paragraphs cited"], rows, _cols(8, 4.5, 4.5))
