"""A Markdown report of an audit or a review, shaped like an expert opinion.

Summary first, then the findings grouped by ICCPR right (article, the clause quoted, each ground with its
verdict, the reason and the standard it rests on: the treaty article and the General Comment or Siracusa
paragraphs of the standards' thematic positions), then the safeguards; for a review against an older version,
the changes (safeguards, rights dropped, grounds per right, limitations broadened or narrowed) and the seed
articles' concerns with what the texts say. The helpers here build the rows the HTML and DOCX reports use too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from charterwatch.rights.audit import Audit
from charterwatch.rights.basis import Basis, basis_of, ground_label, right_name
from charterwatch.rights.concerns import ConcernResult, Observation
from charterwatch.rights.delta_model import ChangeKind, Passage, RightsDelta, where
from charterwatch.rights.guarantees import read_data
from charterwatch.rights.model import Clause, GroundFinding, Location, Safeguard
from charterwatch.rights.service import Review
from charterwatch.rights.standards import Standards, load_standards

VERDICT_TEXT = {"permitted": "permitted", "conditional": "conditional", "not_permitted": "not permitted"}
STATUS_TEXT = {
    "supported": "supported",
    "partly": "partly supported",
    "not_supported": "not supported",
    "not_found": "not found in either text",
}
_VERDICT = {k: (f"**{v}**" if k == "not_permitted" else v) for k, v in VERDICT_TEXT.items()}
_TEST_WORDS = {"legality": "by law", "necessity": "necessary", "proportionality": "proportionate"}
_SHORT = 240  # characters of a long passage quoted in a table


# Shared helpers: what every format says, worded once.


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def short(text: str, limit: int = _SHORT) -> str:
    """One line, cut in the middle with an ellipsis when longer than ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half].rstrip()} … {text[-half:].lstrip()}"


def place(location: Location | None) -> str:
    """ "Art. 23(4)" for a location, "—" when there is none."""
    text = where(location)
    return text[0].upper() + text[1:] if text != "—" else text


def passage_place(passage: Passage | None) -> str:
    if passage is None:
        return "—"
    return place(Location(passage.ref, passage.article, passage.paragraph, passage.eid))


def right_title(standards: Standards, right: str | None) -> str:
    """``Freedom of expression (ICCPR art. 19)``; the standards' long name when the basis data has no short one."""
    if right is None:
        return "—"
    if right == "*":
        return "All rights and freedoms (general clauses)"
    name = right_name(right)
    if name.startswith("the right in"):
        entry = standards.right(right)
        name = entry.name if entry else name
    return f"{name[:1].upper()}{name[1:]} (ICCPR art. {right})"


def right_anchor(right: str) -> str:
    return "iccpr-all" if right == "*" else f"iccpr-{right}"


def _source_name(standards: Standards, source_id: str) -> str | None:
    source = standards.sources.get(source_id)
    if source is None or source.title.startswith("Constitution"):  # an example, not a standard
        return None
    name = source.title.split(" (")[0].split(",")[0].strip()
    return f"{name} ({source.doc})" if source.doc and source.doc not in name else name


@cache
def _themes_of() -> dict[str, list[str]]:
    data = read_data().get("themes_of", {})
    return {str(k): [str(t) for t in v] for k, v in data.items()}


def paragraphs_cited(standards: Standards, keys: tuple[str, ...], right: str | None) -> list[str]:
    """The General Comment, Siracusa and other paragraphs of the thematic positions on ``keys``.

    General Comments on other rights are left out (GC37 is not cited for speech), principles are kept.
    """
    entry = standards.right(right) if right and right != "*" else None
    own = set(entry.source) if entry else None
    themes = {t.get("id"): t for t in standards.themes}
    cited: dict[str, list[str]] = {}
    for key in keys:
        for theme_id in _themes_of().get(key, []):
            for source_id, paras in (themes.get(theme_id, {}).get("paragraphs") or {}).items():
                if own is not None and source_id.startswith("gc") and source_id not in own:
                    continue
                cited.setdefault(source_id, [])
                cited[source_id] += [p for p in paras if p not in cited[source_id]]
    lines = []
    for source_id, paras in cited.items():
        name = _source_name(standards, source_id)
        if name is not None:
            single = len(paras) == 1 and paras[0].isdigit()
            word = "" if paras[0].startswith("principle") else "para " if single else "paras "
            lines.append(f"{name} {word}{', '.join(paras)}")
    return lines


