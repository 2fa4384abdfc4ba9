"""Word-level redlines: which words of an old text were kept, deleted or inserted in the new one.

Texts are split into words, runs of punctuation and runs of whitespace, so the ops join back into exactly the
new text (equal + insert) and into the old text up to the kind of whitespace (equal + delete). The diff is
difflib's SequenceMatcher over those tokens (no junk heuristic: legal texts repeat short words on purpose); a
lone space kept between two changes is folded into them, so a redline reads as whole phrases.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from charterwatch.texts.compare.model import OpKind, RedlineOp

_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Words, runs of punctuation and runs of whitespace; ``"".join(tokens(t)) == t``."""
    return _TOKEN.findall(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def word_diff(old: str, new: str) -> list[RedlineOp]:
    """The redline from ``old`` to ``new``; adjacent runs of the same op are merged."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    matcher = SequenceMatcher(
        None, [t.strip() for t in old_tokens], [t.strip() for t in new_tokens], autojunk=False
    )
    ops: list[RedlineOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(ops, "equal", "".join(new_tokens[j1:j2]))
            continue
        if i2 > i1:
            _append(ops, "delete", "".join(old_tokens[i1:i2]))
        if j2 > j1:
            _append(ops, "insert", "".join(new_tokens[j1:j2]))
    return ops


def _append(ops: list[RedlineOp], op: OpKind, text: str) -> None:
    if not text:
        return
    if ops and ops[-1].op == op:
        ops[-1] = RedlineOp(op, ops[-1].text + text)
    else:
        ops.append(RedlineOp(op, text))


def changed_words(ops: list[RedlineOp]) -> tuple[int, int]:
    """(words deleted, words inserted) in a redline."""
    deleted = sum(word_count(op.text) for op in ops if op.op == "delete")
    inserted = sum(word_count(op.text) for op in ops if op.op == "insert")
    return deleted, inserted
