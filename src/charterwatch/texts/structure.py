"""A structure report for a parsed text, so that a wrong tree never passes silently.

After every import the tree is checked for what a mis-read layout leaves behind: gaps and duplicates in the
article numbering, headings long enough to be a swallowed first part, articles without a number, text outside
any article, and articles with no words at all. The report is plain data (``to_dict``), printed by
``charterwatch import``, stored with the version and shown on the version's page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from charterwatch.texts.numbering import classify, is_repealed_text
from charterwatch.texts.tree import ParsedText, Provision

REPORT_NAME = "texts.structure.v2"  # v2: headings_in_text
LONG_HEADING = 200  # characters: longer "headings" are almost always a first part read as a title
_MAX_LISTED = 20  # numbers listed per problem; the count says how many more
# A line inside an article's words that reads like a heading the parser did not know: a capitalised word, a
# number (Roman, arabic or "premier"/"первый"), then nothing or a separator and a title ("TITRE II - Du Sénat",
# "LIVRE 2", "Подраздел 3. ..."). A sentence quoting one ("Article 5 of ...") goes on with a word, not a separator.
_HEADING_LIKE = re.compile(
    r"^[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’-]{2,20}\s+(?:[IVXLCІХ]{1,7}|\d{1,3}|premier|PREMIER|первый|ПЕРВЫЙ)"
    r"\s*(?:$|[.:]?\s+[-–—]\s+\S|:\s+\S)"
)
_HEADING_LIKE_MAX = 100  # characters: a heading line is short


@dataclass(frozen=True)
class Problem:
    """One kind of problem found in the tree, with the article numbers or eIds it concerns."""

    code: str
    message: str
    where: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "where": list(self.where)}


@dataclass(frozen=True)
class StructureReport:
    """What the tree holds and what looks wrong in it."""

    articles: int
    first: str | None
    last: str | None
    repealed: int
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: "102 articles (1-102), numbering continuous" or the count of problems."""
        span = f" ({self.first}-{self.last})" if self.first is not None else ""
        repealed = f", {self.repealed} repealed" if self.repealed else ""
        state = "numbering continuous" if self.ok else f"{len(self.problems)} structure warning(s)"
        return f"{self.articles} articles{span}{repealed}, {state}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "report": REPORT_NAME,
            "articles": self.articles,
            "first": self.first,
            "last": self.last,
            "repealed": self.repealed,
            "ok": self.ok,
            "summary": self.summary(),
            "problems": [p.to_dict() for p in self.problems],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StructureReport:
        return cls(
            articles=int(data["articles"]),
            first=data.get("first"),
            last=data.get("last"),
            repealed=int(data.get("repealed", 0)),
            problems=tuple(
                Problem(p["code"], p["message"], tuple(p.get("where", ()))) for p in data.get("problems", ())
            ),
        )


_REPEAL_NOTE = re.compile(
    r"(?i)\b(?:исключен[аоы]?|утратил[аио]?\s+силу|excluded|repealed|deleted|алып\s+тасталды|күші\s+жойылды)\b"
)


def is_repealed(article: Provision) -> bool:
    """An article kept in the numbering that was repealed: its words only say so ("Исключена.", "Repealed"),
    or it has no words and an editorial note says so ("Сноска. Статья 84 исключена ...")."""
    words = article.norm_text() or (article.heading or "")
    if words:
        return is_repealed_text(words)
    return any(c.kind == "note" and _REPEAL_NOTE.search(c.text) for c in article.children)


