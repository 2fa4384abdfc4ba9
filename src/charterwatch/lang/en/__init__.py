"""English: spaCy's small English pipeline (tagger, dependency parser, named entities, lemmas)."""
