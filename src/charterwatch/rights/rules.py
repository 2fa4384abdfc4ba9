"""A small registry of named, versioned audit rules.

Rules register themselves here exactly as a third-party rule would, and each finding stores its rule's name
(``iccpr_grounds.v2``), so stored results can be told apart when a rule changes and gets a new version.
"""

from __future__ import annotations

from typing import Protocol, TypeVar, runtime_checkable

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.model import ProvisionRights, Safeguard
from charterwatch.texts.tree import ParsedText


class Rule(Protocol):
    """Anything with a versioned name."""

    @property
    def name(self) -> str: ...


@runtime_checkable
class ProvisionRule(Rule, Protocol):
    """Reads a parsed version provision by provision."""

    def analyse(self, parsed: ParsedText, *, version: str | None = None) -> list[ProvisionRights]: ...


@runtime_checkable
class SafeguardRule(Rule, Protocol):
    """Reads a parsed version for the safeguards it has or lacks."""

    def safeguards(self, parsed: ParsedText, *, version: str | None = None) -> list[Safeguard]: ...


R = TypeVar("R", bound=Rule)
_RULES: dict[str, Rule] = {}


def register(rule: R) -> R:
    """Add a rule under its name (a second rule of the same name replaces the first)."""
    _RULES[rule.name] = rule
    return rule


def rule_names() -> list[str]:
    return sorted(_RULES)


def get_rule(name: str) -> Rule:
    """The rule registered under ``name``; ``CharterwatchError(E.UNKNOWN_RULE)`` if there is none."""
    try:
        return _RULES[name]
    except KeyError as e:
        raise CharterwatchError(E.UNKNOWN_RULE, name=name, known=", ".join(rule_names())) from e


def provision_rule(name: str) -> ProvisionRule:
    """The provision rule registered under ``name`` (a rule of another kind is refused like an unknown one)."""
    rule = get_rule(name)
    if not isinstance(rule, ProvisionRule):
        raise CharterwatchError(E.UNKNOWN_RULE, name=name, known=", ".join(rule_names()))
    return rule


def safeguard_rule(name: str) -> SafeguardRule:
    """The safeguard rule registered under ``name``."""
    rule = get_rule(name)
    if not isinstance(rule, SafeguardRule):
        raise CharterwatchError(E.UNKNOWN_RULE, name=name, known=", ".join(rule_names()))
    return rule
