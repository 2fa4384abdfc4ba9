"""A Markdown report of an audit, shaped like an expert opinion.

Summary first, then the findings grouped by ICCPR right (article, the clause quoted, each ground with its
verdict, the reason and the standard it rests on, cited from the standards' sources), then the safeguards.
"""

from __future__ import annotations

from collections import defaultdict

from charterwatch.rights.audit import Audit
from charterwatch.rights.model import Clause, GroundFinding, Location
from charterwatch.rights.standards import Standards, load_standards

_VERDICT = {"permitted": "permitted", "conditional": "conditional", "not_permitted": "**not permitted**"}
_TEST_WORDS = {"legality": "by law", "necessity": "necessary", "proportionality": "proportionate"}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _where(location: Location | None) -> str:
    if location is None or location.article is None:
        return "—"
    return f"Art. {location.article}" + (f"({location.paragraph})" if location.paragraph else "")


def _cite(standards: Standards, source_ids: tuple[str, ...], *, limit: int = 3) -> str:
    cited = []
    for sid in source_ids[:limit]:
        source = standards.sources.get(sid)
        if source is not None and not source.title.startswith("Constitution"):  # an example, not a standard
            cited.append(source.doc or source.title)
    return "; ".join(cited)


def _standard(standards: Standards, finding: GroundFinding, right: str) -> str:
    entry = standards.right(right)
    clause = entry.limitation_clause if entry else None
    treaty = (
        f"ICCPR art. {clause.paragraph}" if clause else (f"ICCPR art. {right}" if right != "*" else "ICCPR")
    )
    return f"{treaty}; {_cite(standards, finding.sources)}"


def _right_title(standards: Standards, right: str) -> str:
    if right == "*":
        return "All rights and freedoms (general clauses)"
    entry = standards.right(right)
    return f"ICCPR art. {right}: {entry.name}" if entry else f"ICCPR art. {right}"


def render_markdown(result: Audit, *, title: str | None = None) -> str:
    """The audit as a self-contained Markdown document."""
    standards = load_standards()
    lines = [f"# Rights audit: {title or result.version or 'constitution'}", ""]
    lines += [
        f"Rules: {', '.join(result.rules)}. Standard: the ICCPR as read by the Human Rights Committee.",
        "",
    ]
    lines += _summary(result)
    lines += ["## Findings by right", ""]
    by_right: dict[str, list[Clause]] = defaultdict(list)
    for clause in result.clauses:
        for right in clause.rights:
            by_right[right].append(clause)
    for right in sorted(by_right, key=lambda r: (r != "*", int(r) if r.isdigit() else 0)):
        lines += [f"### {_right_title(standards, right)}", ""]
        for clause in by_right[right]:
            lines += _clause(standards, clause, right)
    lines += _safeguards(standards, result)
    return "\n".join(lines).rstrip() + "\n"


def _summary(result: Audit) -> list[str]:
    summary = result.summary()
    kinds = ", ".join(f"{n} {k}" for k, n in summary["clauses_by_kind"].items())
    verdicts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in summary["grounds_by_verdict"].items())
    lines = ["## Summary", ""]
    lines.append(
        f"- {summary['clauses']} limitation clauses ({kinds or 'none'}) naming {summary['grounds']} grounds"
    )
    lines[-1] += f" ({verdicts or 'none'})."
    failing = sorted(
        {(g.location.article or "", g.phrase_id) for g in result.findings if g.verdict == "not_permitted"}
    )
    if failing:
        listed = "; ".join(f"{phrase.replace('_', ' ')} (art. {art})" for art, phrase in failing)
        lines.append(f"- Grounds with no basis in the ICCPR for the right concerned: {listed}.")
    missing = [s.label.lower() for s in result.safeguards if not s.present]
    lines.append(f"- Safeguards: {summary['safeguards_present']} of {summary['safeguards']} present.")
    if missing:
        lines[-1] += " Missing: " + "; ".join(missing) + "."
    return [*lines, ""]


def _clause(standards: Standards, clause: Clause, right: str) -> list[str]:
    tests = ", ".join(f"{word} {'yes' if clause.test_words[k] else 'no'}" for k, word in _TEST_WORDS.items())
    lines = [f"**{_where(clause.location)}** ({clause.kind}; test words: {tests})", ""]
    lines += [f"> {_cell(clause.evidence.quote)}", ""]
    lines += ["| ground | words | verdict | why | standard |", "|---|---|---|---|---|"]
    for finding in clause.grounds:
        verdict = finding.verdicts.get(right, finding.verdict)
        lines.append(
            f"| {finding.phrase_id.replace('_', ' ')} | {_cell(finding.evidence.quote)} | {_VERDICT[verdict]} "
            f"| {_cell(finding.reason)} | {_cell(_standard(standards, finding, right))} |"
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
        words = _cell(found.evidence.quote) if found.evidence else "—"
        details = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in found.details.items())
        if details:
            words += f" ({details})"
        cite = f"{found.standard}; {_cite(standards, found.sources, limit=2)}"
        lines.append(
            f"| {found.label} | {'yes' if found.present else '**no**'} | {_where(found.location)} | {words} "
            f"| {_cell(cite)} |"
        )
    return [*lines, ""]
