"""Kazakh: function words; no morphological analyser yet, so domains compare Kazakh words by their prefixes."""
