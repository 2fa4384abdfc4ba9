"""Time PDF import by extractor: a 200-page PDF made by repeating the pages of the bundled PDF fixture.

Run: `.venv/bin/python bench/bench_pdf.py`. Prints seconds per extractor for reading (text extraction, running
lines dropped, wrapped lines joined) and for reading plus parsing; the goal is under 5 s for 200 pages.
"""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from charterwatch.texts.parse import parse_text
from charterwatch.texts.readers_pdf import pdftotext_available, read_pdf

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "texts" / "kz-1995-ru-excerpt.pdf"
PAGES = 200


def big_pdf() -> bytes:
    source = PdfReader(FIXTURE)
    writer = PdfWriter()
    while len(writer.pages) < PAGES:
        for page in source.pages:
            if len(writer.pages) < PAGES:
                writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main() -> None:
    raw = big_pdf()
    extractors = ["pypdf", *(["pdftotext"] if pdftotext_available() else [])]
    print(f"{PAGES}-page PDF, {len(raw) / 1024:.0f} KiB")
    for extractor in extractors:
        reads, totals = [], []
        for _ in range(3):
            start = time.perf_counter()
            text, _ = read_pdf(raw, path="bench.pdf", extractor=extractor)  # type: ignore[arg-type]
            read = time.perf_counter() - start
            parse_text(text, lang="ru")
            reads.append(read)
            totals.append(time.perf_counter() - start)
        print(
            f"{extractor:>10}: read {statistics.median(reads):.2f} s, read + parse {statistics.median(totals):.2f} s"
        )


if __name__ == "__main__":
    main()
