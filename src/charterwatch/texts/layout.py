"""Decisions about a document's layout that no single line can make: they are taken from the whole text.

- Whether the words after "Статья 5." are a title or the article's first part. Titles are short and end
  without a full stop ("Статья 1. Основные понятия"); first parts are sentences of any length ("Статья 1.
  Республика Казахстан является ... государством."). A line is judged by its own shape and by how the other
  article lines of the same document print (most first parts, or most titles).
- Which lines are articles when the document prints no "Article"/"Статья"/"-бап" at all: "Section 1" lines, or
  one continuous run of "1.", "2.", "3." lines at the top level (a document numbered like a statute).
- Whether the document runs each article's title into its text after ".—" ("12. Definition.—In this Part ..."),
  as Indian and other Commonwealth editions print them: then the words before the dash are always the title,
  however long, and a title wrapped over lines runs until the dash.
- Whether a doubtful heading ("Статья 5 Конституции ...") continues the article numbering.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from charterwatch.texts.numbering import LineMatch, is_repealed_text

_SENTENCE_END = re.compile(r"[.;:!?…»\"”)][—–]?$")  # "...people.—" (Oregon) ends a sentence too
_TITLE_MAX = 200  # no title in a constitution or code runs longer; longer words are a first part
_LONG_SENTENCE_WORDS = 14
_TITLE_WORDS = 20  # no title is longer in words either
_TITLE_THEN_TEXT = re.compile(r"\s:\s+\S+(?:\s+\S+){4}|:\s+\(1\)\s")
_MIN_RUN = 3  # fewer numbered lines than this are not taken for a document's articles
# The end of a run-in title: a full stop and a dash, spaced in any way ("Title.—", "Title .—", "Title. —").
_DASH_TITLE = re.compile(
    r"\s*\.\s*\]?[—–]\s*"
)  # "[Title. ]—Omitted": a bracketed title closes before the dash


class _HasMatch(Protocol):
    match: LineMatch


def prose_share(rests: Sequence[str]) -> float:
    """Share of article lines whose words after the number read as a sentence (ending in a full stop)."""
    if not rests:
        return 0.0
    return sum(1 for rest in rests if _SENTENCE_END.search(rest)) / len(rests)


def first_part_is_text(rest: str, *, document_prose: float) -> bool:
    """Whether the words after an article's number are its first part (norm text) rather than its title."""
    if len(rest) > _TITLE_MAX or len(rest.split()) > _TITLE_WORDS or is_repealed_text(rest):
        return True
    if _TITLE_THEN_TEXT.search(rest):
        return True  # "Nation : All the people ..." — a title run into the first part: the whole is norm text
    if not _SENTENCE_END.search(rest):
        return False
    return document_prose >= 0.5 or len(rest.split()) > _LONG_SENTENCE_WORDS or _reads_as_sentence(rest)


def _reads_as_sentence(rest: str) -> bool:
    """Six words or more, mostly in lower case: "In the Republic, the power belongs to the people." A title is
    short or capitalises its words ("The Human Being, His or Her Dignity")."""
    words = [w for w in rest.split()[1:] if w[:1].isalpha()]
    return len(words) >= 5 and sum(1 for w in words if w[0].islower()) >= 0.5 * len(words)


def continues(previous: str, num: str) -> bool:
    """Whether ``num`` may follow article ``previous``: the next number, a repeat, or an inserted "N-1"."""
    if not previous or num == previous or num.startswith((f"{previous}-", f"{previous}.")):
        return True
    head = re.split(r"[-.A-Z]", previous)[0]
    return num.isdigit() and head.isdigit() and int(num) == int(head) + 1


def promote_articles(lines: Sequence[_HasMatch]) -> None:
    """When no line is an article heading, take the document's own numbering for its articles (in place).

    "Section 1", "Section 2" ... (arabic, at least three in sequence) become articles; failing that, "1.", "2.",
    "3." lines become articles if, read in order, they form one run that never starts again from 1 (a
    constitution or law numbered like a statute, with its parts as "(1)", "(a)").
    """
    if any(line.match.kind == "article" for line in lines):
        return
    sections = [line for line in lines if line.match.kind == "section" and (line.match.num or "").isdigit()]
    if len(sections) >= _MIN_RUN and _one_run([line.match.num or "" for line in sections]):
        for line in sections:
            line.match = _as_article(line.match)
        return
    numbered = [
        line
        for line in lines
        if line.match.kind == "paragraph" and line.match.num is not None and not line.match.bracketed
    ]
    if len(numbered) >= _MIN_RUN and _one_run([line.match.num or "" for line in numbered]):
        for line in numbered:
            line.match = _as_article(line.match)


def _as_article(match: LineMatch) -> LineMatch:
    return LineMatch("article", num=match.num, rest=match.rest, rest_at=match.rest_at, run_on=False)


def _one_run(numbers: list[str]) -> bool:
    """Numbers that mostly go up by one and never start again (paragraphs restart in every article). An
    excerpt may start anywhere, so the first number is free."""
    values = [int(re.split(r"[-.]", num)[0]) for num in numbers if re.split(r"[-.]", num)[0].isdigit()]
    if not values:
        return False
    steps = sum(1 for a, b in pairwise(values) if b in (a, a + 1))
    restarts = sum(1 for a, b in pairwise(values) if b < a)
    return restarts == 0 and steps >= 0.9 * (len(values) - 1)


def dash_title_end(words: str) -> tuple[int, int] | None:
    """Where the ".—" after a run-in title starts and ends in ``words``, if it is there."""
    match = _DASH_TITLE.search(words)
    return (match.start(), match.end()) if match else None


def dash_titled(article_words: Sequence[str]) -> bool:
    """Whether most articles run their title into the text after ".—" (each item: the words after the article
    number with the next line joined, since a title may wrap once)."""
    if len(article_words) < _MIN_RUN:
        return False
    runs_on = [words for words in article_words if (dash := dash_title_end(words)) and dash[1] < len(words)]
    return len(runs_on) >= 0.5 * len(
        article_words
    )  # a dash that closes the provision ("...consciences.—") is not one
