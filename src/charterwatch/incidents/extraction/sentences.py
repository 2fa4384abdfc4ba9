"""Paragraphs, sentences and tokens, with character offsets into the untouched source text.

Offsets are never shifted: every later span is ``text[start:end]`` of the text as read, so evidence quotes are
exact. Each line is a paragraph (news pages put one paragraph, title or bullet per line); sentences end at
. ! ? unless the word before is an abbreviation or an initial. Headings are marked, since the body tells again
what a headline compresses ("Lawyer sentenced, journalists harassed").
"""

from __future__ import annotations

import re

from charterwatch.incidents.extraction.pipeline import Sentence, State, Token, component

TOKEN = re.compile(r"[^\W_]+(?:[_'’.\-]+[^\W_]+)*|[^\w\s]|_")
_END = re.compile(r"[.!?…]+[\"”’)»]*\s+(?=[\"“‘«(•\-–]?\s*[A-ZА-ЯЁ0-9])")
ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "art",
        "arts",
        "para",
        "vs",
        "e.g",
        "i.e",
        "approx",
        "gen",
        "col",
        "lt",
        "sgt",
        "prof",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "gov",
        "rep",
        "sen",
        "jr",
        "sr",
        "p",
        "pp",
        "vol",
        "cf",
        "ст",
        "г",
        "гг",
        "им",
        "пп",
        "п",
        "ч",
    ]
)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their paragraph numbers and tokens."""
    sentences: list[Sentence] = []
    paragraph = -1
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        paragraph += 1
        start = line.start()
        for end_match in _END.finditer(line.group()):
            end = line.start() + end_match.end()
            cut = line.start() + end_match.start()
            before = text[max(start, cut - 24) : cut].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            _add(sentences, text, start, end, paragraph)
            start = end
        _add(sentences, text, start, line.end(), paragraph)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = len(chunk) - len(chunk.lstrip())
    start += stripped
    end = start + len(chunk.strip())
    if end <= start:
        return
    tokens = [
        Token(m.group(), m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(text, start, end)
    ]
    sentences.append(Sentence(len(sentences), paragraph, start, end, tokens))


HEADING_WORDS = 16


def mark_headings(sentences: list[Sentence], text: str) -> None:
    """A paragraph of one short sentence without final punctuation is a heading: the body tells it again."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    for group in by_paragraph.values():
        only = group[0]
        last = text[only.end - 1]
        if len(group) == 1 and len(only.tokens) <= HEADING_WORDS and last not in '.!?…"”»:':
            only.heading = True


@component("incidents.sentences.v1")
def sentences_v1(state: State) -> None:
    state.sentences = split_sentences(state.text)
    mark_headings(state.sentences, state.text)
