"""The consultation pipeline as a Dask graph: the same answers as ``pipeline.run_pipeline``, for millions.

Stages (``docs/consult.md``): proposals are read in partitions (JSON Lines by byte blocks on the workers, or
scattered from memory); each partition is normalised, keyed and, for the first of each exact text, shingled and
MinHashed in parallel; the LSH bands become rows shuffled on their key (a dask.dataframe shuffle), each
bucket linking its members to its first; candidate pairs are checked (exact Jaccard, then ``verify.same_idea``)
in parallel, one task per partition; connected components, campaigns and the merge log are made on the client.
Themes (``distributed_themes.py``) are fit on a sample of the unique ideas and assigned in parallel.

A proposal's number is ``partition << 32 | row``, so input order is kept without counting rows first. The same
code runs on a LocalCluster (``workers``, ``threads``) or on a running scheduler (``scheduler="tcp://..."``;
the files must then be readable by every worker).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final, NamedTuple

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
from dask import bag as db
from dask import dataframe as dd
from dask.delayed import Delayed, delayed
from datasketch import MinHashLSH  # type: ignore[import-untyped]
from distributed import Client, Future, LocalCluster

from charterwatch.consult.campaigns import CAMPAIGN_MIN, label_campaigns, sample
from charterwatch.consult.dedup import COMPLETE_LINKAGE, LSH_THRESHOLD, THRESHOLD, Dedup, Forest
from charterwatch.consult.distributed_themes import distributed_themes
from charterwatch.consult.model import PROPOSAL_LANGUAGES, Proposal
from charterwatch.consult.pipeline import Consultation, Stopwatch
from charterwatch.consult.progress import Tracker
from charterwatch.consult.shingles import NUM_PERM, Signer, jaccard, normalise, shingle_hashes, text_hash
from charterwatch.consult.verify import same_idea
from charterwatch.errors import CharterwatchError, E
from charterwatch.lang.detect import detect_language

METHOD: Final = "consult.pipeline.dask.v1"
BLOCKSIZE: Final = 16 * 2**20  # bytes of JSON Lines per partition
ROWS: Final = 50_000  # proposals per partition when they come from memory
CANDIDATES: Final = 4  # checked pairs per proposal at most (best_candidates)
_SHIFT: Final = 32
_MIX: Final = np.uint64(0x9E3779B97F4A7C15)


class Parsed(NamedTuple):
    """One partition: its rows (index: proposal number) and the first bad line, if any."""

    frame: pd.DataFrame
    error: tuple[str, str, str] | None  # (line, file, reason)


@contextmanager
def connect(
    *, workers: int = 2, threads: int = 1, scheduler: str | None = None, processes: bool = True
) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster made (and closed) here."""
    # The shuffle's scheduler plugin logs every shuffle it starts and ends as a WARNING: routine, not news.
    logging.getLogger("distributed.shuffle._scheduler_plugin").setLevel(logging.ERROR)
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=threads,
            processes=processes,
            dashboard_address=None,  # no dashboard; its bare HTTP server (health checks) on any free port:
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # 8787 may be taken on a shared machine
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_distributed(
    client: Client,
    source: Sequence[Proposal] | Sequence[Path],
    *,
    progress: bool = False,
    threshold: float = THRESHOLD,
    lsh_threshold: float = LSH_THRESHOLD,
    num_perm: int = NUM_PERM,
    campaign_min: int = CAMPAIGN_MIN,
    blocksize: int = BLOCKSIZE,
    candidates: int = CANDIDATES,
    themes: bool = True,
) -> Consultation:
    """Duplicates, campaigns and TF-IDF themes of ``source`` (proposals, or JSON Lines files) on ``client``."""
    watch, track = Stopwatch(), Tracker(enabled=progress)
    with track:
        with watch.stage("read and sign"):
            parts = _partitions(client, source, blocksize=blocksize)
            parts = track.wait("read", client.persist(parts))
            _raise_first_error(client, parts)
            keys = pd.concat(client.gather(client.compute([delayed(_keys)(p) for p in parts])))
            leaders = _exact_leaders(keys)
            lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
            firsts = leaders.index.to_numpy()
            bands = [
                delayed(_bands)(p, firsts[firsts >> _SHIFT == k], num_perm, lsh.b, lsh.r)
                for k, p in enumerate(parts)
            ]
        with watch.stage("band shuffle"):
            meta = pd.DataFrame({"band": pd.Series(dtype="int64"), "idx": pd.Series(dtype="int64")})
            pairs_meta = pd.DataFrame({c: pd.Series(dtype="int64") for c in ("a", "b", "bands")})
            pairs_frame = dd.from_delayed(bands, meta=meta, verify_meta=False).shuffle("band")
            pairs_frame = pairs_frame.map_partitions(_bucket_pairs, meta=pairs_meta)
            found = client.persist(pairs_frame)
            track.wait("bands", found)
            pairs = best_candidates(found.compute(), per_proposal=candidates)
        joined = _Joined(keys, leaders)
        _verify_in_rounds(client, parts, pairs, joined, threshold=threshold, track=track, watch=watch)
        with watch.stage("groups"):
            dedup = _groups(client, parts, keys, joined.forest, campaign_min=campaign_min)
        found_themes = []
        if themes:
            with watch.stage("themes"):
                found_themes = distributed_themes(client, parts, dedup, keys, track=track)
    return Consultation(dedup, found_themes, len(keys), timings=watch.timings, method=METHOD)


