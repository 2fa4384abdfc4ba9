"""The monitors' workflow around extraction: ingest (with publication dates), the store, review, merging
across sources with an undo log, and what each audience may see of an incident (privacy, visibility, the
public edition). ``service.py`` is what the CLI and the web app call.
"""
