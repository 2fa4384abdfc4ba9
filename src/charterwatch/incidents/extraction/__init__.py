"""Extraction: text in, incidents out, through a pipeline of named components (``pipeline.py``).

``extract.py`` is the entry point; the language-neutral components follow the order they run in: sentences,
dates, places, coreference, sanctions, legal basis, assembly, de-duplication; ``frames.py``, ``lexicon.py``,
``geo.py`` and ``names.py`` hold what they share. The language parts (mentions, triggers, victims and the
dependency parses) live in ``en/`` and ``ru/``.
"""
