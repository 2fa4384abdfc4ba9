"""Word-level redlines: which words of an old text were kept, deleted or inserted in the new one.

Texts are split into words, runs of punctuation and runs of whitespace, so the ops join back into exactly the
new text (equal + insert) and into the old text up to the kind of whitespace (equal + delete). Words and
marks are matched by patience diff (``patience.py``): difflib's longest-match-first goes astray where legal
text repeats long phrases, and matching the runs of spaces too made it quadratic in the article. A run of
spaces between two changes goes with the change, so a redline reads as whole phrases.
"""

from __future__ import annotations

import itertools
import re

from charterwatch.texts.compare.model import OpKind, RedlineOp
from charterwatch.texts.compare.patience import matches

_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Words, runs of punctuation and runs of whitespace; ``"".join(tokens(t)) == t``."""
    return _TOKEN.findall(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def redline(old: str, new: str) -> list[RedlineOp]:
    """Ops that join back into ``new`` (equal + insert) and ``old`` (equal + delete, up to spaces)."""
    if old == new:
        return [RedlineOp("equal", new)] if new else []
    if not old or not new:
        return [RedlineOp("insert", new)] if new else [RedlineOp("delete", old)]
    return word_diff(old, new)


def word_diff(old: str, new: str) -> list[RedlineOp]:
    """The redline from ``old`` to ``new``, spaces taking no part in the matching.

    Words and marks are matched by ``patience.matches``; a run of spaces between two changes or matches
    goes with the change, or is kept (in the new text's form) where both sides have one.
    """
    old_tokens, new_tokens = tokens(old), tokens(new)
    old_at = [k for k, t in enumerate(old_tokens) if not t.isspace()]
    new_at = [k for k, t in enumerate(new_tokens) if not t.isspace()]
    pairs = matches([old_tokens[k] for k in old_at], [new_tokens[k] for k in new_at])
    runs: list[tuple[OpKind, str]] = []
    i0 = j0 = 0  # first tokens not yet in a run
    for a, b in [*pairs, (len(old_at), len(new_at))]:
        i = old_at[a] if a < len(old_at) else len(old_tokens)
        j = new_at[b] if b < len(new_at) else len(new_tokens)
        gone, come = old_tokens[i0:i], new_tokens[j0:j]
        if gone and come and gone[0].isspace() and come[0].isspace():
            runs.append(("equal", come[0]))
            gone, come = gone[1:], come[1:]
        if gone:
            runs.append(("delete", "".join(gone)))
        if come:
            runs.append(("insert", "".join(come)))
        if j < len(new_tokens):
            runs.append(("equal", new_tokens[j]))
        i0, j0 = i + 1, j + 1
    return [
        RedlineOp(op, "".join(text for _, text in group))
        for op, group in itertools.groupby(runs, key=lambda run: run[0])
    ]


def changed_words(ops: list[RedlineOp]) -> tuple[int, int]:
    """(words deleted, words inserted) in a redline."""
    deleted = sum(word_count(op.text) for op in ops if op.op == "delete")
    inserted = sum(word_count(op.text) for op in ops if op.op == "insert")
    return deleted, inserted
