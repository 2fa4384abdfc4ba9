"""Where the aligner's thresholds come from: similarity of true pairs under edits vs. pairs that are not.

Run: ``.venv/bin/python bench/tune_align.py``. Uses only the bundled texts one at a time and synthetic
edits of them (never the answers of a real pair of versions) and prints, per measure, quantiles of

- **null**: two different articles of one text (every pair, each row's best, and neighbours), and a foreign
  article (``donors.py``) against its best match in the text: what a match looks like when there is none;
- **true**: an article against a copy of itself with its wording edited at rate r, as ``synthetic.py`` does;
- **pieces**: containment of one half of an article (split at a paragraph) in the article, less the other
  half, after edits; and of a foreign article in its best five candidates, less their edited copies (at
  r=0.4, the last rate): the null for pieces, as the aligner meets it.
"""

from __future__ import annotations

import random

import numpy as np

from charterwatch.texts.compare.donors import donor_texts
from charterwatch.texts.compare.normalise import normalise
from charterwatch.texts.compare.similarity import Scorer, containment
from charterwatch.texts.compare.synthetic import edit_words
from charterwatch.texts.corpus import corpus_entries
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import Provision

RATES = (0.1, 0.2, 0.3, 0.4)
QUANTILES = (1, 5, 50, 95, 99, 100)


def q(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in np.percentile(values, QUANTILES)) if values else "-"


def main() -> None:
    rng = random.Random(0)
    rows: dict[str, list[float]] = {}
    for entry in corpus_entries():
        text = parse_text(entry.path().read_text(encoding="utf-8"), lang=entry.lang)
        articles = [a for a in text.articles() if a.norm_text()]
        norm = [normalise(a.norm_text(), lang=entry.lang) for a in articles]
        vocabulary = sorted({w for a in articles for w in a.norm_text().split()})
        donors = [normalise(t, lang=entry.lang) for t in donor_texts(text, entry)]
        for rate in RATES:
            edited = []
            for article in articles:
                copy = Provision.from_dict(article.to_dict())
                edit_words(rng, copy, rate, vocabulary, {"deleted": 0, "inserted": 0})
                edited.append(normalise(copy.norm_text(), lang=entry.lang))
            _, sim = Scorer.fit(norm, edited)
            rows.setdefault(f"true cosine, r={rate}", []).extend(np.diag(sim).tolist())
            if rate == 0.3:
                off = sim.copy()
                np.fill_diagonal(off, 0.0)
                rows.setdefault("null cosine: any two articles", []).extend(
                    off[np.triu_indices(len(norm), 1)]
                )
                rows.setdefault("null cosine: best other article", []).extend(off.max(axis=1).tolist())
                rows.setdefault("null cosine: next article", []).extend(np.diag(off, 1).tolist())
        _, donor_sim = Scorer.fit(norm, donors)
        if donors:
            name = f"null cosine: foreign article, best, {entry.lang}"
            rows.setdefault(name, []).extend(donor_sim.max(axis=0).tolist())
        for rate in RATES:
            for article in articles:
                children = article.norm_children()
                if len(children) < 2:
                    continue
                cut = len(children) // 2
                copies = [Provision.from_dict(c.to_dict()) for c in children]
                first = Provision(kind="article", eid="", text=article.text, children=copies[:cut])
                second = Provision(kind="article", eid="", children=copies[cut:])
                for piece in (first, second):
                    edit_words(rng, piece, rate, vocabulary, {"deleted": 0, "inserted": 0})
                whole = normalise(article.norm_text(), lang=entry.lang)
                a, b = (normalise(p.norm_text(), lang=entry.lang) for p in (first, second))
                rows.setdefault(f"true piece containment, r={rate}", []).append(
                    containment(b, whole, siblings=[a])
                )
        for k, donor in enumerate(donors):
            for i in np.argsort(-donor_sim[:, k])[:5].tolist():
                # as the aligner sees it: what is left of a kept (edited) article once its partner took its part
                name = f"null piece containment: foreign, {entry.lang}"
                rows.setdefault(name, []).append(containment(donor, norm[i], siblings=[edited[i]]))
    print(f"| measure | n | {' | '.join(f'p{x}' for x in QUANTILES)} |")
    print(f"|---|---:|{'---:|' * len(QUANTILES)}")
    for name, values in rows.items():
        print(f"| {name} | {len(values)} | {q(values).replace(' ', ' | ')} |")


if __name__ == "__main__":
    main()
