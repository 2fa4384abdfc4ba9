"""The whole pipeline in memory and as a Dask graph: same duplicate groups, themes, stage timings, files."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client

from charterwatch.consult.dedup import find_duplicates
from charterwatch.consult.distributed import connect, run_distributed
from charterwatch.consult.model import Proposal
from charterwatch.consult.pipeline import Consultation, run_pipeline
from charterwatch.consult.shingles import jaccard, normalise, shingle_hashes
from charterwatch.consult.synthetic import Synthetic, generate, polis_ideas
from charterwatch.consult.verify import same_idea
from charterwatch.errors import CharterwatchError, E
from conftest import SHARED_DIR

POLIS = Path("data/consultations/polis-opendata")


@pytest.fixture(scope="module")
def synthetic() -> Synthetic:
    if not (SHARED_DIR / POLIS).is_dir():
        pytest.skip(f"no Polis conversations under {SHARED_DIR}")
    return generate(polis_ideas(SHARED_DIR / POLIS), size=1200, seed=3)


@pytest.fixture(scope="module")
def in_memory(synthetic: Synthetic) -> Consultation:
    return run_pipeline(synthetic.proposals)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with connect(workers=2, threads=1, processes=False) as client:
        yield client


def _precision_recall(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float]:
    shared = len(found & truth)
    return shared / max(len(found), 1), shared / max(len(truth), 1)


def test_pipeline_finds_the_true_groups_and_times_each_stage(
    synthetic: Synthetic, in_memory: Consultation
) -> None:
    precision, recall = _precision_recall(in_memory.dedup.pairs(), synthetic.true_pairs())
    assert precision >= 0.95 and recall >= 0.95
    assert list(in_memory.timings) == ["duplicates", "themes"]
    assert len(in_memory.dedup.campaigns) == 6
    representatives = {g.representative for g in in_memory.dedup.groups}
    themed = [m for theme in in_memory.themes for m in theme.members]
    assert len(themed) == len(set(themed)) and set(themed) <= representatives
    assert len(in_memory.themes) >= 10


@pytest.mark.slow
def test_dask_graph_agrees_with_the_in_memory_pipeline(
    client: Client, synthetic: Synthetic, in_memory: Consultation
) -> None:
    distributed = run_distributed(client, synthetic.proposals)
    precision, recall = _precision_recall(distributed.dedup.pairs(), in_memory.dedup.pairs())
    assert precision >= 0.95 and recall >= 0.95
    precision, recall = _precision_recall(distributed.dedup.pairs(), synthetic.true_pairs())
    assert precision >= 0.95 and recall >= 0.95
    assert len(distributed.dedup.campaigns) == 6
    assert all("{…}" in (c.template or "") for c in distributed.dedup.campaigns)
    assert sorted(len(g.members) for g in distributed.dedup.campaigns) == sorted(
        len(g.members) for g in in_memory.dedup.campaigns
    )
    representatives = {g.representative for g in distributed.dedup.groups}
    themed = [m for theme in distributed.themes for m in theme.members]
    assert len(distributed.themes) >= 10 and set(themed) <= representatives
    assert all(len(theme.keywords) == 6 for theme in distributed.themes)


@pytest.mark.slow
def test_dask_graph_reads_json_lines_in_blocks_and_writes_its_results(
    client: Client, synthetic: Synthetic, tmp_path: Path
) -> None:
    proposals, _ = synthetic.write(tmp_path / "data")
    result = run_distributed(client, [proposals], blocksize=100_000, themes=False)
    assert result.proposals == len(synthetic.proposals)
    precision, recall = _precision_recall(result.dedup.pairs(), synthetic.true_pairs())
    assert precision >= 0.95 and recall >= 0.95
    written = result.write(tmp_path / "out")
    groups = [json.loads(line) for line in written[0].read_text(encoding="utf-8").splitlines()]
    assert sum(len(g["members"]) for g in groups) == len(synthetic.proposals)
    summary = json.loads(written[2].read_text(encoding="utf-8"))
    assert summary["ideas"] == result.dedup.ideas and "verify" in summary["timings_s"]


def test_dask_graph_refuses_a_bad_line(client: Client, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Keep the land public."}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(CharterwatchError) as caught:
        run_distributed(client, [bad])
    assert caught.value.code is E.JSONL_LINE_INVALID and "line 2" in caught.value.message
    with pytest.raises(CharterwatchError) as missing:
        run_distributed(client, [tmp_path / "nowhere.jsonl"])
    assert missing.value.code is E.FILE_NOT_FOUND


def test_pipeline_links_the_unique_ideas_to_articles() -> None:
    from functools import partial

    from charterwatch.consult.linking import link_articles
    from charterwatch.consult.model import Proposal
    from charterwatch.texts.corpus import corpus_entry
    from charterwatch.texts.importer import parse_file

    parsed, _ = parse_file(corpus_entry("KZ@1995-en").path(), lang="en")
    texts = ["Article 15 must abolish the death penalty.", "article 15 must abolish the death penalty!!"]
    texts += [f"Free health care for every child in region {n}, as Article 29 says." for n in range(3)]
    proposals = [Proposal(id=f"p{k}", text=text, language="en") for k, text in enumerate(texts)]
    result = run_pipeline(proposals, linker=partial(link_articles, version=parsed, ref="KZ@1995-en"))
    assert list(result.timings) == ["duplicates", "themes", "links"]
    assert set(result.links) == {g.representative for g in result.dedup.groups} and "p1" not in result.links
    assert [link.num for link in result.links["p0"]][:1] == ["15"]


@pytest.mark.slow
def test_dask_graph_joins_groups_by_the_in_memory_rule(shared_dir: Path, client: Client) -> None:
    """Omnibus proposals ("A. B.", sent first) pass the check with A and with B, so joining every checked
    pair would chain two ideas; both paths join small groups only when every pair across agrees, and agree."""
    synthetic = generate(polis_ideas(shared_dir / POLIS), size=400, seed=11, campaigns=0)
    sizes = Counter(synthetic.truth.values())
    lone = [
        p
        for p in synthetic.proposals
        if p.language == "en" and 10 <= len(p.text.split()) <= 20 and sizes[synthetic.truth[p.id]] == 1
    ]
    omnibus: list[tuple[Proposal, Proposal, Proposal]] = []
    for a, b in zip(lone[::2], lone[1::2], strict=False):
        both = Proposal(id=f"omnibus-{a.id}", text=f"{a.text.rstrip()} {b.text.strip()}", language="en")
        norm_a, norm_b, norm_both = (normalise(p.text) for p in (a, b, both))
        hashes = [shingle_hashes(n) for n in (norm_a, norm_b, norm_both)]
        if (
            min(jaccard(hashes[0], hashes[2]), jaccard(hashes[1], hashes[2])) >= 0.45
            and same_idea(norm_both, norm_a) is None
            and same_idea(norm_both, norm_b) is None
            and same_idea(norm_a, norm_b) is not None
        ):
            omnibus.append((both, a, b))
    assert len(omnibus) >= 4
    proposals = [both for both, _, _ in omnibus] + synthetic.proposals
    in_memory = find_duplicates(proposals)
    distributed = run_distributed(client, proposals, themes=False)
    for dedup in (in_memory, distributed.dedup):
        for both, a, b in omnibus:
            assert dedup.group_of[a.id] != dedup.group_of[b.id]
            assert dedup.group_of[both.id] in (dedup.group_of[a.id], dedup.group_of[b.id])
    assert sorted(g.members for g in distributed.dedup.groups) == sorted(g.members for g in in_memory.groups)