def verdict_under(basis: Basis) -> str:
    """``not permitted under art. 18(3)``: the verdict with the ICCPR paragraph it is judged under."""
    return f"{VERDICT_TEXT[basis.verdict]} under {basis.article.removeprefix('ICCPR ')}"


def findings_of(clause: Clause, right: str) -> list[tuple[GroundFinding, Basis]]:
    """The clause's grounds for ``right``, each with where its verdict rests."""
    return [(finding, basis_of(finding, right)) for finding in clause.grounds]


def safeguard_standard(standards: Standards, found: Safeguard) -> str:
    """The safeguard's standard, then the paragraphs of the positions on it, else its documents' UN symbols."""
    paragraphs = paragraphs_cited(standards, (found.safeguard,), None)
    if paragraphs:
        return "; ".join([found.standard, *paragraphs])
    symbols = [
        source.doc
        for sid in found.sources
        if (source := standards.sources.get(sid)) is not None
        and source.doc
        and source.doc not in found.standard
    ]
    return "; ".join([found.standard, *symbols])


def clauses_by_right(result: Audit) -> list[tuple[str, list[Clause]]]:
    """(right, clauses limiting it), general clauses first, then by ICCPR article."""
    by_right: dict[str, list[Clause]] = defaultdict(list)
    for clause in result.clauses:
        for right in clause.rights:
            by_right[right].append(clause)
    order = sorted(by_right, key=lambda r: (r != "*", int(r) if r.isdigit() else 0))
    return [(right, by_right[right]) for right in order]


def test_words(clause: Clause) -> str:
    return ", ".join(f"{word} {'yes' if clause.test_words[k] else 'no'}" for k, word in _TEST_WORDS.items())


def safeguard_words(found: Safeguard) -> str:
    words = short(found.evidence.quote) if found.evidence else "—"
    details = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in found.details.items())
    return words + (f" ({details})" if details else "")


def summary_lines(result: Audit) -> list[str]:
    """The opening points of the opinion, without Markdown."""
    summary = result.summary()
    kinds = ", ".join(f"{n} {k}" for k, n in summary["clauses_by_kind"].items())
    verdicts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in summary["grounds_by_verdict"].items())
    lines = [
        f"{summary['clauses']} limitation clauses ({kinds or 'none'}) naming {summary['grounds']} grounds "
        f"({verdicts or 'none'})."
    ]
    failing: dict[str, list[str]] = {}
    for clause in result.clauses:
        for right in clause.rights:
            for finding, basis in findings_of(clause, right):
                if basis.verdict == "not_permitted":
                    key = f"{basis.ground} limiting {basis.right_name} ({basis.article})"
                    failing.setdefault(key, [])
                    if place(finding.location) not in failing[key]:
                        failing[key].append(place(finding.location))
    if failing:
        listed = "; ".join(f"{key} in {', '.join(where)}" for key, where in failing.items())
        lines.append(f"Grounds the ICCPR does not admit for the right concerned: {listed}.")
    missing = [s.label.lower() for s in result.safeguards if not s.present]
    lines.append(
        f"Safeguards: {summary['safeguards_present']} of {summary['safeguards']} present."
        + (" Missing: " + "; ".join(missing) + "." if missing else "")
    )
    return lines


def delta_lines(changes: RightsDelta) -> list[str]:
    """The delta in a few sentences, from what does not depend on the article alignment (grounds, safeguards
    and rights over the whole text), so the summary stays when the aligner is tuned."""
    lines = []
    added = changes.of_kind("ground_added")
    if added:
        failing = [c for c in added if c.verdict == "not_permitted"]
        lines.append(
            f"{len(added)} grounds newly limit a right ({len(failing)} with no basis in the ICCPR for it); "
            f"{len(changes.of_kind('ground_removed'))} no longer do."
        )
    if lost := changes.of_kind("safeguard_removed"):
        lines.append("Safeguards lost: " + "; ".join(c.label.lower() for c in lost) + ".")
    if gained := changes.of_kind("safeguard_added"):
        lines.append("Safeguards gained: " + "; ".join(c.label.lower() for c in gained) + ".")
    if dropped := changes.of_kind("right_dropped"):
        lines.append("Rights no longer named: " + "; ".join(c.label.lower() for c in dropped) + ".")
    if new := changes.of_kind("right_added"):
        lines.append("Rights newly named: " + "; ".join(c.label.lower() for c in new) + ".")
    return lines