def _partitions(
    client: Client, source: Sequence[Proposal] | Sequence[Path], *, blocksize: int
) -> list[Delayed]:
    if source and all(isinstance(item, Path) for item in source):
        paths = [str(item) for item in source]
        missing = [p for p in paths if not Path(p).is_file()]
        if missing:
            raise CharterwatchError(E.FILE_NOT_FOUND, path=missing[0])
        lines = db.read_text(paths, blocksize=blocksize, include_path=True).to_delayed()
        return [delayed(_parse_lines)(part, k) for k, part in enumerate(lines)]
    rows = [(p.id, p.text, p.language) for p in source if isinstance(p, Proposal)]
    chunks = [rows[k : k + ROWS] for k in range(0, len(rows), ROWS)] or [[]]
    futures: list[Future[Any]] = client.scatter(chunks)
    return [delayed(_frame)(future, k) for k, future in enumerate(futures)]


def _parse_lines(lines: list[tuple[str, str]], partition: int) -> Parsed:
    rows: list[tuple[str, str, str]] = []
    for number, (line, path) in enumerate(lines):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            if not isinstance(record, dict) or not isinstance(text, str) or not text.strip():
                raise ValueError("no text")
        except (ValueError, KeyError, TypeError) as error:
            where = (
                f"{number + 1}"
                if partition == 0
                else f"{number + 1} of block {partition + 1} (blocks of 16 MB)"
            )
            return Parsed(_frame([], partition).frame, (where, path, str(error)))
        language = record.get("language") or detect_language(text, languages=PROPOSAL_LANGUAGES)
        rows.append((str(record.get("id") or f"p{partition}-{number}"), text, str(language)))
    return _frame(rows, partition)


def _frame(rows: Sequence[tuple[str, str, str]], partition: int) -> Parsed:
    ids, texts, languages = zip(*rows, strict=True) if rows else ((), (), ())
    norms = [normalise(t) for t in texts]
    index = pd.Index((partition << _SHIFT) + np.arange(len(rows), dtype=np.int64), name="idx")
    keys = [int(text_hash(n)[:16], 16) - 2**63 for n in norms]
    data = {"id": list(ids), "text": list(texts), "language": list(languages), "norm": norms}
    frame = pd.DataFrame(data, index=index).assign(key=np.asarray(keys, dtype=np.int64))
    return Parsed(frame, None)


