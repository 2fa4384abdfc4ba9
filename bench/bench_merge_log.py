"""Benchmark: the merge log of one event told by N sources, ingested into a fresh SQLite store.

Each source tells the same detention (a distinct closing line makes each a new source), so every incident after
the first merges into one; the log then holds N - 1 merges. Prints wall time of the ingest, the process's peak
resident memory and the size of the log's JSON and of the SQLite file. ``python bench/bench_merge_log.py [N]`` (default 1,000);
``python bench/bench_merge_log.py N FOLDER`` tells each .txt of FOLDER (e.g. ../shared/seeds) N times instead,
each copy with its own first line (an outlet's name).
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from charterwatch.incidents.workflow.models import MergeRow
from charterwatch.incidents.workflow.service import ingest_into_store
from charterwatch.store.db import open_store, session_scope

STORY = (
    "Police in Taraz detained blogger Ruslan Abenov on 3 May 2024 over a video about the water supply. "
    "He was released after questioning, his lawyer said. Source number {k} reported it."
)


def _texts(copies: int, articles: Path | None) -> list[str]:
    if articles is None:
        return [STORY.format(k=k) for k in range(copies)]
    bodies = [p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt"))]
    return [f"Outlet {k}\n{body}" for body in bodies for k in range(copies)]


def main(copies: int, articles: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl"
        lines = [
            json.dumps({"url": f"https://outlet{k}.example/a", "date": "2024-05-04", "text": text})
            for k, text in enumerate(_texts(copies, articles))
        ]
        feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
        engine = open_store(f"sqlite:///{Path(folder) / 'charterwatch.db'}")
        started = time.perf_counter()
        with session_scope(engine) as session:
            ingest_into_store(session, [feed])
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
        with session_scope(engine) as session:
            rows = list(session.scalars(select(MergeRow)))
            size = sum(len(json.dumps(row.before)) + len(json.dumps(row.absorbed)) for row in rows)
        engine.dispose()
        database = (Path(folder) / "charterwatch.db").stat().st_size
    print(
        f"{len(lines)} sources: {len(rows)} merges logged, {elapsed:.1f} s, peak memory {peak / 2**20:.0f} MB, "
        f"merge log JSON {size / 2**20:.1f} MB, SQLite file {database / 2**20:.1f} MB"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, Path(sys.argv[2]) if len(sys.argv) > 2 else None)
