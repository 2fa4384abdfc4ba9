"""Benchmark: how fast and in how little memory hostile files are refused (zip bombs, crafted archives, wide CSV).

Run: ``.venv/bin/python bench/bench_hostile.py``. Each case runs in its own Python process, so its memory is
that process's peak resident set, measured after the imports a read needs (the figure is what the read adds);
the files are made with tests/zip_crafting.py. Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from zip_crafting import Entry, archive, bomb, deflated, document_xml, docx_bomb, docx_parts  # noqa: E402

PARAGRAPH = b"<w:p><w:r><w:t>Article 1. Everyone has the right to a word of their own.</w:t></w:r></w:p>"


def make_cases(folder: Path) -> dict[str, Path]:
    """The hostile files, by the name the table gives them."""
    liar = bomb("word/document.xml", chunk=b" " * 2**20, copies=1024, with_crc=False)
    crowd = [deflated(f"word/media/{n}.xml", b"<x/>") for n in range(2_500)]
    files = {
        "docx bomb: 1 GB in 1 MB": docx_bomb(unpacked_mb=1024),
        "docx bomb under the size limit: 20 MB at ~1,000:1": archive(
            docx_parts(bomb("word/document.xml", chunk=b" " * 2**20, copies=20))
        ),
        "docx whose directory says 1 KB of a 1 GB stream": archive(
            docx_parts(Entry(liar.name, liar.data, zlib.crc32(b" " * 1024), 1024))
        ),
        "docx of 2,503 entries": archive(
            [*docx_parts(deflated("word/document.xml", document_xml(PARAGRAPH))), *crowd]
        ),
    }
    cases = {}
    for n, (name, raw) in enumerate(files.items()):
        path = folder / f"case{n}.docx"
        path.write_bytes(raw)
        cases[name] = path
    wide = folder / "wide.csv"
    wide.write_text(
        "text,"
        + ",".join(f"c{n}" for n in range(1_000_000))
        + "\nKeep article 20,"
        + ",".join("v" * 1_000_000),
        encoding="utf-8",
    )
    cases["CSV of 1,000,000 columns (consultation import)"] = wide
    return cases


def run_case(path: Path) -> dict[str, object]:
    """Read ``path`` as its importer would; time, added resident memory, and the error code."""
    from charterwatch.consult.intake import read_proposals
    from charterwatch.errors import CharterwatchError
    from charterwatch.texts.readers import read_source

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    try:
        if path.suffix == ".csv":
            read_proposals(path)
        else:
            read_source(path)
        code = "read"
    except CharterwatchError as error:
        code = error.code.name
    took = time.perf_counter() - began
    grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    return {"seconds": took, "added_mb": grew / 1024, "code": code}


def main() -> None:
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print("| file | size | refused as | time (ms) | memory added (MB) |")
    print("|---|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for name, path in make_cases(Path(folder)).items():
            script = (
                "import json, sys; sys.path.insert(0, sys.argv[1]); import bench_hostile as b, pathlib; "
                "import docx, pypdf; "
                "print(json.dumps(b.run_case(pathlib.Path(sys.argv[2]))))"
            )
            done = subprocess.run(
                [sys.executable, "-c", script, str(ROOT / "bench"), str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            size = path.stat().st_size / 2**20
            print(
                f"| {name} | {size:.2f} MB | `{result['code']}` | {result['seconds'] * 1000:.0f} | "
                f"{result['added_mb']:.1f} |"
            )


if __name__ == "__main__":
    main()
