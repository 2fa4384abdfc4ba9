"""Variants of a real text with a known alignment: the truth the aligner and the statistics are tested on.

``make_variant`` deletes, merges (two neighbours joined), splits (an article's paragraphs divided in two),
moves (far enough that the move is unambiguous), transfers paragraphs (the last paragraphs of one article
appended to another far away, both articles living on: the receiving article is then fed by two old ones)
and inserts articles (foreign ones: ``donors.py``), then
edits the wording of every kept article at a known rate and numbers the result. It returns the variant, its
true groups and gold lines (the ``evaluate`` format, kinds by ``kinds.group_kinds``), and the word-change
share actually applied, defined exactly as ``ChangeStats.changed_word_share``: (words deleted + words
inserted) / (old words + new words), where a substitution counts once each way, a deleted article's words
are deleted and an inserted article's words inserted. Seeded ``random.Random``: same seed, same variant.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from charterwatch.texts.compare.kinds import Group, group_kinds
from charterwatch.texts.compare.normalise import words
from charterwatch.texts.tree import ParsedText, Provision

_WORD = re.compile(r"\w+")
MIN_PIECE_WORDS = 12  # a split never leaves a piece shorter than this: a few words make no article


@dataclass
class _Unit:
    """One article of the variant and the source article(s) it comes from (none for an inserted one)."""

    article: Provision
    sources: tuple[int, ...]
    touched: bool = False
    fed: tuple[int, ...] = ()  # old articles whose paragraphs were transferred into this one


@dataclass
class Variant:
    text: ParsedText
    groups: list[Group]  # indexes into source.articles() and text.articles()
    gold: list[dict[str, Any]]
    moved: list[str]  # new numbers of the articles moved on purpose
    words_old: int
    words_new: int
    words_deleted: int
    words_inserted: int
    ops: dict[str, int] = field(default_factory=dict)

    @property
    def word_change_rate(self) -> float:
        """The word-change share applied: (deleted + inserted) / (old + new words)."""
        return (self.words_deleted + self.words_inserted) / (self.words_old + self.words_new)


def make_variant(
    source: ParsedText,
    *,
    seed: int,
    donors: Sequence[str],
    deletions: int = 2,
    merges: int = 2,
    splits: int = 2,
    moves: int = 2,
    insertions: int = 2,
    word_rate: float = 0.1,
    renumber: bool = True,
    transfers: int = 0,
) -> Variant:
    """A variant of ``source``; ``donors`` are texts of foreign articles to insert (``donors.donor_texts``)."""
    rng = random.Random(seed)
    articles = source.articles()
    old_words = [words(a.norm_text()) for a in articles]
    units = [_Unit(_copy(a), (i,)) for i, a in enumerate(articles) if old_words[i]]
    counts = {"deleted": 0, "inserted": 0}
    ops = {"deletions": 0, "merges": 0, "splits": 0, "moves": 0, "insertions": 0}
    for _ in range(deletions):
        if (k := _pick(rng, units, lambda u: True)) is not None:
            counts["deleted"] += len(words(units.pop(k).article.norm_text()))
            ops["deletions"] += 1
    for _ in range(merges):
        if (k := _pick(rng, units[:-1], lambda u: True, neighbour=units)) is not None:
            units[k : k + 2] = [_merge(units[k], units[k + 1])]
            ops["merges"] += 1
    for _ in range(splits):
        if (k := _pick(rng, units, _splittable)) is not None:
            units[k : k + 1] = _split(rng, units[k])
            ops["splits"] += 1
    moved_units = []
    for _ in range(moves):
        if (k := _pick(rng, units, lambda u: True)) is not None:
            unit = units.pop(k)
            unit.touched = True
            distance = max(3, len(units) // 10)
            targets = [t for t in range(len(units) + 1) if abs(t - k) >= distance]
            units.insert(rng.choice(targets), unit)
            moved_units.append(unit)
            ops["moves"] += 1
    for _ in range(transfers):  # no draw at all when there are none, so older variants stay the same
        ops["transfers"] = ops.get("transfers", 0) + _transfer(rng, units)
    for text in rng.sample(list(donors), min(insertions, len(donors))):
        article = Provision(kind="article", eid="", text=text)
        units.insert(rng.randrange(len(units) + 1), _Unit(article, (), touched=True))
        counts["inserted"] += len(words(text))
        ops["insertions"] += 1
    vocabulary = sorted({w for ws in old_words for w in ws})
    for unit in units:
        if unit.sources:
            edit_words(rng, unit.article, word_rate, vocabulary, counts)
    _number(units, articles, renumber=renumber, moved=moved_units)
    variant = ParsedText(title=source.title, lang=source.lang, provisions=[u.article for u in units])
    groups = _groups(units, articles, len(articles))
    gold = _gold(groups, articles, variant.articles())
    return Variant(
        text=variant,
        groups=groups,
        gold=gold,
        moved=[str(u.article.num) for u in moved_units],
        words_old=sum(map(len, old_words)),
        words_new=sum(len(words(u.article.norm_text())) for u in units),
        words_deleted=counts["deleted"],
        words_inserted=counts["inserted"],
        ops=ops,
    )


def _copy(node: Provision) -> Provision:
    """A deep copy, ten times faster than ``copy.deepcopy`` (spans are tuples, shared safely)."""
    return Provision(
        node.kind,
        node.eid,
        node.num,
        node.label,
        node.heading,
        node.text,
        node.span,
        node.text_span,
        [_copy(child) for child in node.children],
    )


def _pick(
    rng: random.Random, units: Sequence[_Unit], fits: Any, *, neighbour: Sequence[_Unit] | None = None
) -> int | None:
    """A random untouched unit that ``fits`` (and, for a merge, whose untouched right neighbour is kept too)."""
    free = [
        k
        for k, u in enumerate(units)
        if u.sources and not u.touched
        if neighbour is None or (neighbour[k + 1].sources and not neighbour[k + 1].touched)
    ]
    rng.shuffle(free)
    return next((k for k in free if fits(units[k])), None)


def _merge(first: _Unit, second: _Unit) -> _Unit:
    article = first.article
    article.children = article.norm_children()
    tail = second.article
    if tail.text:
        article.children.append(Provision(kind="paragraph", eid="", text=tail.text))
    article.children.extend(tail.norm_children())
    return _Unit(article, first.sources + second.sources, touched=True)


def _transfer(rng: random.Random, units: list[_Unit]) -> int:
    """Move the last paragraph(s) of an untouched article to the end of another one at least a tenth of the
    text away; both keep at least ``MIN_PIECE_WORDS`` words of their own. 1 if done, else 0."""
    k = _pick(rng, units, _splittable)
    if k is None:
        return 0
    distance = max(3, len(units) // 10)
    targets = [t for t, u in enumerate(units) if abs(t - k) >= distance and u.sources and not u.touched]
    if not targets:
        return 0
    giver, taker = units[k], units[rng.choice(targets)]
    children = giver.article.norm_children()
    cut = max(_cuts(giver.article))
    giver.article.children = children[:cut]
    taker.article.children = [*taker.article.norm_children(), *children[cut:]]
    giver.touched = taker.touched = True
    taker.fed = taker.fed + giver.sources
    return 1


def _splittable(unit: _Unit) -> bool:
    return len(_cuts(unit.article)) > 0


def _cuts(article: Provision) -> list[int]:
    """Where the norm children can be divided so that both pieces keep ``MIN_PIECE_WORDS`` words."""
    children = article.norm_children()
    sizes = [len(words(c.norm_text())) for c in children]
    head = len(words(article.text))
    return [
        c
        for c in range(1, len(children))
        if head + sum(sizes[:c]) >= MIN_PIECE_WORDS and sum(sizes[c:]) >= MIN_PIECE_WORDS
    ]


def _split(rng: random.Random, unit: _Unit) -> list[_Unit]:
    article = unit.article
    children = article.norm_children()
    cut = rng.choice(_cuts(article))
    article.children = children[:cut]
    second = Provision(kind="article", eid="", children=children[cut:])
    return [_Unit(article, unit.sources, touched=True), _Unit(second, unit.sources, touched=True)]


def edit_words(
    rng: random.Random, article: Provision, rate: float, vocabulary: Sequence[str], counts: dict[str, int]
) -> None:
    """Edit ``round(rate * words)`` of the article's words, drawn without replacement: each is deleted,
    substituted, or followed by an inserted word (one third each).

    A fixed count, not a coin per word, so that every article is edited at the rate: with coins, a
    five-word article would now and then lose three words and become unrecognisable by anyone.
    """
    nodes = [n for n in article.walk() if n.kind != "note" and n.text]
    slots = [(k, m.start(), m.end()) for k, n in enumerate(nodes) for m in _WORD.finditer(n.text)]
    chosen = sorted(rng.sample(slots, round(rate * len(slots))), reverse=True)
    for k, start, end in chosen:  # from the end, so earlier offsets stay valid
        text = nodes[k].text
        word = text[start:end]
        action = rng.randrange(3)
        if action == 0:  # the word and the space before it
            start -= 1 if start and text[start - 1] == " " else 0
            replacement = ""
            counts["deleted"] += 1
        elif action == 1:
            replacement = _other(rng, vocabulary, word)
            counts["deleted"] += 1
            counts["inserted"] += 1
        else:
            replacement = f"{word} {_other(rng, vocabulary, word)}"
            counts["inserted"] += 1
        nodes[k].text = text[:start] + replacement + text[end:]


def _other(rng: random.Random, vocabulary: Sequence[str], word: str) -> str:
    while (choice := rng.choice(vocabulary)) == word:
        pass
    return choice


def _number(units: list[_Unit], articles: Sequence[Provision], *, renumber: bool, moved: list[_Unit]) -> None:
    """Number 1..N, or keep the source numbers and give inserted, moved and split-off articles "N.k"."""
    keeps = [
        bool(u.sources) and u not in moved and (k == 0 or units[k - 1].sources[:1] != u.sources[:1])
        for k, u in enumerate(units)
    ]
    used = {str(articles[u.sources[0]].num) for u, keep in zip(units, keeps, strict=True) if keep}
    previous = "0"
    for k, unit in enumerate(units):
        if renumber:
            num = str(k + 1)
        elif keeps[k]:
            num = str(articles[unit.sources[0]].num)
        else:
            num = next(f"{previous}.{s}" for s in range(1, len(units) + 2) if f"{previous}.{s}" not in used)
        used.add(num)
        previous = num
        unit.article.num = num
        unit.article.label = f"Article {num}"
        unit.article.eid = f"art_{num.replace('.', '-')}"


def _groups(units: Sequence[_Unit], articles: Sequence[Provision], n_old: int) -> list[Group]:
    by_source: dict[tuple[int, ...], list[int]] = {}
    groups: list[Group] = []
    for j, unit in enumerate(units):
        if not unit.sources:
            groups.append(Group((), (j,)))
        else:
            by_source.setdefault(unit.sources, []).append(j)
    for sources, news in by_source.items():
        old_words = words(" ".join(articles[i].norm_text() for i in sources))
        new_words = words(" ".join(units[j].article.norm_text() for j in news))
        feeders = tuple((j, i) for j in news for i in units[j].fed)
        groups.append(Group(sources, tuple(news), old_words != new_words, feeders=feeders))
    kept = {i for g in groups for i in g.old}
    groups.extend(Group((i,), ()) for i in range(n_old) if i not in kept)
    return groups


def _gold(
    groups: Sequence[Group], old: Sequence[Provision], new: Sequence[Provision]
) -> list[dict[str, Any]]:
    old_nums = [a.num for a in old]
    new_nums = [a.num for a in new]
    lines: list[dict[str, Any]] = []
    for group, kind in zip(groups, group_kinds(groups, old_nums=old_nums, new_nums=new_nums), strict=True):
        if not group.new:
            lines.append({"old_removed": old_nums[group.old[0]]})
            continue
        for j in group.new:
            fed = [old_nums[i] for n, i in group.feeders if n == j]
            lines.append({"new": new_nums[j], "old": [old_nums[i] for i in group.old] + fed, "kind": kind})
    return lines