def _raise_first_error(client: Client, parts: list[Delayed]) -> None:
    errors = client.gather(client.compute([delayed(_error)(p) for p in parts]))
    for error in errors:
        if error is not None:
            line, path, reason = error
            raise CharterwatchError(E.JSONL_LINE_INVALID, line=line, path=path, reason=reason)


def _error(part: Parsed) -> tuple[str, str, str] | None:
    return part.error


def _keys(part: Parsed) -> pd.DataFrame:
    return part.frame[["id", "key", "language"]]


def _exact_leaders(keys: pd.DataFrame) -> pd.Series:
    """For each first proposal of an exact text, its number (index) -> the key; copies map to their first."""
    first = keys.reset_index().groupby("key", sort=False)["idx"].min()
    return pd.Series(first.index.to_numpy(), index=pd.Index(first.to_numpy(), name="idx")).sort_index()


def _bands(part: Parsed, leaders: np.ndarray, num_perm: int, b: int, r: int) -> pd.DataFrame:
    """One row per (LSH band key, proposal) for the first proposal of each exact text in the partition."""
    frame = part.frame.loc[leaders]
    signer = Signer(num_perm=num_perm)
    signatures = np.array(
        [signer.sign(shingle_hashes(n)).hashvalues for n in frame["norm"]], dtype=np.uint64
    ).reshape(len(frame), num_perm)
    powers = np.array([pow(1_000_003, j, 2**64) for j in range(r)], dtype=np.uint64)
    columns = []
    for band in range(b):
        block = signatures[:, band * r : (band + 1) * r]
        columns.append(
            ((block * powers).sum(axis=1, dtype=np.uint64) * _MIX + np.uint64(band)).view(np.int64)
        )
    keys = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    return pd.DataFrame({"band": keys, "idx": np.tile(frame.index.to_numpy(dtype=np.int64), b)})


def _bucket_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Each member of a shared bucket paired with the bucket's first member (a star, not every pair), with
    the number of bands in which that happens (pairs that share more bands are likelier near-duplicates)."""
    first = frame.groupby("band", sort=False)["idx"].transform("min")
    pairs = pd.DataFrame({"a": first.to_numpy(), "b": frame["idx"].to_numpy()})
    pairs = pairs[pairs["a"] != pairs["b"]]
    return pairs.groupby(["a", "b"], sort=False).size().rename("bands").reset_index()


def best_candidates(pairs: pd.DataFrame, *, per_proposal: int) -> pd.DataFrame:
    """For each proposal ``b``, the ``per_proposal`` earlier proposals ``a`` it shares most bands with, ranked.

    Components need one checked pair per proposal, not all of them: a copy of a popular idea shares buckets
    with its first copies in every band, and checking each of those pairs would cost more than all the rest.
    """
    counted = pairs.groupby(["a", "b"], sort=False)["bands"].sum().reset_index()
    counted = counted.sort_values(["b", "bands", "a"], ascending=[True, False, True], kind="stable")
    counted["rank"] = counted.groupby("b", sort=False).cumcount()
    return counted[counted["rank"] < per_proposal]


class _Joined:
    """The groups as they grow on the client: exact copies first, then checked pairs joined round by round by
    the in-memory path's rule (``Forest.join``), with the normalised texts that rule needs fetched per round."""

    def __init__(self, keys: pd.DataFrame, leaders: pd.Series) -> None:
        self.numbers = keys.index.to_numpy()
        self.position = pd.Series(np.arange(len(self.numbers)), index=self.numbers)
        self.ids: list[str] = keys["id"].tolist()
        first_of = pd.Series(leaders.index.to_numpy(), index=leaders.to_numpy())
        leader = first_of.reindex(keys["key"].to_numpy()).to_numpy()  # each proposal's exact text's first
        self.leader_pos = self.position.reindex(leader).to_numpy()
        self.forest = Forest(len(self.ids))
        for pos, first in enumerate(self.leader_pos.tolist()):
            if first != pos:
                self.forest.union(first, pos, "same text after normalisation")
        self.norms: dict[int, str] = {}

    def positions(self, numbers: Sequence[int]) -> list[int]:
        return self.position.reindex(np.asarray(numbers, dtype=np.int64)).tolist()  # type: ignore[no-any-return]

    def needed(self, edges: pd.DataFrame) -> np.ndarray:
        """Numbers of the exact texts whose words the rule may read this round: those of every small group
        at either end of an edge (a group it reads is made this round of such groups only)."""
        wanted: set[int] = set()
        for pos in set(self.positions(edges["a"].tolist()) + self.positions(edges["b"].tolist())):
            members = self.forest.group(pos)
            if len(members) <= COMPLETE_LINKAGE:
                wanted.update(int(self.leader_pos[m]) for m in members)
        return np.sort(self.numbers[np.fromiter(wanted, dtype=np.int64, count=len(wanted))])

    def join(self, edges: pd.DataFrame) -> pd.DataFrame:
        """Offer the checked pairs in order (as the in-memory loop does) to ``Forest.join``; the pairs it
        refused, their groups being small and not all of one idea."""
        edges = edges.sort_values(["a", "b"])
        ours, theirs = self.positions(edges["a"].tolist()), self.positions(edges["b"].tolist())
        refused = []
        for k, (a, b, score) in enumerate(zip(ours, theirs, edges["score"].tolist(), strict=True)):
            reason = f"near-duplicate of {self.ids[a]}: Jaccard {score:.2f}"
            if not self.forest.join(a, b, self._norm, reason=reason) and self.forest.find(
                a
            ) != self.forest.find(b):
                refused.append(k)
        return edges.iloc[refused]

    def _norm(self, pos: int) -> str:
        return self.norms[int(self.numbers[self.leader_pos[pos]])]


