"""Russian: pymorphy3's morphology (with its bundled OpenCorpora dictionaries) and natasha's parsers."""
