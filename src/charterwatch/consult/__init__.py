"""Public consultation: proposals read in, duplicates and campaigns found, themes, routing and uptake.

``model.py`` holds the plain dataclasses every step passes around; ``intake.py`` reads CSV and JSON Lines
(Polis comment files as they are); ``dedup.py`` groups copies and near-copies (MinHash LSH, then a word-level
check in ``verify.py``) and ``campaigns.py`` finds form-letter campaigns among the groups; ``synthetic.py``
makes consultations with a known answer; ``themes.py`` clusters ideas (sentence embeddings from the optional
``embeddings`` extra for English, TF-IDF otherwise) and labels them with c-TF-IDF keywords. See docs/consult.md.
"""
