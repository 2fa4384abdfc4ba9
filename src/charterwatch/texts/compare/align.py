"""Align the articles of two versions by what they say, not by their numbers.

Three passes over the normalised norm texts (``normalise.py``; editorial notes are never read):

1. **Global one-to-one assignment.** Every old/new pair is worth its similarity (``similarity.py``) above
   ``match_threshold``, less ``order_weight`` times the distance between their relative positions (0 to 1).
   Scipy's Hungarian solver picks the one-to-one matching of greatest total worth; pairs worth nothing stay
   unmatched. The order term only breaks near-ties, so a moved article still finds its partner.
2. **Gaps.** Matched pairs in order (see ``kinds.in_order``) cut both texts into gaps. An old and a new article
   left over in the same gap sit where each other's counterpart would be, so they are matched at the lower
   ``gap_threshold``, again by Hungarian assignment within the gap.
3. **Pieces.** A new article still unmatched whose word pairs mostly (``piece_threshold``) come from a matched
   old article, and from no part of it already taken, is a piece of a split; an old article still unmatched
   that mostly went into a matched new article joins it in a merge.
4. **Paragraphs** (``paragraphs.py``). An article still unmatched whose paragraphs, compared by lemma, mostly
   (``FEED_SHARE`` of its words) went into one article of the other version joins that article's group (a
   merge or a split piece; a reworded piece that containment missed). A paragraph that left a living article
   for another one is recorded as a feeder link of the receiving article (``Group.feeders``) when the two
   paragraphs are each other's best match and carry at least ``MIN_FEED_WORDS`` words and ``PARTIAL_SHARE``
   of the receiving article: several old articles can feed one new article.

Thresholds: docs/compare.md says how they were chosen (on synthetic variants and within-text similarities,
never on the real pairs' answers). Everything is deterministic.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

from charterwatch.texts.compare.kinds import Group, group_kinds, in_order
from charterwatch.texts.compare.model import AlignedPair
from charterwatch.texts.compare.normalise import normalise, words
from charterwatch.texts.compare.paragraphs import Contributions, contributions, lemma, units
from charterwatch.texts.compare.similarity import Matrix, Scorer, containment
from charterwatch.texts.tree import ParsedText, Provision

FEED_SHARE = 0.5  # share of an unmatched article's words in paragraphs that went into one other article
MIN_FEED_WORDS = 12  # words of the paragraphs that feed a living article from another one
PARTIAL_SHARE = 0.05  # ... and their share of the receiving article
MIN_NEW_WORDS = 3  # words an unmatched old article must bring into a new one to join it without a best match
MATCH_THRESHOLD = 0.35
GAP_THRESHOLD = 0.25
PIECE_THRESHOLD = 0.45
ORDER_WEIGHT = 0.1
CANDIDATES = 5  # wholes tried for each piece, by cosine
REASSIGN_MARGIN = 0.2  # share of its words a matched article must gain to move into a split or merge


def align(
    old: ParsedText,
    new: ParsedText,
    *,
    match_threshold: float = MATCH_THRESHOLD,
    gap_threshold: float = GAP_THRESHOLD,
    piece_threshold: float = PIECE_THRESHOLD,
    order_weight: float = ORDER_WEIGHT,
) -> list[AlignedPair]:
    """Aligned pairs in the order of the new text; a removed article follows the pair of its old predecessor.

    Redlines and word counts are left empty: ``compare`` fills them.
    """
    old_articles, new_articles = old.articles(), new.articles()
    groups = align_texts(
        [a.norm_text() for a in old_articles],
        [a.norm_text() for a in new_articles],
        old_units=[units(a) for a in old_articles],
        new_units=[units(a) for a in new_articles],
        lang=new.lang,
        match_threshold=match_threshold,
        gap_threshold=gap_threshold,
        piece_threshold=piece_threshold,
        order_weight=order_weight,
    )
    return pairs_from_groups(groups, old_articles, new_articles)


def pairs_from_groups(
    groups: Sequence[Group], old_articles: Sequence[Provision], new_articles: Sequence[Provision]
) -> list[AlignedPair]:
    old_nums = [a.num for a in old_articles]
    new_nums = [a.num for a in new_articles]
    kinds = group_kinds(groups, old_nums=old_nums, new_nums=new_nums)
    pairs: list[AlignedPair] = []
    for group, kind in sorted(zip(groups, kinds, strict=True), key=lambda gk: _reading_order(gk[0], groups)):
        old_refs = [str(old_nums[i]) for i in group.old]
        pieces = [[j] for j in group.new] if kind == "split" else [list(group.new)]
        for piece in pieces:
            new_refs = [str(new_nums[j]) for j in piece]
            fed = [str(old_nums[i]) for j, i in group.feeders if j in piece]
            pairs.append(
                AlignedPair(
                    kind, new_refs, old_refs, group.similarity, text_changed=group.text_changed, fed_by=fed
                )
            )
    return pairs


def _reading_order(group: Group, groups: Sequence[Group]) -> tuple[float, int, int]:
    if group.new:
        return (min(group.new), 0, min(group.old, default=-1))
    before = [min(g.new) for g in groups if g.new and g.old and min(g.old) < group.old[0]]
    return (max(before, default=-1) + 0.5, 1, group.old[0])


def align_texts(
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    *,
    lang: str,
    match_threshold: float = MATCH_THRESHOLD,
    gap_threshold: float = GAP_THRESHOLD,
    piece_threshold: float = PIECE_THRESHOLD,
    order_weight: float = ORDER_WEIGHT,
    old_units: Sequence[Sequence[str]] | None = None,
    new_units: Sequence[Sequence[str]] | None = None,
) -> list[Group]:
    """Groups of old and new article indexes (see the module docstring); empty articles stay unmatched.

    ``old_units`` and ``new_units`` are each article's paragraphs (``paragraphs.units``); without them the
    paragraph pass cuts the texts into sentences."""
    old_norm = [normalise(t, lang=lang) for t in old_texts]
    new_norm = [normalise(t, lang=lang) for t in new_texts]
    scorer, sim = Scorer.fit(old_norm, new_norm)
    worth = sim - order_weight * _position_distance(len(old_texts), len(new_texts))

    pairs = _assign(worth - match_threshold, range(len(old_texts)), range(len(new_texts)))
    for olds, news in _gaps(pairs, len(old_texts), len(new_texts)):
        pairs |= _assign(worth - gap_threshold, olds, news)

    old_to_new: dict[int, list[int]] = {i: [j] for i, j in pairs}
    new_to_old: dict[int, list[int]] = {j: [i] for i, j in pairs}
    _attach_pieces(new_norm, old_norm, new_to_old, old_to_new, sim.T, piece_threshold)
    _attach_pieces(old_norm, new_norm, old_to_new, new_to_old, sim, piece_threshold)
    contributed = contributions(
        old_units if old_units is not None else [units_of(t) for t in old_texts],
        new_units if new_units is not None else [units_of(t) for t in new_texts],
        lang=lang,
    )
    _attach_by_paragraphs(contributed, old_to_new, new_to_old, old_norm, new_norm, lang)
    feeders = _feeders(contributed, old_to_new, new_to_old)

    groups: list[Group] = []
    seen_old: set[int] = set()
    for j in range(len(new_texts)):
        olds = new_to_old.get(j, [])
        if olds and olds[0] in seen_old:
            continue  # a later piece of a split already grouped
        news = old_to_new[olds[0]] if olds else [j]
        seen_old.update(olds)
        group = _group(sorted(olds), sorted(news), old_texts, new_texts, scorer, sim)
        fed = tuple((n, i) for n in group.new for i in feeders.get(n, []))
        groups.append(replace(group, feeders=fed) if fed else group)
    groups.extend(
        _group([i], [], old_texts, new_texts, scorer, sim)
        for i in range(len(old_texts))
        if i not in old_to_new
    )
    return groups


def units_of(text: str) -> list[str]:
    """Paragraph units of a bare text (no tree): its sentences."""
    return units(Provision(kind="article", eid="", text=text))


def _attach_by_paragraphs(
    contributed: Contributions,
    old_to_new: dict[int, list[int]],
    new_to_old: dict[int, list[int]],
    old_norm: Sequence[str],
    new_norm: Sequence[str],
    lang: str,
) -> None:
    """Unmatched articles whose paragraphs mostly went into one article of the other version join its group,
    where that keeps every group one-to-many or many-to-one."""
    best_old: dict[int, tuple[float, int]] = {}
    for (i, j), matched in contributed.old_to_new.items():
        if i in old_to_new or j not in new_to_old:
            continue
        # Not a look-alike of j's own source: its paragraphs are j's best sources, or j's new words are its.
        count = contributed.moved(i, j, own_new=[], own_old=new_to_old[j])
        if count < matched and _brought_new_words(i, j, new_to_old[j], old_norm, new_norm, lang):
            count = matched
        share = count / max(contributed.old_words[i], 1)
        if (
            i not in old_to_new
            and j in new_to_old
            and share >= FEED_SHARE
            and share > best_old.get(i, (0, -1))[0]
        ):
            best_old[i] = (share, j)
    for i, (_, j) in sorted(best_old.items()):
        partners = new_to_old[j]
        if all(old_to_new[o] == [j] for o in partners):  # j's group has one new article: a merge
            partners.append(i)
            old_to_new[i] = [j]
    best_new: dict[int, tuple[float, int]] = {}
    for (i, j), count in contributed.new_from_old.items():
        share = count / max(contributed.new_words[j], 1)
        if (
            j not in new_to_old
            and i in old_to_new
            and share >= FEED_SHARE
            and share > best_new.get(j, (0, -1))[0]
        ):
            best_new[j] = (share, i)
    for j, (_, i) in sorted(best_new.items()):
        partners = old_to_new[i]
        if all(new_to_old[n] == [i] for n in partners):  # i's group has one old article: a split
            partners.append(j)
            new_to_old[j] = [i]


def _brought_new_words(
    i: int, j: int, sources: Sequence[int], old_norm: Sequence[str], new_norm: Sequence[str], lang: str
) -> bool:
    """Whether old article ``i`` holds at least half (and ``MIN_NEW_WORDS``) of the lemmas that new article
    ``j`` has beyond its own sources: the words a merge brings in."""
    own = Counter(lemma(w, lang) for k in sources for w in old_norm[k].split())
    inserted = Counter(lemma(w, lang) for w in new_norm[j].split()) - own
    if not inserted:
        return False
    theirs = Counter(lemma(w, lang) for w in old_norm[i].split())
    overlap = sum((inserted & theirs).values())
    return overlap >= MIN_NEW_WORDS and overlap >= 0.5 * sum(inserted.values())


def _feeders(
    contributed: Contributions, old_to_new: dict[int, list[int]], new_to_old: dict[int, list[int]]
) -> dict[int, list[int]]:
    """New article -> old articles outside its group whose paragraphs left them for it (``Contributions.moved``:
    at least ``MIN_FEED_WORDS`` words and ``PARTIAL_SHARE`` of the new article); both must be matched."""
    feeders: dict[int, list[int]] = {}
    candidates = sorted({(i, j) for (i, j) in contributed.old_to_new if i in old_to_new and j in new_to_old})
    for i, j in candidates:
        if i in new_to_old[j]:
            continue
        count = contributed.moved(i, j, own_new=old_to_new[i], own_old=new_to_old[j])
        if count >= MIN_FEED_WORDS and count / max(contributed.new_words[j], 1) >= PARTIAL_SHARE:
            feeders.setdefault(j, []).append(i)
    return feeders


def _position_distance(n_old: int, n_new: int) -> Matrix:
    p = np.arange(n_old) / max(n_old - 1, 1)
    q = np.arange(n_new) / max(n_new - 1, 1)
    return np.abs(p[:, None] - q[None, :])


def _assign(gain: Matrix, olds: Sequence[int], news: Sequence[int]) -> set[tuple[int, int]]:
    """The one-to-one matching of ``olds`` to ``news`` with the greatest total positive gain."""
    if not len(olds) or not len(news):
        return set()
    sub = np.maximum(gain[np.ix_(list(olds), list(news))], 0.0)
    rows, cols = linear_sum_assignment(sub, maximize=True)
    return {(olds[r], news[c]) for r, c in zip(rows.tolist(), cols.tolist(), strict=True) if sub[r, c] > 0}


def _gaps(pairs: set[tuple[int, int]], n_old: int, n_new: int) -> list[tuple[list[int], list[int]]]:
    """Unmatched old and new indexes between consecutive in-order pairs (and before the first, after the last)."""
    groups = [Group((i,), (j,)) for i, j in sorted(pairs)]
    anchors = sorted((groups[k].old[0], groups[k].new[0]) for k in in_order(groups))
    matched_old = {i for i, _ in pairs}
    matched_new = {j for _, j in pairs}
    bounds = [(-1, -1), *anchors, (n_old, n_new)]
    gaps = []
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        olds = [i for i in range(i0 + 1, i1) if i not in matched_old]
        news = [j for j in range(j0 + 1, j1) if j not in matched_new]
        if olds and news:
            gaps.append((olds, news))
    return gaps


def _attach_pieces(
    pieces: Sequence[str],
    wholes: Sequence[str],
    piece_links: dict[int, list[int]],
    whole_links: dict[int, list[int]],
    sim: Matrix,
    threshold: float,
) -> None:
    """Attach pieces to the linked whole they mostly came from (splits one way, merges the other).

    ``sim`` is pieces x wholes; only the ``CANDIDATES`` wholes most like a piece are tried. A piece is an
    unlinked article, or one matched one to one whose partner is not its most similar whole and explains
    ``REASSIGN_MARGIN`` less of its words than the candidate's remainder does (then its partner is freed).
    A whole takes several pieces only while its partners belong to it alone, so no group is many-to-many.
    Best candidates go first; ties go to the lower index.
    """
    candidates: list[tuple[float, int, int]] = []
    for p, piece in enumerate(pieces):
        own = _own_share(p, pieces, wholes, piece_links, whole_links, sim)
        if own is None or not piece:
            continue
        for w in np.argsort(-sim[p], kind="stable")[:CANDIDATES].tolist():
            score = _remainder_share(p, w, pieces, wholes, piece_links, whole_links, threshold)
            if score >= threshold and score >= own:
                candidates.append((-score, p, w))
    for _, p, w in sorted(candidates):
        own = _own_share(p, pieces, wholes, piece_links, whole_links, sim)
        if own is None or _remainder_share(p, w, pieces, wholes, piece_links, whole_links, threshold) < max(
            threshold, own
        ):
            continue
        for old_whole in piece_links.pop(p, []):
            del whole_links[old_whole]
        whole_links[w].append(p)
        piece_links[p] = [w]


def _own_share(
    p: int,
    pieces: Sequence[str],
    wholes: Sequence[str],
    piece_links: dict[int, list[int]],
    whole_links: dict[int, list[int]],
    sim: Matrix,
) -> float | None:
    """What a piece needs to beat to move: 0 when unlinked, its partner's share plus the margin when it is
    matched one to one but likes another whole better; None when it may not move."""
    links = piece_links.get(p)
    if links is None:
        return 0.0
    if len(links) != 1 or whole_links[links[0]] != [p] or int(np.argmax(sim[p])) == links[0]:
        return None
    return containment(pieces[p], wholes[links[0]]) + REASSIGN_MARGIN


def _remainder_share(
    p: int,
    w: int,
    pieces: Sequence[str],
    wholes: Sequence[str],
    piece_links: dict[int, list[int]],
    whole_links: dict[int, list[int]],
    threshold: float,
) -> float:
    """Share of piece ``p`` found in what whole ``w`` has left (or a bound under ``threshold``); 0 if ``w``
    cannot take another piece."""
    partners = whole_links.get(w)
    if not partners or p in partners or any(len(piece_links[q]) != 1 for q in partners):
        return 0.0
    siblings = [pieces[q] for q in sorted(partners)]
    return containment(pieces[p], wholes[w], siblings=siblings, at_least=threshold)


def _group(
    olds: list[int],
    news: list[int],
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    scorer: Scorer,
    sim: Matrix,
) -> Group:
    old_text = " ".join(old_texts[i] for i in olds)
    new_text = " ".join(new_texts[j] for j in news)
    similarity = 0.0
    if len(olds) == 1 and len(news) == 1:
        similarity = round(float(sim[olds[0], news[0]]), 4)
    elif olds and news:
        similarity = round(scorer.group_similarity(olds, news), 4)
    return Group(tuple(olds), tuple(news), words(old_text) != words(new_text), similarity)
