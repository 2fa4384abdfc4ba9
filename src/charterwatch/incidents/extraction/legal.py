"""The legal basis as the text cites it: "article 174 of the Criminal Code", "the law on peaceful assemblies".

Kept as written (with its span), not normalised: codes are renumbered and translated differently from one
outlet to the next, and a reviewer needs the words the source used.
"""

from __future__ import annotations

import re

from charterwatch.incidents.extraction.pipeline import State, component

_CODE = r"(?:Criminal|Administrative|Civil|Penal|Labou?r|Tax)\s+(?:Offences\s+|Offenses\s+|Procedure\s+)?Code"
PATTERNS = [
    re.compile(
        rf"\b(?:article|art\.)\s+\d+(?:[.-]\d+)*(?:\s*,?\s*(?:part|paragraph|clause)\s+\d+)?\s+of\s+the\s+"
        rf"(?:[A-Z][\w-]*\s+)*?(?:{_CODE}|Code\s+of\s+Administrative\s+Offen[cs]es)"
        r"(?:\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?[A-Z]\w+)?",
        re.I,
    ),
    re.compile(rf"\b{_CODE}(?:['’]s)?\s+(?:article|art\.)\s+\d+(?:[.-]\d+)*", re.I),
    re.compile(r"\bunder\s+article\s+\d+(?:[.-]\d+)*", re.I),
    re.compile(
        r"\bthe\s+(?:new\s+)?law\s+on\s+[a-z][a-z\s-]{2,60}?"
        r"(?=[,.;:)(]|\s+(?:although|and|which|that|by|in|as|when|while|because|after|for|was|is|were|has|had)\b|$)"
    ),
    re.compile(
        r"\b(?:an?|the)\s+(?:new\s+)?(?:criminal|administrative)\s+code\s+provision\s+"
        r"(?:that|which|on|banning|against)\s+[^,.;–]{3,140}",
        re.I,
    ),
    re.compile(
        r"\b(?:ст\.|стать[еияю])\s*\d+(?:[.-]\d+)*\s+(?:УК|КоАП|Уголовного кодекса|Кодекса об административных правонарушениях)(?:\s+РК)?"
    ),
]


def find_legal_bases(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text, start, end):
            if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e in spans):
                spans.append((m.start(), m.start() + len(m.group().rstrip())))
    return sorted(spans)


@component("incidents.legal_basis.v1")
def legal_basis_v1(state: State) -> None:
    for index in sorted({t.sentence for t in state.triggers}):
        sentence = state.sentences[index]
        spans = find_legal_bases(state.text, sentence.start, sentence.end)
        if spans:
            state.legal_bases[sentence.index] = spans
