"""Method ids: any change to the code or data a result is made from gives a new id; anything else does not."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from charterwatch.provenance import NOT_HASHED, ROOT, data_files, method_id, method_name, module_closure
from charterwatch.rights.audit import audit_method
from charterwatch.texts.compare import comparison_method

COMPARE = {"modules": ["charterwatch.texts.compare"]}
AUDIT = {"modules": ["charterwatch.rights", "charterwatch.rights.audit"], "data": ["rights/data"]}


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the texts and rights packages to edit, laid out as the installed package is."""
    root = tmp_path / "charterwatch"
    for part in ("texts", "rights"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns("__pycache__", "corpus_data"))
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_ids_name_the_method_the_version_and_a_hash() -> None:
    compare_id, audit_id = comparison_method(), audit_method()
    assert re.fullmatch(r"texts\.compare@\d+\.\d+\.\d+\S*\+[0-9a-f]{12}", compare_id)
    assert re.fullmatch(r"rights\.audit@\d+\.\d+\.\d+\S*\+[0-9a-f]{12}", audit_id)
    assert method_name(compare_id) == "texts.compare" and method_name("texts.align.v1") == "texts.align.v1"
    assert comparison_method() == compare_id and len(compare_id) <= 64


def test_a_changed_constant_gives_a_new_id_and_an_unrelated_module_does_not(package: Path) -> None:
    before = method_id("t", **COMPARE, root=package)
    align = package / "texts/compare/align.py"
    threshold = re.search(r"^([A-Z_]+) = (0\.\d+)", align.read_text(encoding="utf-8"), re.MULTILINE)
    assert threshold is not None
    edit(package / "texts/readers_pdf.py", '"""', '"""Not read by the comparison. ')
    assert method_id("t", **COMPARE, root=package) == before
    edit(align, threshold.group(0), f"{threshold.group(1)} = {threshold.group(2)}1")
    changed = method_id("t", **COMPARE, root=package)
    assert changed != before
    edit(package / "texts/tree.py", '"""', '"""The tree every comparison reads. ')
    assert method_id("t", **COMPARE, root=package) not in {before, changed}


def test_a_changed_data_file_gives_a_new_id(package: Path) -> None:
    before = method_id("t", **AUDIT, root=package)
    cues = package / "rights/data/cues.yaml"
    cues.write_bytes(cues.read_bytes() + b"\n")
    assert method_id("t", **AUDIT, root=package) != before


def test_a_library_version_is_part_of_the_id() -> None:
    assert method_id("t", **COMPARE) != method_id("t", **COMPARE, libraries=["scipy"])
    assert method_id("t", **COMPARE, libraries=["no-such-library-here"]) != method_id("t", **COMPARE)


def test_lazy_imports_count_and_the_error_catalogue_does_not() -> None:
    closure = module_closure(["charterwatch.texts.compare"])
    assert {"charterwatch.texts.compare.align", "charterwatch.texts.compare.paragraphs"} <= set(closure)
    assert "charterwatch.texts.tree" in closure
    assert "charterwatch.errors" not in closure and "charterwatch" not in closure
    assert "charterwatch.rights.lemmas" in module_closure(AUDIT["modules"])


def test_every_data_folder_a_method_reads_is_hashed() -> None:
    """A module in a method's closure that opens package data must have that data listed in the method."""
    methods = {"comparison": (COMPARE["modules"], []), "audit": (AUDIT["modules"], AUDIT["data"])}
    opener = re.compile(r'resources\.files\("charterwatch\.(\w+)"\)\.joinpath\("(\w+)"')
    for name, (modules, data) in methods.items():
        hashed = {path.relative_to(ROOT).parts[:2] for path in data_files(data)}
        for module in module_closure(modules):
            source = (ROOT / Path(*module.split(".")[1:])).with_suffix(".py")
            if not source.is_file():
                continue
            for package, folder in opener.findall(source.read_text(encoding="utf-8")):
                assert (package, folder) in hashed, f"{name}: {module} reads {package}/{folder}, not hashed"


def test_unknown_modules_and_data_are_refused() -> None:
    with pytest.raises(ValueError, match="no source"):
        method_id("t", modules=["charterwatch.no_such_module"])
    with pytest.raises(ValueError, match="not a charterwatch module"):
        method_id("t", modules=["json"])
    with pytest.raises(ValueError, match="no data file"):
        method_id("t", modules=["charterwatch.texts.tree"], data=["rights/no-such-data"])


def test_the_import_reader_finds_what_python_would_import_in_every_module() -> None:
    """The closure reads imports with a regular expression; on every module of the package it must find what
    ``ast`` finds (multi-line, commented and lazy imports included)."""
    for path in sorted(ROOT.rglob("*.py")):
        module = ".".join(("charterwatch", *path.relative_to(ROOT).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        named: set[str] = set()
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Import):
                named.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                named |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        expected = {
            n for n in named if n.startswith("charterwatch.") and n not in NOT_HASHED and _is_module_file(n)
        }
        assert set(module_closure([module])) >= expected, module


def _is_module_file(module: str) -> bool:
    base = ROOT.joinpath(*module.split(".")[1:])
    return (base / "__init__.py").is_file() or base.with_suffix(".py").is_file()
