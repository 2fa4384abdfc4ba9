"""The package's public surface and its documentation."""

from __future__ import annotations

from pathlib import Path

import charterwatch
from charterwatch.errors import E

ROOT = Path(__file__).resolve().parents[1]


def test_public_names_are_sorted_and_importable() -> None:
    assert charterwatch.__all__ == sorted(charterwatch.__all__)
    for name in charterwatch.__all__:
        assert getattr(charterwatch, name) is not None


def test_every_error_has_a_one_line_message_and_a_status() -> None:
    for code in E:
        spec = code.spec
        assert "\n" not in spec.message, code
        assert spec.exit_status in (2, 3, 4), code
        assert 400 <= spec.http_status < 600, code


def test_readme_opens_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```")]
    assert [line.split()[:2] for line in block] == [["make", "demo"], ["make", "test"]]
    assert lines.index("```sh") < 5


def test_bundled_corpus_keeps_its_sources() -> None:
    data = ROOT / "src" / "charterwatch" / "texts" / "corpus_data"
    sources = (data / "SOURCES.md").read_text(encoding="utf-8")
    for text in sorted(data.glob("*.txt")):
        assert text.name in sources