def _verify_in_rounds(
    client: Client,
    parts: list[Delayed],
    ranked: pd.DataFrame,
    joined: _Joined,
    *,
    threshold: float,
    track: Tracker,
    watch: Stopwatch,
) -> None:
    """Check each proposal's best candidate first, and its next ones only while the two are not yet in one
    group (as the in-memory path skips pairs already in one group); each round's pairs are joined by the
    in-memory rule before the next round is chosen. The in-memory loop offers every LSH pair, so two small
    groups one pair could not join meet again by another pair once they have grown; here the refused pairs
    are offered once more after the last round instead (a campaign is not left in pieces)."""
    forest = joined.forest
    refused = []
    for rank in sorted(set(ranked["rank"].tolist())):
        chosen = ranked[ranked["rank"] == rank]
        a_pos, b_pos = joined.positions(chosen["a"].tolist()), joined.positions(chosen["b"].tolist())
        open_rows = [
            k for k, (x, y) in enumerate(zip(a_pos, b_pos, strict=True)) if forest.find(x) != forest.find(y)
        ]
        if not open_rows:
            continue
        with watch.stage("verify"):
            checked = _verify(
                client,
                parts,
                chosen[["a", "b"]].to_numpy(dtype=np.int64)[open_rows],
                threshold=threshold,
                track=track,
                label=f"verify {rank + 1}",
            )
        with watch.stage("join (client)"):
            if len(checked):
                joined.norms = _norms(client, parts, joined.needed(checked))
                refused.append(joined.join(checked))
    with watch.stage("join (client)"):
        again = pd.concat(refused) if refused else _no_edges()
        if len(again):
            joined.norms = _norms(client, parts, joined.needed(again))
            joined.join(again)
        joined.norms = {}


def _norms(client: Client, parts: list[Delayed], wanted: np.ndarray) -> dict[int, str]:
    """The normalised texts of the proposals numbered ``wanted``, from the partitions that hold them."""
    tasks = [
        delayed(_rows)(part, wanted[wanted >> _SHIFT == k])
        for k, part in enumerate(parts)
        if (wanted >> _SHIFT == k).any()
    ]
    found: dict[int, str] = {}
    for series in client.gather(client.compute(tasks)):
        found.update(zip(series.index.tolist(), series.tolist(), strict=True))
    return found


