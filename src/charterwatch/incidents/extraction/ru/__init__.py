"""Russian parts of the extraction pipeline: natasha's tagger with the word-order rules, and the natasha parse."""