def _right_short(right: str | None) -> str:
    return "all rights" if right == "*" else f"{right_name(right)} (art. {right})" if right else "—"


def concern_lines(concerns: tuple[ConcernResult, ...]) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for concern in concerns:
        counts[concern.status] += 1
    if not concerns:
        return []
    listed = ", ".join(f"{n} {STATUS_TEXT[s]}" for s, n in counts.items())
    return [f"Of {len(concerns)} concerns raised by the seed articles: {listed}."]


@dataclass(frozen=True)
class GroundRow:
    """A ground added or removed, as a table row."""

    right: str
    ground: str
    verdict: str
    words: str
    where: str
    other: str  # the counterpart: what the other version says there


def ground_rows(changes: RightsDelta, kind: ChangeKind) -> list[GroundRow]:
    rows = []
    for change in changes.changes:
        if change.kind != kind:
            continue
        words = change.new if kind == "ground_added" else change.old
        other = change.old_clause if kind == "ground_added" else change.new_clause
        rows.append(
            GroundRow(
                right=_right_short(change.right),
                ground=ground_label(load_standards(), change.subject),
                verdict=VERDICT_TEXT.get(change.verdict or "", "—"),
                words=words.quote if words else "—",
                where=passage_place(words),
                other=f"{passage_place(other)}: {short(other.quote)}" if other else "—",
            )
        )
    return rows


def observation_side(passages: tuple[Passage, ...], context: Passage | None) -> str:
    """What one version says for an observation: the words found, or what it has instead."""
    if passages:
        return "; ".join(f"{passage_place(p)}: «{short(p.quote)}»" for p in passages)
    if context is not None:
        return f"not found; instead {passage_place(context)}: «{short(context.quote)}»"
    return "not found"


# The Markdown report.


def render_markdown(result: Audit | Review, *, title: str | None = None) -> str:
    """An audit or a review as a self-contained Markdown document."""
    review = (
        result if isinstance(result, Review) else Review(title or result.version or "constitution", result)
    )
    standards = load_standards()
    head = title or review.title
    lines = [f"# Rights audit: {head}", ""]
    intro = (
        f"Rules: {', '.join(review.audit.rules)}. Standard: the ICCPR as read by the Human Rights Committee."
    )
    if review.delta is not None:
        intro += f" Compared with {review.delta.old_ref} over the article alignment {review.delta.method}."
    lines += [intro, "", "## Summary", ""]
    points = summary_lines(review.audit)
    if review.delta is not None:
        points += [f"Against {review.delta.old_ref}: " + " ".join(delta_lines(review.delta))]
    points += concern_lines(review.concerns)
    lines += [f"- {p}" for p in points] + [""]
    lines += ["## Findings by right", ""]
    for right, clauses in clauses_by_right(review.audit):
        lines += [f"### {right_title(standards, right)}", ""]
        for clause in clauses:
            lines += _clause(standards, clause, right)
    lines += _safeguards(standards, review.audit)
    if review.delta is not None:
        lines += _delta(standards, review.delta)
    if review.concerns:
        lines += _concerns(review)
    return "\n".join(lines).rstrip() + "\n"


def _clause(standards: Standards, clause: Clause, right: str) -> list[str]:
    lines = [f"**{place(clause.location)}** ({clause.kind}; test words: {test_words(clause)})", ""]
    lines += [f"> {cell(clause.evidence.quote)}", ""]
    lines += ["| ground | words | verdict | why | rests on |", "|---|---|---|---|---|"]
    for finding, basis in findings_of(clause, right):
        verdict = verdict_under(basis)
        verdict = f"**{verdict}**" if basis.verdict == "not_permitted" else verdict
        lines.append(
            f"| {cell(basis.ground)} | {cell(finding.evidence.quote)} | {verdict} "
            f"| {cell(basis.why)} | {cell(basis.cited())} |"
        )
    return [*lines, ""]


