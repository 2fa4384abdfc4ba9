"""The rights audit of one parsed version: every registered rule's findings and the safeguards, as plain data.

``audit(parsed)`` is the one call the CLI, the web layer and the reports use; ``Audit.to_dict()`` is the
JSON form, and every finding in it names its rule and quotes its evidence by offsets into the source text. The
audit names its ``method``: a method id hashed from the rules' code and data (``audit_method``, docs/store.md),
under which ``rights.storage`` stores and reuses it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from charterwatch.provenance import method_id
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
    method: str = ""  # the method id (audit_method) of the code that made it

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
            "method": self.method,
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
        method=audit_method(grounds_rule, safeguards_rule),
    )


def audit_method(grounds_rule: str = GROUNDS_RULE, safeguards_rule: str = SAFEGUARDS_RULE) -> str:
    """The method id of an audit by these rules: this module, the rules' modules and what they import, the
    rights data files, and the Russian morphology (its dictionary decides the lemmas the cues match).

    A rule registered from outside charterwatch has no source here to hash: its audit gets the rules' names
    (``my_rule.v3+iccpr_safeguards.v1``), which is not stored (``rights.storage`` keeps built-in audits).
    """
    rules = (provision_rule(grounds_rule), safeguard_rule(safeguards_rule))
    modules = [__name__, "charterwatch.rights", *(type(rule).__module__ for rule in rules)]
    if not all(m.startswith("charterwatch.") for m in modules):
        return f"{grounds_rule}+{safeguards_rule}"
    return method_id(
        "rights.audit",
        modules=sorted(set(modules)),
        data=["rights/data"],
        libraries=["pymorphy3", "pymorphy3-dicts-ru"],
    )
