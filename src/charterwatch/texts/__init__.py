"""Texts and versions: import, parse, store and export constitutions."""
