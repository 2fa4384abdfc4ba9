"""Public consultation: proposals, duplicates, themes and uptake (to come)."""
