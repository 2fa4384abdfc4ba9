"""The language layer every domain shares: what a text's language is, its tokens, words and numbers.

- ``detect.py``: one language detector (en, ru, kk; de and zh for consultations abroad), no model.
- ``tokens.py``: tokens with character offsets (spaCy's rules for English, razdel for Russian and Kazakh).
- ``stop_words.py``: function words per language, kept as data in each language package.
- ``numbers.py``: counts written as words, gathered from the language packages.

Each language has a package of the same shape (``en/``, ``ru/``, ``kk/``, ``de/``) holding what applies to
it: ``stop_words.txt``, ``numbers.py``, ``syntax.py`` (spaCy's English parser), ``morph.py`` (the one cached
Russian analyser, pymorphy3) and ``names.py`` (Russian names in the nominative). Models and dictionaries ship
inside PyPI packages and load lazily, so importing charterwatch costs nothing until a text needs them.
"""
