"""The linker routing uses: ``consult.linking.link_articles`` (numbers named plus similarity) when installed,
else links by the article numbers a proposal names alone.

The similarity linker is another part of the package, built beside routing; until it is there, routing still
works on the strongest sign, a cited number, and says so through the link's ``method``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from charterwatch.consult.articles import named_articles
from charterwatch.consult.model import Proposal
from charterwatch.texts.tree import ParsedText

METHOD: Final = "consult.named.v1"


@dataclass(frozen=True)
class NamedLink:
    """An article a proposal cites by number; ``evidence`` are the spans of that number in its text."""

    eid: str
    num: str
    score: float
    how: str
    evidence: tuple[tuple[int, int], ...]
    words: tuple[str, ...] = ()
    method: str = METHOD


def named_links(
    proposals: Sequence[Proposal], version: ParsedText, *, ref: str | None = None
) -> dict[str, list[NamedLink]]:
    """Per proposal id, the articles of ``version`` it names by number, in the order named."""
    by_num = {a.num: a for a in version.articles() if a.num}
    links: dict[str, list[NamedLink]] = {}
    for proposal in proposals:
        found = []
        for num in named_articles(proposal.text):
            if num in by_num:
                pattern = rf"(?<![\d.-]){re.escape(num)}(?![\d])"
                spans = tuple(m.span() for m in re.finditer(pattern, proposal.text))
                found.append(NamedLink(by_num[num].eid, num, 1.0, "named", spans))
        links[proposal.id] = found
    return links


def default_linker() -> Callable[..., Any]:
    """``linking.link_articles`` where the module exists, else ``named_links``."""
    try:
        module = importlib.import_module("charterwatch.consult.linking")
    except ImportError:
        return named_links
    linker: Callable[..., Any] = module.link_articles
    return linker