def structure_report(parsed: ParsedText) -> StructureReport:
    """Check a parsed tree; every problem found is one ``Problem`` (none means the tree looks whole)."""
    articles = parsed.articles()
    nums = [a.num for a in articles if a.num is not None]
    problems = [
        *_numbering_problems(nums),
        *_listed(
            "unnumbered_articles",
            "articles without a number",
            [a.eid for a in articles if a.num is None],
        ),
        *_listed(
            "long_headings",
            f"headings over {LONG_HEADING} characters (a first part read as a title?)",
            [a.num or a.eid for a in articles if a.heading and len(a.heading) > LONG_HEADING],
        ),
        *_listed(
            "empty_articles",
            "articles with no words",
            [a.num or a.eid for a in articles if not a.norm_text() and not a.heading and not is_repealed(a)],
        ),
        *_outside_articles(parsed),
        *_listed(
            "headings_in_text",
            "articles whose words hold a line that reads like a heading (a section or title not recognised?)",
            [a.num or a.eid for a in articles if _heading_lines(a)],
        ),
    ]
    return StructureReport(
        articles=len(articles),
        first=nums[0] if nums else None,
        last=nums[-1] if nums else None,
        repealed=sum(1 for a in articles if is_repealed(a)),
        problems=tuple(problems),
    )


def _listed(code: str, message: str, where: list[str]) -> list[Problem]:
    if not where:
        return []
    more = f" and {len(where) - _MAX_LISTED} more" if len(where) > _MAX_LISTED else ""
    shown = ", ".join(where[:_MAX_LISTED])
    return [Problem(code, f"{len(where)} {message}: {shown}{more}", tuple(where))]


def _base(num: str) -> int | None:
    """The regular number an article counts in ("44-1", "67.1", "21A" count as inserted after 44, 67, 21)."""
    head = re.match(r"\d+", num)
    return int(head.group()) if head and head.group() == num else None


def _numbering_problems(nums: list[str]) -> list[Problem]:
    seen: dict[str, int] = {}
    for num in nums:
        seen[num] = seen.get(num, 0) + 1
    duplicates = [num for num, count in seen.items() if count > 1]
    gaps: list[str] = []
    backwards: list[str] = []
    previous: int | None = None
    for num in nums:
        value = _base(num)
        if value is None:
            continue
        if previous is not None and value > previous + 1:
            gaps.append(f"{previous + 1}-{value - 1}" if value - 1 > previous + 1 else str(previous + 1))
        elif previous is not None and value <= previous and num not in duplicates:
            backwards.append(num)
        previous = value if previous is None else max(previous, value)
    return [
        *_listed("numbering_gaps", "gaps in the article numbering", gaps),
        *_listed("duplicate_numbers", "article numbers printed twice", duplicates),
        *_listed("numbering_backwards", "articles numbered lower than the one before", backwards),
    ]


def _outside_articles(parsed: ParsedText) -> list[Problem]:
    """Paragraphs or items that sit outside any article (in a section or chapter, or at the top level)."""
    stray: list[str] = []

    def visit(node: Provision) -> None:
        if node.kind == "article":
            return
        if node.kind in ("paragraph", "subparagraph") or (
            node.kind not in ("preamble", "note") and node.text
        ):
            stray.append(node.eid)
        if node.kind in ("paragraph", "subparagraph"):
            return
        for child in node.children:
            visit(child)

    for top in parsed.provisions:
        visit(top)
        if top.kind == "preamble" and _numbered_lines(top.text) >= 2:
            stray.append(f"{top.eid} ({_numbered_lines(top.text)} numbered lines)")  # a contents list?
    return _listed("text_outside_articles", "parts outside any article", stray)


def _heading_lines(article: Provision) -> list[str]:
    """Lines of an article's own words (its first part and its parts, not its notes) that read like headings."""
    found: list[str] = []
    for node in article.walk():
        if node.kind == "note" or not node.text:
            continue
        for line in node.text.splitlines():
            words = line.strip()
            if (
                len(words) <= _HEADING_LIKE_MAX
                and _HEADING_LIKE.match(words)
                and not words.endswith((",", ";"))
            ):
                found.append(words)
    return found


def _numbered_lines(text: str) -> int:
    """Lines of a preamble that read as numbered provisions: a preamble has none, a table of contents many."""
    kinds = ("article", "paragraph", "item", "section", "chapter")
    return sum(1 for line in text.splitlines() if classify(line).kind in kinds)
