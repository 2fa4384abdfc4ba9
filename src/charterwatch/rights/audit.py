"""The rights audit of one parsed version: every registered rule's findings and the safeguards, as plain data.

``audit(parsed)`` is the one call the CLI, the web layer and the reports use; ``Audit.to_dict()`` is the
JSON form, and every finding in it names its rule and quotes its evidence by offsets into the source text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from charterwatch.rights.grounds import RULE_NAME as GROUNDS_RULE
from charterwatch.rights.model import Clause, GroundFinding, ProvisionRights, Safeguard
from charterwatch.rights.rules import provision_rule, safeguard_rule
from charterwatch.rights.safeguards import RULE_NAME as SAFEGUARDS_RULE
from charterwatch.texts.tree import ParsedText


@dataclass(frozen=True)
class Audit:
    version: str | None
    lang: str
    rules: tuple[str, ...]
    provisions: tuple[ProvisionRights, ...]
    safeguards: tuple[Safeguard, ...]

    @property
    def clauses(self) -> list[Clause]:
        return [c for p in self.provisions for c in p.clauses]

    @property
    def findings(self) -> list[GroundFinding]:
        return [g for c in self.clauses for g in c.grounds]

    def summary(self) -> dict[str, Any]:
        """Counts for the report's opening: clauses by kind, grounds by verdict, safeguards present."""
        return {
            "clauses": len(self.clauses),
            "clauses_by_kind": dict(sorted(Counter(c.kind for c in self.clauses).items())),
            "grounds": len(self.findings),
            "grounds_by_verdict": dict(sorted(Counter(g.verdict for g in self.findings).items())),
            "safeguards_present": sum(s.present for s in self.safeguards),
            "safeguards": len(self.safeguards),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "lang": self.lang,
            "rules": list(self.rules),
            "summary": self.summary(),
            "provisions": [p.to_dict() for p in self.provisions if p.clauses or p.rights],
            "safeguards": [s.to_dict() for s in self.safeguards],
        }


def audit(
    parsed: ParsedText,
    *,
    version: str | None = None,
    grounds_rule: str = GROUNDS_RULE,
    safeguards_rule: str = SAFEGUARDS_RULE,
) -> Audit:
    """Audit one parsed version with the named rules (the built-in ones by default)."""
    provisions = provision_rule(grounds_rule).analyse(parsed, version=version)
    safeguards = safeguard_rule(safeguards_rule).safeguards(parsed, version=version)
    return Audit(
        version=version,
        lang=parsed.lang,
        rules=(grounds_rule, safeguards_rule),
        provisions=tuple(provisions),
        safeguards=tuple(safeguards),
    )
