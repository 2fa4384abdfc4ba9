"""Texts as sets of hashed character shingles, and their MinHash signatures.

Character shingles, not word shingles: one typo changes one word, which breaks every word n-gram through it
(a short proposal loses half its word trigrams) but only ``k`` of its character n-grams. Hashing runs in
numpy over the whole text at once; datasketch then turns the hashes into MinHash signatures for its LSH index.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Final

import numpy as np
import numpy.typing as npt
from datasketch import MinHash  # type: ignore[import-untyped]

NUM_PERM: Final = 128
SEED: Final = 1
SHINGLE: Final = 5
SHINGLE_HAN: Final = 3  # a Han character carries about as much as two or three Latin letters
_NOT_WORD = re.compile(r"[\W_]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_POWERS: dict[int, npt.NDArray[np.uint64]] = {}
_MIX: Final = np.array([0x9E3779B97F4A7C15], dtype=np.uint64)
Hashes = npt.NDArray[np.uint64]


def normalise(text: str) -> str:
    """Case, accents' compatibility forms, ё and punctuation folded away; words joined by single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return _NOT_WORD.sub(" ", folded).strip()


def text_hash(normalised: str) -> str:
    """The key of exact duplicates: equal after ``normalise``."""
    return hashlib.blake2b(normalised.encode("utf-8"), digest_size=12).hexdigest()


def shingle_size(normalised: str) -> int:
    return SHINGLE_HAN if len(_HAN.findall(normalised[:200])) > 20 else SHINGLE


def shingle_hashes(normalised: str, *, size: int | None = None) -> Hashes:
    """Sorted unique 32-bit hashes of the text's character ``size``-grams (the whole text if shorter)."""
    k = size or shingle_size(normalised)
    codes = np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) == 0:
        return np.zeros(0, dtype=np.uint64)
    k = min(k, len(codes))
    if k not in _POWERS:
        _POWERS[k] = np.array([pow(1_000_003, j, 2**64) for j in range(k)], dtype=np.uint64)
    windows = np.lib.stride_tricks.sliding_window_view(codes, k)
    mixed = (windows * _POWERS[k]).sum(axis=1, dtype=np.uint64) * _MIX
    return np.unique(mixed >> np.uint64(32))


class Signer:
    """MinHash signatures that share one set of permutations (building them per text would dominate the run)."""

    def __init__(self, *, num_perm: int = NUM_PERM, seed: int = SEED) -> None:
        prototype = MinHash(num_perm=num_perm, seed=seed)
        self.num_perm = num_perm
        self._permutations = prototype.permutations
        self._scheme = prototype.scheme

    def sign(self, hashes: Hashes) -> MinHash:
        signature = MinHash(
            num_perm=self.num_perm, permutations=self._permutations, hashfunc=int, scheme=self._scheme
        )
        if len(hashes):
            signature.update_batch(hashes.tolist())
        return signature


def jaccard(a: Hashes, b: Hashes) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    if not len(a) or not len(b):
        return 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)
