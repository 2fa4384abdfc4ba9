"""Method ids: the name under which a stored result was computed, derived from the code and data that made it.

A hand-typed name (``texts.align.v1``) stays the same when nobody remembers to bump it, and a store then keeps
serving results an older aligner made. ``method_id("texts.compare", modules=["charterwatch.texts.compare"])``
instead hashes the package version, the source of the listed modules *and of every charterwatch module they
import* (found by reading their ``import`` statements, lazy ones inside functions included), the bytes of the listed data files
and the versions of the listed libraries: ``texts.compare@0.1.0+3f9a1c2b7d4e``. Any edit to any of them gives a
new id, so a stored result is reused only when the code that would recompute it is the code that made it.

The id is computed once per process (some milliseconds: reading some tens of modules).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Final

PACKAGE: Final = "charterwatch"
ROOT: Final = Path(__file__).resolve().parent
# Not hashed: the package's public surface (re-exports, and its version is hashed on its own), the error
# catalogue (messages, not results), both of which change with every feature and would make every result look
# stale, and this module (it names results, it does not make them).
NOT_HASHED: Final = frozenset({PACKAGE, f"{PACKAGE}.errors", f"{PACKAGE}.provenance"})
HASH_CHARS: Final = 12
MAX_LENGTH: Final = 64  # the width of the ``method`` columns
# "from charterwatch.x import a, b" (parenthesised over lines too) or "import charterwatch.x as y, ...",
# at any indentation: lazy imports inside functions count
_IMPORT: Final = re.compile(
    r"^[ \t]*(?:from[ \t]+(charterwatch(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)"
    r"|import[ \t]+(charterwatch[^\n#]*))",
    re.MULTILINE,
)


def method_id(
    name: str,
    *,
    modules: Sequence[str],
    data: Sequence[str] = (),
    libraries: Sequence[str] = (),
    root: Path = ROOT,
) -> str:
    """``name@version+hash`` of the code (``modules`` and what they import), ``data`` and ``libraries``.

    ``modules`` are dotted charterwatch module names; ``data`` are files or folders relative to the package
    (``rights/data``); ``libraries`` are distribution names whose installed version is part of the method
    (``pymorphy3``: its dictionaries decide the lemmas). ``root`` is the package's folder (another copy of
    it, in tests). The installed package's ids are cached per process; another root's are computed each time.
    """
    key = (name, tuple(modules), tuple(data), tuple(libraries))
    return _installed_method_id(*key) if root == ROOT else _method_id(*key, root)


@cache
def _installed_method_id(
    name: str, modules: tuple[str, ...], data: tuple[str, ...], libraries: tuple[str, ...]
) -> str:
    return _method_id(name, modules, data, libraries, ROOT)


def _method_id(
    name: str, modules: tuple[str, ...], data: tuple[str, ...], libraries: tuple[str, ...], root: Path
) -> str:
    digest = hashlib.sha256()
    for module in module_closure(modules, root=root):
        _feed(digest, module, module_path(module, root=root).read_bytes())
    for path in data_files(data, root=root):
        _feed(digest, path.relative_to(root).as_posix(), path.read_bytes())
    for library in sorted(libraries):
        _feed(digest, library, _library_version(library).encode())
    method = f"{name}@{package_version()}+{digest.hexdigest()[:HASH_CHARS]}"
    if len(method) > MAX_LENGTH:
        raise ValueError(f"method id {method!r} is longer than {MAX_LENGTH} characters")
    return method


def method_name(method: str) -> str:
    """The readable part of a method id (``texts.compare``), or the whole of a hand-typed name."""
    return method.split("@", 1)[0]


def package_version() -> str:
    from charterwatch import __version__

    return __version__


def module_path(module: str, *, root: Path = ROOT) -> Path:
    """The source file of a charterwatch module (a package's ``__init__.py``)."""
    if module != PACKAGE and not module.startswith(PACKAGE + "."):
        raise ValueError(f"{module!r} is not a charterwatch module")
    base = root.joinpath(*module.split(".")[1:])
    for path in (base / "__init__.py", base.with_suffix(".py")):
        if path.is_file():
            return path
    raise ValueError(f"no source for module {module!r}")


def module_closure(roots: Iterable[str], *, root: Path = ROOT) -> list[str]:
    """The modules ``roots`` import, directly or not, within charterwatch, sorted (``NOT_HASHED`` left out).

    Read statically, so imports inside functions and under ``TYPE_CHECKING`` count too: the hash may change
    for an edit that cannot change a result, never the other way round. A package counts when an import
    names it (``from charterwatch.texts.compare import compare``), not merely for holding a module.
    """
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        module = todo.pop()
        if module not in seen:
            module_path(module, root=root)  # an unknown root is an error, not an empty hash
            seen.add(module)
            todo.extend(_imports(module, root) - seen)
    return sorted(seen - NOT_HASHED)


def data_files(data: Iterable[str], *, root: Path = ROOT) -> list[Path]:
    """Every file under the listed package-relative files and folders (caches skipped), sorted."""
    files: set[Path] = set()
    for entry in data:
        path = root / entry
        if path.is_file():
            files.add(path)
        elif path.is_dir():
            files.update(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        else:
            raise ValueError(f"no data file or folder {entry!r} in the package")
    return sorted(files)


def _imports(module: str, root: Path) -> set[str]:
    """The charterwatch modules named by ``module``'s import statements (a regular expression, not ``ast``:
    ten times faster, and a docstring line that looks like an import only adds a module to hash)."""
    named: set[str] = set()
    for found in _IMPORT.finditer(module_path(module, root=root).read_text(encoding="utf-8")):
        origin, names, plain = found.groups()
        if plain is not None:
            named.update(part.split()[0] for part in plain.split(",") if part.strip())
        else:
            named.add(origin)
            for part in re.sub(r"#[^\n]*", "", names).strip().strip("()").split(","):
                if part.split():
                    named.add(f"{origin}.{part.split()[0]}")
    return {n for n in named if n.split(".")[0] == PACKAGE and n not in NOT_HASHED and _is_module(n, root)}


def _is_module(module: str, root: Path) -> bool:
    try:
        module_path(module, root=root)
    except ValueError:
        return False
    return True


def _feed(digest: hashlib._Hash, label: str, content: bytes) -> None:
    """Label and length first, so moving bytes from one file to the next changes the hash."""
    digest.update(f"{label}\0{len(content)}\0".encode())
    digest.update(content)


def _library_version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"