def _safeguards(standards: Standards, result: Audit) -> list[str]:
    lines = [
        "## Safeguards",
        "",
        "| safeguard | present | where | words | standard |",
        "|---|---|---|---|---|",
    ]
    for found in result.safeguards:
        lines.append(
            f"| {found.label} | {'yes' if found.present else '**no**'} | {place(found.location)} "
            f"| {cell(safeguard_words(found))} | {cell(safeguard_standard(standards, found))} |"
        )
    return [*lines, ""]


def _delta(standards: Standards, changes: RightsDelta) -> list[str]:
    lines = [f"## Changes since {changes.old_ref}", ""]
    safeguards = changes.of_kind("safeguard_removed", "safeguard_added", "safeguard_changed")
    if safeguards:
        lines += ["### Safeguards", "", "| safeguard | change | old | new |", "|---|---|---|---|"]
        lines += [
            f"| {c.label} | {c.kind.removeprefix('safeguard_')}: {cell(c.detail)} | {_side(c.old, c.old_clause)} "
            f"| {_side(c.new, c.new_clause)} |"
            for c in safeguards
        ]
        lines.append("")
    rights = changes.of_kind("right_dropped", "right_added")
    if rights:
        lines += ["### Rights dropped or added", "", "| right | change | old | new |", "|---|---|---|---|"]
        lines += [
            f"| {c.label} | {c.kind.removeprefix('right_')} | {_side(c.old, c.old_clause)} "
            f"| {_side(c.new, c.new_clause)} |"
            for c in rights
        ]
        lines.append("")
    grounds: tuple[tuple[ChangeKind, str, str], ...] = (
        ("ground_added", "Grounds added", "old text there"),
        ("ground_removed", "Grounds removed", "new text there"),
    )
    for kind, heading, other in grounds:
        rows = ground_rows(changes, kind)
        if rows:
            lines += [f"### {heading}", "", f"| right | ground | verdict | words | where | {other} |"]
            lines.append("|---|---|---|---|---|---|")
            lines += [
                f"| {r.right} | {r.ground} | {_VERDICT.get(_verdict_key(r.verdict), r.verdict)} | {cell(r.words)} "
                f"| {r.where} | {cell(r.other)} |"
                for r in rows
            ]
            lines.append("")
    limits = changes.of_kind("limitation_broadened", "limitation_narrowed", "limitation_changed")
    if limits:
        lines += ["### Limitations broadened or narrowed", ""]
        for change in limits:
            verb = change.kind.removeprefix("limitation_")
            lines += [f"**{right_title(standards, change.right)}**: {verb}. {cell(change.detail)}", ""]
            if change.old_clause:
                lines += [
                    f"> {changes.old_ref}, {passage_place(change.old_clause)}: {cell(short(change.old_clause.quote, 600))}",
                    ">",
                ]
            if change.new_clause:
                lines += [
                    f"> {changes.new_ref}, {passage_place(change.new_clause)}: {cell(short(change.new_clause.quote, 600))}"
                ]
            lines.append("")
    return lines


def _verdict_key(text: str) -> str:
    return next((k for k, v in VERDICT_TEXT.items() if v == text), text)


def _side(words: Passage | None, context: Passage | None) -> str:
    if words is not None:
        return f"{passage_place(words)}: «{cell(short(words.quote))}»"
    if context is not None:
        return f"— (there: {passage_place(context)}: «{cell(short(context.quote))}»)"
    return "—"


def _concerns(review: Review) -> list[str]:
    if review.delta is None:
        return []
    lines = [
        "## Concerns raised by the seed articles",
        "",
        f"Each claim is checked on both texts: {review.delta.new_ref} (new) and {review.delta.old_ref} (old).",
        "",
    ]
    for concern in review.concerns:
        lines += [f"### {concern.summary}", ""]
        lines += [f"**{STATUS_TEXT[concern.status]}**. Raised by: {'; '.join(concern.sources)}.", ""]
        lines += ["| test | finding | new | old |", "|---|---|---|---|"]
        lines += [_observation_row(o) for o in concern.observations]
        lines.append("")
    return lines


def _observation_row(observation: Observation) -> str:
    return (
        f"| {cell(observation.test)} | {STATUS_TEXT[observation.status]} "
        f"| {cell(observation_side(observation.new, observation.new_context))} "
        f"| {cell(observation_side(observation.old, observation.old_context))} |"
    )