def _no_edges() -> pd.DataFrame:
    return pd.DataFrame({"a": [], "b": [], "score": []}).astype({"a": "int64", "b": "int64"})


def _verify(
    client: Client, parts: list[Delayed], pairs: np.ndarray, *, threshold: float, track: Tracker, label: str
) -> pd.DataFrame:
    """Checked pairs (a, b, Jaccard): one task per partition of ``b`` with the rows of ``a`` it needs."""
    tasks = []
    for k, part in enumerate(parts):
        mine = pairs[pairs[:, 1] >> _SHIFT == k]
        if not len(mine):
            continue
        wanted = np.unique(mine[:, 0])
        foreign = [
            delayed(_rows)(other, wanted[wanted >> _SHIFT == j])
            for j, other in enumerate(parts)
            if (wanted >> _SHIFT == j).any()
        ]
        tasks.append(delayed(_check)(part, foreign, mine, threshold))
    futures = client.compute(tasks)
    track.wait(label, futures)
    checked = [frame for frame in client.gather(futures) if len(frame)]
    return pd.concat(checked) if checked else _no_edges()


def _rows(part: Parsed, wanted: np.ndarray) -> pd.Series:
    return part.frame.loc[wanted, "norm"]


def _check(part: Parsed, foreign: list[pd.Series], pairs: np.ndarray, threshold: float) -> pd.DataFrame:
    frames = [*foreign, part.frame["norm"]]
    norms = {k: v for frame in frames for k, v in zip(frame.index.tolist(), frame.tolist(), strict=True)}
    hashes: dict[int, Any] = {}
    kept: list[tuple[int, int, float]] = []
    for a, b in pairs.tolist():
        for x in (a, b):
            if x not in hashes:
                hashes[x] = shingle_hashes(norms[x])
        score = jaccard(hashes[a], hashes[b])
        if score >= threshold and same_idea(norms[a], norms[b]) is None:
            kept.append((a, b, score))
    return pd.DataFrame(kept, columns=["a", "b", "score"]).astype({"a": "int64", "b": "int64"})


def _groups(
    client: Client, parts: list[Delayed], keys: pd.DataFrame, forest: Forest, *, campaign_min: int
) -> Dedup:
    """The groups with their merge log, and campaigns labelled from each large group's sample of texts."""
    ids = keys["id"].tolist()
    rows = [_Id(i) for i in ids]
    groups = forest.groups(rows)  # type: ignore[arg-type]
    big = [g for g in groups if len(g.members) >= campaign_min]
    key_of = dict(zip(ids, keys["key"].astype(str), strict=True))
    texts = _texts(client, parts, keys, {m for g in big for m in sample(g.members)})
    label_campaigns(big, texts, key_of, campaign_min=campaign_min)
    return Dedup(groups)


class _Id(NamedTuple):
    id: str


def _texts(client: Client, parts: list[Delayed], keys: pd.DataFrame, wanted: set[str]) -> dict[str, str]:
    """The texts of the proposals named in ``wanted``, fetched from the partitions that hold them."""
    chosen = keys.index[keys["id"].isin(wanted)].to_numpy()
    tasks = [
        delayed(_text_rows)(part, chosen[chosen >> _SHIFT == k])
        for k, part in enumerate(parts)
        if (chosen >> _SHIFT == k).any()
    ]
    found: dict[str, str] = {}
    for frame in client.gather(client.compute(tasks)):
        found.update(zip(frame["id"], frame["text"], strict=True))
    return found


def _text_rows(part: Parsed, wanted: np.ndarray) -> pd.DataFrame:
    return part.frame.loc[wanted, ["id", "text"]]
