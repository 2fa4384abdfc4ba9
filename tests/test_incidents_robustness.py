"""The extractor never crashes outside the error catalogue: random, truncated and mutated real text.

Real news is cut mid-sentence, carries captions, tables and stray markup; a monitor's batch must not die on
one page. The texts mutated here are the development news sets when ``shared/`` is beside the checkout, and
sentences we wrote otherwise. Every incident that comes out must still cite its words exactly.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.model import filled_fields
from conftest import SHARED_DIR

OUR_TEXTS = {
    "en": (
        "Police in Almaty detained activist Dana Ermekova on 3 March 2025 and fined her 50,000 tenge. "
        "Her colleagues, journalists Arman Sadykov and Li Wei, were questioned for five hours the next day.\n"
        "A court later sentenced the blogger to 10 days of administrative arrest, her lawyer said."
    ),
    "ru": (
        "Полиция Алматы задержала активистку Дану Ермекову 3 марта 2025 года и оштрафовала её на 50 тысяч "
        "тенге. Её коллег, журналистов Армана Садыкова и Ли Вэя, на следующий день допрашивали пять часов.\n"
        "Позже суд арестовал блогера на 10 суток, сообщил её адвокат."
    ),
}


def _real_texts(language: str) -> list[str]:
    folder = SHARED_DIR / "gold" / f"news-dev-{language}"
    files = sorted(folder.glob("*.txt"))[:12] if folder.is_dir() else []
    return [OUR_TEXTS[language], *(p.read_text(encoding="utf-8") for p in files)]


TEXTS = {language: _real_texts(language) for language in ("en", "ru")}


def _check(text: str, language: str) -> None:
    for incident in extract(text, source=make_source(text, language=language, published="2025-03-05")):
        assert set(filled_fields(incident)) <= {e.field for e in incident.evidence}
        for evidence in incident.evidence:
            assert text[evidence.start : evidence.end] == evidence.quote


@st.composite
def mutated(draw: st.DrawFn, language: str) -> str:
    """A real text cut at random points, with random characters and lines spliced in."""
    text = draw(st.sampled_from(TEXTS[language]))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    end = draw(st.integers(start, min(len(text), start + 1_500)))
    piece = text[start:end]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(piece)))
        noise = draw(st.text(max_size=12) | st.sampled_from(["\n\n", " -- ", "“", "(", ")", "5", "»", "\t"]))
        piece = piece[:at] + noise + piece[at:]
    return piece


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ru"])
def test_mutated_real_text_never_crashes(language: str) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated(language))
    def run(text: str) -> None:
        _check(text, language)

    run()


@given(st.text(max_size=400))
@settings(max_examples=40, deadline=None)
def test_random_text_never_crashes(text: str) -> None:
    _check(text, "en")
    _check(text, "ru")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_development_text_extracts(language: str) -> None:
    folder = SHARED_DIR / "gold" / f"news-dev-{language}"
    if not folder.is_dir():
        pytest.skip(f"no development news set at {folder}")
    for path in sorted(folder.glob("*.txt")):
        _check(path.read_text(encoding="utf-8"), language)
